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
  return { body: row.body, contentType: 'application/octet-stream', cacheControl: IMMUTABLE };
}

/**
 * Releases held in memory: a few MB each, and when one is published the
 * whole fleet fetches it within minutes — read from the database once per
 * instance and shared by every download, not once per kiosk. A hashed name
 * never changes, so nothing held goes stale; only the latest few are held.
 */
const TARGETS_HELD = 3;

/** The two routes, for the hub's server. */
export function tufFileRoutes(db: HubDb): FileRoute[] {
  // Found ones only, the latest used last: names that are not there (a probe) never push a release out.
  const held = new Map<string, ServedFile>();
  // Reads under way: a release asked for by many kiosks at once is read once.
  const reading = new Map<string, Promise<ServedFile | undefined>>();
  const readTarget = (file: string): Promise<ServedFile | undefined> => {
    const found = held.get(file);
    if (found !== undefined) {
      held.delete(file);
      held.set(file, found);
      return Promise.resolve(found);
    }
    let read = reading.get(file);
    if (read === undefined) {
      read = readTufTarget(db, file)
        .then((got) => {
          if (got !== undefined) held.set(file, got);
          for (const oldest of held.keys()) if (held.size > TARGETS_HELD) held.delete(oldest);
          return got;
        })
        .finally(() => reading.delete(file));
      reading.set(file, read);
    }
    return read;
  };
  return [
    { name: 'tufMetadata', prefix: TUF_FILE_ROUTES.tufMetadata.prefix, read: (f) => readTufMetadata(db, f) },
    { name: 'tufTargets', prefix: TUF_FILE_ROUTES.tufTargets.prefix, read: readTarget },
  ];
}
