import { chmodSync, existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/** The files SQLite keeps for one WAL database: the database, its write-ahead log and the log's index. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * Owner-only (0600), whatever mode each file had: our databases hold
 * citizens' submissions and staff accounts. Called before opening (SQLite
 * gives a new -wal and -shm the database's mode) and after.
 */
export function restrictSqliteModes(file: string): void {
  for (const f of sqliteFiles(file)) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

/**
 * What every database we write gets: WAL, synchronous=FULL (a commit is on
 * the disk before it is acknowledged, so nothing acknowledged is lost on a
 * power cut), secure_delete (a deleted or updated row's text is overwritten
 * with zeros, not left in free space on the disk), foreign keys, and a busy
 * timeout so a second process (a CLI beside the server) waits its turn
 * instead of failing.
 */
export function makeDurable(db: Database, busyTimeoutMs: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}
