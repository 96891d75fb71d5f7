import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { migrate, type Migration } from './migrations';

/**
 * records.db — what the kiosk itself writes: the outbox of submissions
 * (legal-aid applications, mediation requests, ratings, usage events) and
 * small facts about this terminal. WAL with synchronous=FULL: a submission
 * acknowledged to a citizen survives a power cut.
 */
export const RECORDS_MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row per submission on its way to the hub. payload is the JSON the
      -- hub receives; delivered_at is set once the hub has acknowledged it.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        kind            TEXT NOT NULL,
        reference       TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        created_at      TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error      TEXT,
        delivered_at    TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
    `);
  },
];

export function openRecordsDb(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  migrate(db, RECORDS_MIGRATIONS);
  return db;
}
