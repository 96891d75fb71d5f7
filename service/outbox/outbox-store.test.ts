import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordsDb } from '../storage/records-db';
import {
  deliveryState,
  findByReference,
  insertOutboxRow,
  makeDue,
  markDelivered,
  markFailing,
  markRetry,
  oldestUndeliveredAt,
} from './outbox-store';

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Four rows made a day apart: one delivered, one failing, two waiting out their backoff. */
function outboxOfFour(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-store-'));
  dirs.push(dir);
  const db = openRecordsDb(join(dir, 'records.db'));
  dbs.push(db);
  ['A', 'B', 'C', 'D'].forEach((ref, n) =>
    insertOutboxRow(db, {
      kind: 'rating',
      reference: ref,
      idempotencyKey: `key-${ref}`,
      payload: '{}',
      createdAt: `2026-03-0${n + 1}T08:00:00.000Z`,
      receipt: null,
    }),
  );
  markDelivered(db, findByReference(db, 'A')!.id, '2026-03-05T08:00:00.000Z', null);
  markFailing(db, findByReference(db, 'B')!.id, 'the hub refused it (409)');
  markRetry(db, findByReference(db, 'C')!.id, 'does not answer', '2026-03-05T09:00:00.000Z');
  markRetry(db, findByReference(db, 'D')!.id, 'does not answer', '2026-03-05T10:00:00.000Z');
  return db;
}

const NOW = '2026-03-05T08:30:00.000Z';
const nextAttempts = (db: Database) =>
  ['A', 'B', 'C', 'D'].map((ref) => {
    const row = findByReference(db, ref)!;
    return [ref, deliveryState(row), row.next_attempt_at, row.attempts];
  });

describe('the outbox made due now', () => {
  it('when the hub is back: the waiting rows, not the failing or delivered ones, attempts kept', () => {
    const db = outboxOfFour();
    expect(makeDue(db, NOW, { failing: false })).toBe(2);
    expect(nextAttempts(db)).toEqual([
      ['A', 'delivered', null, 0],
      ['B', 'failing', null, 1],
      ['C', 'waiting', NOW, 1],
      ['D', 'waiting', NOW, 1],
    ]);
  });

  it('on a technician’s word: failing rows too, or only the one named', () => {
    const db = outboxOfFour();
    expect(makeDue(db, NOW, { failing: true, reference: 'B' })).toBe(1);
    expect(nextAttempts(db).map(([ref, state]) => [ref, state])).toEqual([
      ['A', 'delivered'],
      ['B', 'waiting'],
      ['C', 'waiting'],
      ['D', 'waiting'],
    ]);
    expect(findByReference(db, 'C')!.next_attempt_at).toBe('2026-03-05T09:00:00.000Z');
    expect(makeDue(db, NOW, { failing: true, reference: 'A' })).toBe(0);
    expect(makeDue(db, NOW, { failing: true })).toBe(2);
  });
});

describe('the oldest undelivered submission', () => {
  it('is the earliest made of the waiting and failing ones; none once all are delivered', () => {
    const db = outboxOfFour();
    expect(oldestUndeliveredAt(db)).toBe('2026-03-02T08:00:00.000Z');
    for (const ref of ['B', 'C', 'D']) markDelivered(db, findByReference(db, ref)!.id, NOW, null);
    expect(oldestUndeliveredAt(db)).toBeUndefined();
  });
});
