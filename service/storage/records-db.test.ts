import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { allocateSerial, OUTBOX_LOOKUPS } from '../outbox/outbox-store';
import { migrate, schemaVersion } from '../../server-kit/sqlite/migrations';
import { phoneSuffixOf } from '../case-status/case-status-store';
import { phoneSuffixMatches } from '../case-status/phone-suffix';
import { openRecordsDb, openRecordsDbReadOnly, RECORDS_MIGRATIONS, RecordsSchemaMismatchError } from './records-db';

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-records-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The query plan, one step a line; parameters are bound to NULL (the plan does not depend on them). */
function plan(db: Database.Database, sql: string): string {
  const params = new Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

describe('records.db migration 3', () => {
  it('hashes the phone suffix of the cases waiting in the outbox, and only theirs', () => {
    const file = tempFile('records.db');
    const v2 = new Database(file);
    migrate(v2, RECORDS_MIGRATIONS.slice(0, 2));
    const insert = v2.prepare(
      "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at, delivered_at) VALUES (?, ?, ?, ?, '2026-03-01T00:00:00.000Z', ?)",
    );
    insert.run('legal-aid-application', 'A1', 'k1', JSON.stringify({ applicant: { phone: '13812344826' } }), null);
    insert.run('mediation-request', 'M1', 'k2', JSON.stringify({ applicant: { phone: '027-87651234' } }), null);
    // Delivered: the payload is gone, nothing to hash.
    insert.run('mediation-request', 'M2', 'k3', 'null', '2026-03-02T00:00:00.000Z');
    // Not a case.
    insert.run('callback-request', 'C1', 'k4', JSON.stringify({ phone: '13812344826' }), null);
    v2.close();

    const db = openRecordsDb(file);
    expect(schemaVersion(db)).toBe(RECORDS_MIGRATIONS.length);
    expect(phoneSuffixMatches('4826', phoneSuffixOf(db, 'A1')!)).toBe(true);
    expect(phoneSuffixMatches('1234', phoneSuffixOf(db, 'M1')!)).toBe(true);
    expect(phoneSuffixMatches('4827', phoneSuffixOf(db, 'A1')!)).toBe(false);
    expect(phoneSuffixOf(db, 'M2')).toBeUndefined();
    expect(phoneSuffixOf(db, 'C1')).toBeUndefined();
    db.close();
  });
});

describe('records.db migration 2', () => {
  it('upgrades a version-1 database with its rows: receipts empty, waiting rows due at once', () => {
    const file = tempFile('records.db');
    const v1 = new Database(file);
    migrate(v1, RECORDS_MIGRATIONS.slice(0, 1));
    v1.prepare(
      "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('rating', 'R1', 'k1', '{}', '2025-01-01T00:00:00.000Z')",
    ).run();
    v1.prepare(
      "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at, delivered_at) VALUES ('rating', 'R2', 'k2', '{}', '2025-01-01T00:00:00.000Z', '2025-01-01T00:01:00.000Z')",
    ).run();
    v1.close();

    const db = openRecordsDb(file);
    expect(schemaVersion(db)).toBe(RECORDS_MIGRATIONS.length);
    expect(
      db
        .prepare(
          'SELECT reference, next_attempt_at, receipt, receipt_printed_at, receipt_prints FROM outbox ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        reference: 'R1',
        next_attempt_at: '2025-01-01T00:00:00.000Z',
        receipt: null,
        receipt_printed_at: null,
        receipt_prints: 0,
      },
      { reference: 'R2', next_attempt_at: null, receipt: null, receipt_printed_at: null, receipt_prints: 0 },
    ]);
    expect(() => db.prepare("UPDATE outbox SET receipt = 'not json' WHERE reference = 'R1'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('counts reference serials per day, from 1', () => {
    const db = openRecordsDb(tempFile('records.db'));
    expect([
      allocateSerial(db, '2025-03-14'),
      allocateSerial(db, '2025-03-14'),
      allocateSerial(db, '2025-03-15'),
      allocateSerial(db, '2025-03-14'),
    ]).toEqual([1, 2, 1, 3]);
    db.close();
  });

  it('keeps a day’s serial counter at or above the floor it is given, and still counting up', () => {
    const db = openRecordsDb(tempFile('records.db'));
    expect([
      allocateSerial(db, '2025-03-14', 500),
      allocateSerial(db, '2025-03-14', 3),
      allocateSerial(db, '2025-03-14', 501),
      allocateSerial(db, '2025-03-14', 900),
    ]).toEqual([500, 501, 502, 900]);
    db.close();
  });

  it('answers the pending-delivery, by-reference, by-key and unprinted lookups from indexes', () => {
    const db = openRecordsDb(tempFile('records.db'));
    expect(plan(db, OUTBOX_LOOKUPS.pendingDelivery)).toMatch(
      /SEARCH outbox USING INDEX outbox_pending \(next_attempt_at<\?\)/,
    );
    expect(plan(db, OUTBOX_LOOKUPS.byReference)).toMatch(
      /SEARCH outbox USING INDEX sqlite_autoindex_outbox_\d \(reference=\?\)/,
    );
    expect(plan(db, OUTBOX_LOOKUPS.byIdempotencyKey)).toMatch(
      /SEARCH outbox USING INDEX sqlite_autoindex_outbox_\d \(idempotency_key=\?\)/,
    );
    expect(plan(db, OUTBOX_LOOKUPS.unprintedReceipts)).toMatch(/SCAN outbox USING INDEX outbox_unprinted/);
    for (const sql of Object.values(OUTBOX_LOOKUPS))
      expect(
        plan(db, sql)
          .split('\n')
          .filter((l) => /^SCAN outbox$/.test(l)),
        sql,
      ).toEqual([]);
    expect(
      plan(db, 'SELECT day, metric, key, count FROM daily_stats WHERE day BETWEEN ? AND ? ORDER BY day, metric, key'),
    ).toMatch(/SEARCH daily_stats USING PRIMARY KEY \(day>\? AND day<\?\)/);
    db.close();
  });

  it('opens read-only for kioskctl: sees committed rows, cannot write, refuses another schema version', () => {
    const file = tempFile('records.db');
    const db = openRecordsDb(file);
    db.prepare(
      "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('rating', 'R1', 'k1', '{}', 'now')",
    ).run();
    const ro = openRecordsDbReadOnly(file);
    expect(ro.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(() => ro.prepare("INSERT INTO daily_stats (day, metric) VALUES ('d', 'm')").run()).toThrow(/readonly/);
    ro.close();
    db.pragma('user_version = 1');
    expect(() => openRecordsDbReadOnly(file)).toThrow(RecordsSchemaMismatchError);
    db.close();
  });
});

describe('records.db', () => {
  it('opens in WAL mode with synchronous=FULL at the current schema', () => {
    const db = openRecordsDb(tempFile('records.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion(db)).toBe(RECORDS_MIGRATIONS.length);
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('x', 'R1', 'k1', 'not json', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
