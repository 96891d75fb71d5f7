import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { makeDurable, restrictSqliteModes } from '../../server-kit/sqlite/files';
import { DatabaseTooNewError, migrate, type Migration } from '../../server-kit/sqlite/migrations';
import type { SubmissionKind } from '../../common/api/submissions';
import { storePhoneSuffix } from '../case-status/case-status-store';

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
  // 2: receipts and reference serials for submissions; daily usage figures.
  (db) => {
    db.exec(`
      -- The receipt (Receipt JSON, reference filled in) printed for a
      -- submission, NULL when it has none. receipt_printed_at is set when the
      -- printer reports the job printed; a crash before that leaves it NULL,
      -- and such a receipt is printed again only on request.
      ALTER TABLE outbox ADD COLUMN receipt TEXT CHECK (receipt IS NULL OR json_valid(receipt));
      ALTER TABLE outbox ADD COLUMN receipt_printed_at TEXT;
      ALTER TABLE outbox ADD COLUMN receipt_prints INTEGER NOT NULL DEFAULT 0;
      -- A row waiting for its first attempt is due at once: the pending
      -- lookup is then one range search on outbox_pending.
      UPDATE outbox SET next_attempt_at = created_at WHERE next_attempt_at IS NULL AND delivered_at IS NULL;
      CREATE INDEX outbox_unprinted ON outbox (created_at) WHERE receipt IS NOT NULL AND receipt_printed_at IS NULL;

      -- Submissions per local day: the n-th one of a day gets serial n of
      -- that day's reference numbers (see common/reference-number.ts).
      CREATE TABLE reference_serials (
        day  TEXT PRIMARY KEY,
        last INTEGER NOT NULL CHECK (last >= 1)
      ) STRICT;

      -- Usage figures: how many times per local day (YYYY-MM-DD) something
      -- happened, by metric and key (topic, template, score…). No personal data.
      CREATE TABLE daily_stats (
        day    TEXT NOT NULL,
        metric TEXT NOT NULL,
        key    TEXT NOT NULL DEFAULT '',
        count  INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (day, metric, key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
  // 3: 查询进度 — checking a phone suffix without the payload, and the statuses learned from the hub.
  (db) => {
    db.exec(`
      -- A salted hash of the last four digits of the phone given with a
      -- legal-aid application or mediation request, written with the outbox
      -- row: a lookup checks the digits without the payload, which is sealed
      -- while it waits and deleted once delivered (see case-status/phone-suffix.ts).
      CREATE TABLE phone_suffix_hashes (
        reference TEXT PRIMARY KEY,
        scheme    TEXT NOT NULL,
        salt      BLOB NOT NULL,
        hash      BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- The last status the kiosk learned of a case, from an online lookup or
      -- the hub's push: what an offline lookup shows. status is the hub's
      -- KioskCaseStatus JSON (no personal data). phone_* hold the digits of a
      -- successful online lookup of a case taken at another kiosk.
      CREATE TABLE case_status_cache (
        reference   TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (json_valid(status)),
        changed_at  TEXT NOT NULL,
        learned_at  TEXT NOT NULL,
        phone_scheme TEXT,
        phone_salt  BLOB,
        phone_hash  BLOB
      ) STRICT;
    `);
    // Cases already waiting in the outbox: their digits are hashed now, while the payload still holds the phone.
    backfillPhoneSuffixes(db);
  },
  // 4: content releases installed from the hub, and what went wrong with them.
  (db) => {
    db.exec(`
      -- The releases in <data>/content/releases/: 'active' is the one the
      -- service serves (switching to it between sessions), 'previous' the
      -- one it falls back to. Both change in one transaction. The release
      -- shipped with the software (number 0) has no row: it is always there,
      -- the last fallback. file is a name inside the store folder.
      CREATE TABLE content_releases (
        slot           TEXT PRIMARY KEY CHECK (slot IN ('active', 'previous')),
        release_number INTEGER NOT NULL CHECK (release_number >= 1),
        version        TEXT NOT NULL,
        file           TEXT NOT NULL,
        installed_at   TEXT NOT NULL
      ) STRICT;

      -- A release refused at install, left at start because it failed its
      -- checks, or rolled back after a switch: reason is a stable code,
      -- detail the technician's text. reported_at is set once the hub knows.
      CREATE TABLE content_release_events (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('refused', 'fallback', 'rolled-back')),
        release_number INTEGER NOT NULL,
        version        TEXT,
        reason         TEXT NOT NULL,
        detail         TEXT NOT NULL,
        reported_at    TEXT
      ) STRICT;
    `);
  },
  // 5: commands from the hub, and maintenance mode.
  (db) => {
    db.exec(`
      -- Each command the hub sent, by its id, so that one offered again is
      -- not run again. status is NULL while it runs or waits (a screenshot
      -- waits for the attract loop); reported_at is set once the hub has
      -- the result. A restart's result is written before the service exits
      -- and reported after it starts again.
      CREATE TABLE hub_commands (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        status         TEXT CHECK (status IN ('done', 'failed', 'unsupported')),
        detail         TEXT,
        payload        TEXT,
        finished_at    TEXT,
        reported_at    TEXT
      ) STRICT;

      -- One row while the kiosk is in maintenance mode (设备维护中): kept
      -- across restarts until an administrator turns it off.
      CREATE TABLE maintenance_mode (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        since          TEXT NOT NULL,
        command_id     TEXT
      ) STRICT;
    `);
  },
  // 6: when each command from the hub expires.
  (db) => {
    db.exec(`
      -- A command still waiting for the attract loop at this time (ISO 8601)
      -- is reported failed and never run, after a restart too. NULL for the
      -- commands kept before this column: they wait as before.
      ALTER TABLE hub_commands ADD COLUMN expires_at TEXT;
    `);
  },
];

/**
 * The phone-suffix hashes of the legal-aid applications and mediation
 * requests that were waiting when records.db was upgraded to version 3.
 * A payload this cannot read (already delivered, or kept in a form it does
 * not know) is left alone: such a case is then looked up at the hub only.
 */
function backfillPhoneSuffixes(db: Db): void {
  const rows = db
    .prepare(
      "SELECT reference, kind, payload FROM outbox WHERE delivered_at IS NULL AND kind IN ('legal-aid-application', 'mediation-request')",
    )
    .all() as { reference: string; kind: SubmissionKind; payload: string }[];
  for (const row of rows) {
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      continue;
    }
    const phone = (payload as { applicant?: { phone?: unknown } } | null)?.applicant?.phone;
    if (typeof phone === 'string') storePhoneSuffix(db, row.reference, row.kind, phone);
  }
}

/** Thrown by {@link openRecordsDb} for a file that is damaged: not a database, cut short, or failing its check. */
export class RecordsDamagedError extends Error {}

/**
 * Below this size records.db is checked with integrity_check, above it with
 * quick_check. integrity_check also compares every index with its table: the
 * outbox's UNIQUE reference and idempotency-key indexes are what stop a
 * submission from being stored twice, so a damaged index matters here. A
 * year of submissions is a few megabytes, checked in milliseconds; a file
 * past this size is unusual, and quick_check (one pass over the pages, no
 * index lookups) keeps the start from stalling on a slow disk.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** How many of the check's findings a message quotes. */
const CHECK_LINES_QUOTED = 3;

/** SQLite's words for "this file is damaged", as opposed to a file it cannot open (permissions, a full disk). */
function isDamage(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code);
}

function checkRecords(db: Db, file: string): void {
  const full = statSync(file).size <= FULL_CHECK_MAX_BYTES;
  const pragma = full ? 'integrity_check' : 'quick_check';
  const problems = (db.pragma(pragma) as Record<string, string>[]).map((r) => Object.values(r)[0]);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new RecordsDamagedError(
      `${file} is damaged (${pragma}: ${problems.slice(0, CHECK_LINES_QUOTED).join('; ')}); it is left as it is for recovery`,
    );
  }
}

/**
 * Opens (creating if needed) records.db for the service: checked before
 * anything is written to it, then WAL, synchronous=FULL, secure_delete (a
 * deleted or updated row's text is overwritten with zeros, not left in free
 * space on the disk), owner-only modes, migrated. A damaged file is refused
 * with a RecordsDamagedError and not touched: it may hold submissions not
 * yet delivered, which a technician can still recover.
 */
export function openRecordsDb(file: string): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Before opening: SQLite gives a new -wal and -shm the database's mode.
  restrictSqliteModes(file);
  const existed = existsSync(file);
  const db = new Database(file);
  try {
    if (existed) checkRecords(db, file);
    makeDurable(db, 2000);
    migrate(db, RECORDS_MIGRATIONS);
    restrictSqliteModes(file);
  } catch (error) {
    db.close();
    if (isDamage(error))
      throw new RecordsDamagedError(`${file} is damaged (${error.message}); it is left as it is for recovery`);
    throw error;
  }
  return db;
}

/** Thrown by {@link openRecordsDbReadOnly} for a file written by another schema version. */
export class RecordsSchemaMismatchError extends Error {}

/**
 * records.db for looking only (kioskctl), whether or not the service runs:
 * WAL lets this reader see every committed row without blocking the writer.
 * Never migrates; a file at another schema version is refused with what to do.
 */
export function openRecordsDbReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 2000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== RECORDS_MIGRATIONS.length) {
    db.close();
    if (version > RECORDS_MIGRATIONS.length) throw new DatabaseTooNewError(file, version, RECORDS_MIGRATIONS.length);
    throw new RecordsSchemaMismatchError(
      `${file} has schema version ${version}, this kioskctl reads version ${RECORDS_MIGRATIONS.length}: start the kiosk service once so it upgrades the database`,
    );
  }
  return db;
}
