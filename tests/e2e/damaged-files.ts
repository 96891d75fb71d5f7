import { closeSync, copyFileSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Damaged copies of real database files, as a failing disk, a power cut or a
 * copy stopped half way leaves them: cut short, overwritten with junk, or
 * with garbled pages in the middle.
 */
export type Damage = 'truncated' | 'garbage' | 'garbled-pages';

const PAGE = 4096;

/** Overwrites whole pages with a pattern that is no valid page of any kind. */
export function garblePages(file: string, pages: readonly number[]): void {
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(PAGE, 0x5a);
  for (const p of pages) writeSync(fd, junk, 0, PAGE, (p - 1) * PAGE);
  closeSync(fd);
}

/** The pages a table and its indexes live on, from SQLite's own page map. */
export function pagesOf(file: string, table: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        'SELECT pageno FROM dbstat WHERE name = ? OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ?)',
      )
      .all(table, table) as { pageno: number }[];
    return rows.map((r) => r.pageno);
  } finally {
    db.close();
  }
}

/**
 * Writes a damaged copy of `source` to `target`. Garbled pages hit `table`
 * (for content.db, one the search loads at its warm-up: the damage that used
 * to stop the service a moment after it started).
 */
export function writeDamagedCopy(source: string, target: string, damage: Damage, table: string): void {
  const bytes = readFileSync(source);
  switch (damage) {
    case 'truncated':
      writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return;
    case 'garbage':
      writeFileSync(target, Buffer.alloc(Math.max(bytes.length, 16 * PAGE), 0x37));
      return;
    case 'garbled-pages':
      copyFileSync(source, target);
      garblePages(target, pagesOf(source, table));
      return;
  }
}
