import { z } from 'zod';
import { DIRECTORY_KINDS } from '../directory/kinds';
import { DIRECTORY_SCOPES } from '../directory/region';

/** The directory (机构查询): legal-service offices near this terminal, from the content release. */
export const DirectoryKind = z.enum(DIRECTORY_KINDS);

/** No kind: every kind. */
export const DirectoryRequest = z.strictObject({ kind: DirectoryKind.optional() });

export const DirectoryEntry = z.object({
  id: z.string(),
  kind: DirectoryKind,
  name: z.string(),
  /** GB/T 2260 code of the region the office serves. */
  regionCode: z.string(),
  /** How that region stands to the terminal's: see common/directory/region.ts. */
  scope: z.enum(DIRECTORY_SCOPES),
  address: z.string(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  services: z.array(z.string()),
  /** An https link to the office on a map, for a QR code; null when the release has none. */
  mapUrl: z.string().nullable(),
  /** Sample data, not a verified office: the UI must say so. */
  demo: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** The offices for the terminal's region (`regionCode`), nearest region first, then by kind, then by name. */
export const DirectoryResponse = z.object({ regionCode: z.string(), entries: z.array(DirectoryEntry) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;
