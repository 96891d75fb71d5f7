import { parseTufMetadataName, parseTufTargetFileName, TUF_FILE_ROUTES } from '../../common/hub/api/tuf-files';
import type { FileRoute, ServedFile } from '../../server-kit/http/server';
import type { HubDb } from '../storage/schema';

/**
 * The repository's files as the hub serves them (common/hub/api/tuf-files.ts),
 * straight from the database, so every hub instance on it serves the same.
 * A versioned or hashed name never changes: cached for a year, immutable.
 * `timestamp.json` changes at every publish and renewal: cached a minute,
 * so a CDN in front passes a new release on within that.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';
export const TIMESTAMP_CACHE = 'public, max-age=60';

export async function readTufMetadata(db: HubDb, file: string): Promise<ServedFile | undefined> {
  const name = parseTufMetadataName(file);
  if (name === undefined) return undefined;
  let query = db.selectFrom('tuf_metadata').select('body').where('role', '=', name.role);
  query =
    name.version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', name.version);
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    body: row.body,
    contentType: 'application/json; charset=utf-8',
    cacheControl: name.version === undefined ? TIMESTAMP_CACHE : IMMUTABLE,
  };
}

export async function readTufTarget(db: HubDb, file: string): Promise<ServedFile | undefined> {
  const name = parseTufTargetFileName(file);
  if (name === undefined) return undefined;
  const row = await db
    .selectFrom('tuf_targets')
    .select('body')
    .where('name', '=', name.name)
    .where('sha256', '=', name.sha256)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { body: Buffer.from(row.body), contentType: 'application/octet-stream', cacheControl: IMMUTABLE };
}

/** The two routes, for the hub's server. */
export function tufFileRoutes(db: HubDb): FileRoute[] {
  return [
    { name: 'tufMetadata', prefix: TUF_FILE_ROUTES.tufMetadata.prefix, read: (f) => readTufMetadata(db, f) },
    { name: 'tufTargets', prefix: TUF_FILE_ROUTES.tufTargets.prefix, read: (f) => readTufTarget(db, f) },
  ];
}
