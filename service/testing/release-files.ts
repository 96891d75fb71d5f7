import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The kiosk's content release, built by `npm test` (and `npm run content:build`) before the tests run. */
export const BUILT_RELEASE = join(import.meta.dirname, '..', '..', 'dist', 'content', 'content.db');
export const RELEASE_PAGE = 4096;

/** The built release's own version (meta.version). */
export function builtVersion(): string {
  const db = new Database(BUILT_RELEASE, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

/**
 * A copy of the built release at `file`, as another publication of it:
 * `version` written into its meta, and `change` run on it (a dropped table,
 * another schema number) before it is closed.
 */
export function releaseVariant(
  file: string,
  opts: { version?: string; change?: (db: Database.Database) => void } = {},
): string {
  copyFileSync(BUILT_RELEASE, file);
  if (opts.version === undefined && opts.change === undefined) return file;
  const db = new Database(file);
  try {
    if (opts.version !== undefined) db.prepare("UPDATE meta SET value = ? WHERE key = 'version'").run(opts.version);
    opts.change?.(db);
  } finally {
    db.close();
  }
  return file;
}

/** Overwrites whole pages with a pattern, as a failing disk would leave them. */
export function garblePages(file: string, pages: readonly number[]): void {
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(RELEASE_PAGE, 0x5a);
  for (const p of pages) writeSync(fd, junk, 0, RELEASE_PAGE, (p - 1) * RELEASE_PAGE);
  closeSync(fd);
}

/** The pages a table and its indexes live on, from SQLite's own page map. */
export function pagesOf(file: string, table: string): number[] {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare('SELECT pageno FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ?)')
    .all(table, table) as { pageno: number }[];
  db.close();
  return rows.map((r) => r.pageno);
}
