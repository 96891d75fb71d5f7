import { z } from 'zod';

/** A release file handed to the kiosk's release store (see `contentInstall` in contract.ts). */
export const ContentInstallRequest = z.strictObject({
  /** An absolute path on the kiosk. */
  file: z.string().min(1).max(4096).startsWith('/', 'expected an absolute path'),
  /** The hub's release number; 0 is the release shipped with the software. */
  releaseNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The version its publisher named; the file's own `meta.version` must match. */
  version: z.string().min(1).max(100).optional(),
});
export type ContentInstallRequest = z.infer<typeof ContentInstallRequest>;

export const ContentInstallResponse = z.object({
  releaseNumber: z.number().int(),
  version: z.string(),
  /** switched: served now; waiting: served from the next idle moment; rolled-back: failed at the switch (see kioskctl content info). */
  switch: z.enum(['switched', 'waiting', 'rolled-back']),
});
export type ContentInstallResponse = z.infer<typeof ContentInstallResponse>;
