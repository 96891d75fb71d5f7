import Database, { type Database as Db } from 'better-sqlite3';
import { CONTENT_SCHEMA_VERSION } from './content-schema';

export class ContentReleaseError extends Error {}

/**
 * Opens a content release read-only. The service never edits a release; the
 * updater replaces it whole. A release built for another schema is refused
 * with a message saying which one to install.
 */
export function openContentDb(file: string): { db: Db; version: string } {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ContentReleaseError(`${file}: cannot open the content release (${(error as Error).message})`);
  }
  const schema = db.pragma('user_version', { simple: true }) as number;
  if (schema !== CONTENT_SCHEMA_VERSION) {
    db.close();
    throw new ContentReleaseError(`${file}: content schema ${schema}, but this software reads schema ${CONTENT_SCHEMA_VERSION}; build or install a matching release`);
  }
  const version = (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value ?? 'unknown';
  return { db, version };
}
