import type { Database } from 'better-sqlite3';

/**
 * The SQL of the outbox (records.db, schema version 2). Reads work on a
 * read-only handle too, so kioskctl can look while the service runs — or
 * after it died.
 */

export interface OutboxRow {
  id: number;
  kind: string;
  reference: string;
  idempotency_key: string;
  /** JSON. */
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
  /** Receipt JSON with the reference filled in; null when the submission has none. */
  receipt: string | null;
  receipt_printed_at: string | null;
  receipt_prints: number;
}

/** The lookups that must stay fast as the outbox grows; records-db.test.ts checks each uses an index. */
export const OUTBOX_LOOKUPS = {
  byIdempotencyKey: 'SELECT * FROM outbox WHERE idempotency_key = ?',
  byReference: 'SELECT * FROM outbox WHERE reference = ?',
  pendingDelivery:
    'SELECT * FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?',
  unprintedReceipts:
    'SELECT * FROM outbox WHERE receipt IS NOT NULL AND receipt_printed_at IS NULL ORDER BY created_at LIMIT ?',
} as const;

export interface NewOutboxRow {
  kind: string;
  reference: string;
  idempotencyKey: string;
  payload: string;
  createdAt: string;
  receipt: string | null;
}

export function findByIdempotencyKey(db: Database, key: string): OutboxRow | undefined {
  return db.prepare(OUTBOX_LOOKUPS.byIdempotencyKey).get(key) as OutboxRow | undefined;
}

export function findByReference(db: Database, reference: string): OutboxRow | undefined {
  return db.prepare(OUTBOX_LOOKUPS.byReference).get(reference) as OutboxRow | undefined;
}

/**
 * The next serial counter of `day`: one more than the last, and never less
 * than `floor` (1 when not given). Call inside the transaction that inserts
 * the row.
 */
export function allocateSerial(db: Database, day: string, floor = 1): number {
  const row = db
    .prepare(
      'INSERT INTO reference_serials (day, last) VALUES (?, max(1, ?)) ON CONFLICT (day) DO UPDATE SET last = max(last + 1, excluded.last) RETURNING last',
    )
    .get(day, floor) as { last: number };
  return row.last;
}

export function insertOutboxRow(db: Database, row: NewOutboxRow): void {
  db.prepare(
    `INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at, next_attempt_at, receipt)
     VALUES (@kind, @reference, @idempotencyKey, @payload, @createdAt, @createdAt, @receipt)`,
  ).run(row);
}

/** The printer reported the receipt printed (once more). */
export function markReceiptPrinted(db: Database, reference: string, at: string): void {
  db.prepare('UPDATE outbox SET receipt_printed_at = ?, receipt_prints = receipt_prints + 1 WHERE reference = ?').run(
    at,
    reference,
  );
}

/** Submissions whose receipt was never confirmed printed, oldest first. */
export function unprintedReceipts(db: Database, limit: number): OutboxRow[] {
  return db.prepare(OUTBOX_LOOKUPS.unprintedReceipts).all(limit) as OutboxRow[];
}

/** Newest first. */
export function listOutbox(db: Database, limit: number): OutboxRow[] {
  return db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(limit) as OutboxRow[];
}

export interface OutboxCounts {
  total: number;
  /** Waiting and failing together: what the heartbeat reports as the outbox's depth. */
  undelivered: number;
  /** Refused by the hub for good: waiting for a technician, never sent again by themselves. */
  failing: number;
  unprinted: number;
}

export function countOutbox(db: Database): OutboxCounts {
  return db
    .prepare(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE delivered_at IS NULL) AS undelivered,
              count(*) FILTER (WHERE delivered_at IS NULL AND next_attempt_at IS NULL) AS failing,
              count(*) FILTER (WHERE receipt IS NOT NULL AND receipt_printed_at IS NULL) AS unprinted
       FROM outbox`,
    )
    .get() as OutboxCounts;
}

// ── Delivery ─────────────────────────────────────────────────────────────
// A row is waiting (delivered_at NULL, next_attempt_at set: due then),
// failing (delivered_at NULL, next_attempt_at NULL: the hub refused it for
// good, last_error says why) or delivered (delivered_at set).

/** What a delivered row's payload becomes: the personal data is gone, the column stays valid JSON. */
export const DELETED_PAYLOAD = 'null';

export type DeliveryState = 'delivered' | 'waiting' | 'failing';

export function deliveryState(row: Pick<OutboxRow, 'delivered_at' | 'next_attempt_at'>): DeliveryState {
  if (row.delivered_at !== null) return 'delivered';
  return row.next_attempt_at === null ? 'failing' : 'waiting';
}

/** Rows due for delivery at `now`, the longest due first. */
export function dueForDelivery(db: Database, now: string, limit: number): OutboxRow[] {
  return db.prepare(OUTBOX_LOOKUPS.pendingDelivery).all(now, limit) as OutboxRow[];
}

/** When the next waiting row falls due, if any does. */
export function nextDueAt(db: Database): string | undefined {
  const row = db
    .prepare('SELECT min(next_attempt_at) AS at FROM outbox WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL')
    .get() as { at: string | null };
  return row.at ?? undefined;
}

/**
 * The hub acknowledged the row: delivered, and its personal payload
 * deleted — with secure_delete on, SQLite overwrites the old text. The
 * receipt, already masked when stored, is masked again with the payload's
 * values (rows stored before receipts were masked), since a reprint can no
 * longer look at the payload.
 */
export function markDelivered(db: Database, id: number, at: string, maskedReceipt: string | null): void {
  db.prepare(
    `UPDATE outbox SET delivered_at = ?, payload = ?, receipt = ?, next_attempt_at = NULL, last_error = NULL
     WHERE id = ? AND delivered_at IS NULL`,
  ).run(at, DELETED_PAYLOAD, maskedReceipt, id);
}

/** A failed attempt that may succeed later: tried again at `nextAttemptAt`. */
export function markRetry(db: Database, id: number, error: string, nextAttemptAt: string): void {
  db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL',
  ).run(error, nextAttemptAt, id);
}

/** Refused by the hub in a way that will not change by sending again: failing, with the hub's message. */
export function markFailing(db: Database, id: number, error: string): void {
  db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = NULL WHERE id = ? AND delivered_at IS NULL',
  ).run(error, id);
}

/**
 * Makes undelivered rows due at `now` rather than when their backoff says:
 * the waiting ones, and with `failing` the ones the hub refused for good
 * too (they become waiting again); only the row with `reference` when
 * given. Answers how many rows it changed. Their attempt count stays, so
 * a row that fails again waits as long as it would have.
 */
export function makeDue(db: Database, now: string, which: { failing: boolean; reference?: string }): number {
  const result = db
    .prepare(
      `UPDATE outbox SET next_attempt_at = @now
       WHERE delivered_at IS NULL
         AND (next_attempt_at > @now OR (@failing = 1 AND next_attempt_at IS NULL))
         AND (@reference IS NULL OR reference = @reference)`,
    )
    .run({ now, failing: which.failing ? 1 : 0, reference: which.reference ?? null });
  return result.changes;
}

/** When the oldest submission not yet delivered (waiting or failing) was made, if there is one. */
export function oldestUndeliveredAt(db: Database): string | undefined {
  const row = db.prepare('SELECT min(created_at) AS at FROM outbox WHERE delivered_at IS NULL').get() as {
    at: string | null;
  };
  return row.at ?? undefined;
}
