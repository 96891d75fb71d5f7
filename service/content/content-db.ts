import Database, { type Database as Db } from 'better-sqlite3';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';

/** Why a release could not be opened: a stable code (the release store records it) beside the message. */
export type ContentReleaseFault = 'wrong-schema' | 'damaged' | 'unreadable';

export class ContentReleaseError extends Error {
  constructor(
    message: string,
    readonly fault: ContentReleaseFault = 'unreadable',
  ) {
    super(message);
  }
}

/** How many of quick_check's findings a message quotes: the first ones say enough to a technician. */
const CHECK_LINES_QUOTED = 3;

/**
 * Opens a content release read-only. The service never edits a release; the
 * updater replaces it whole. A release built for another schema is refused
 * with a message saying which one to install.
 *
 * A damaged file (truncated, overwritten, not a database at all) is refused
 * here too, as a ContentReleaseError, so the service starts without content
 * instead of dying on it: every read of the file, the header included, is
 * inside the try. `quick_check` reads every page once (tens of milliseconds
 * for the shipped release), so a garbled page is found at start and not by
 * a citizen's query or the search warm-up. It skips what integrity_check adds
 * (index-against-table consistency): a release is written once by our
 * builder and verified by hash before it is installed, so what can go wrong
 * later is the disk, which shows as damaged pages.
 */
export function openContentDb(file: string): { db: Db; version: string } {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema !== CONTENT_SCHEMA_VERSION) {
      throw new ContentReleaseError(
        `${file}: content schema ${schema}, but this software reads schema ${CONTENT_SCHEMA_VERSION}; build or install a matching release`,
        'wrong-schema',
      );
    }
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new ContentReleaseError(
        `${file}: the content release is damaged (quick_check: ${problems.slice(0, CHECK_LINES_QUOTED).join('; ')}); install the release again`,
        'damaged',
      );
    }
    const version =
      (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string } | undefined)?.value ??
      'unknown';
    return { db, version };
  } catch (error) {
    db?.close();
    if (error instanceof ContentReleaseError) throw error;
    // SQLite's words for a file it cannot take as a database: the disk garbled it, or it never was one.
    const damaged = /^SQLITE_(CORRUPT|NOTADB)/.test((error as { code?: unknown }).code as string);
    throw new ContentReleaseError(
      `${file}: cannot read the content release (${(error as Error).message})`,
      damaged ? 'damaged' : 'unreadable',
    );
  }
}
