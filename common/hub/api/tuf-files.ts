import { z } from 'zod';
import type { HubAccess } from './access';

/**
 * The hub's TUF repository over HTTP (hub/releases/): public files, read
 * by kiosks, a CDN or an object store in front, or anyone — no session, no
 * header: their integrity comes from the signatures, and the content is
 * public law text. Consistent snapshots, so every name but
 * `timestamp.json` names a file that never changes:
 *  - metadata: `N.root.json`, `N.targets.json`, `N.snapshot.json`, `timestamp.json`,
 *    and `N.releases.json` (the role targets delegates content releases to);
 *  - targets: `<sha256>.<name>`, e.g. `<sha256>.content-release-3.db`.
 * Any other name is a 404 without the storage being asked.
 *
 * These are routes of the hub like those of its JSON contract, in a table
 * of their own because they answer files, not JSON: the route × caller
 * test is generated from it too.
 */
export const TUF_FILE_ROUTES = {
  tufMetadata: { prefix: '/tuf/metadata/', access: 'anyone' },
  tufTargets: { prefix: '/tuf/targets/', access: 'anyone' },
} as const satisfies Record<string, { prefix: `/tuf/${string}/`; access: HubAccess }>;
export type TufFileRouteName = keyof typeof TUF_FILE_ROUTES;

/** What a metadata file name stands for. */
export type TufMetadataName =
  { role: 'root' | 'targets' | 'snapshot' | 'releases'; version: number } | { role: 'timestamp'; version?: undefined };

/** A version in a file name: 1 and up, no leading zero, within what the database stores. */
const VERSION = '([1-9][0-9]{0,8})';
const METADATA_NAME = new RegExp(`^(?:${VERSION}\\.(root|targets|snapshot|releases)|timestamp)\\.json$`);

export function parseTufMetadataName(name: string): TufMetadataName | undefined {
  const m = METADATA_NAME.exec(name);
  if (m === null) return undefined;
  if (m[2] === undefined) return { role: 'timestamp' };
  return { role: m[2] as 'root' | 'targets' | 'snapshot' | 'releases', version: Number(m[1]) };
}

/** A target's own name: letters, digits, `-`, `_` and dots between them; no path. */
const TARGET_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const HASHED_TARGET_NAME = /^([0-9a-f]{64})\.(.{1,200})$/;

/** A target file name as served (`<sha256>.<name>`). */
export function parseTufTargetFileName(file: string): { sha256: string; name: string } | undefined {
  const m = HASHED_TARGET_NAME.exec(file);
  if (m === null || !TARGET_NAME.test(m[2]!)) return undefined;
  return { sha256: m[1]!, name: m[2]! };
}

/** The TUF target name of a published content release (the one inside a kiosk's install is number 0). */
export const contentReleaseTargetName = (releaseNumber: number): string => `content-release-${releaseNumber}.db`;

/** A content release target's `custom` field: what a kiosk knows of a release before downloading it. */
export const ContentReleaseCustom = z.object({
  /** The hub's number for it: strictly higher than every earlier release's. */
  releaseNumber: z.number().int().min(1),
  /** Its `meta.version`, e.g. `2026.12.07-1a2b3c4d`. */
  version: z.string().min(1),
  /** Its `PRAGMA user_version`: the content schema it is built for. */
  schemaVersion: z.number().int(),
});
export type ContentReleaseCustom = z.infer<typeof ContentReleaseCustom>;
