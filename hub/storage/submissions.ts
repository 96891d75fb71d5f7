import type { SubmissionKind } from '../../common/api/submissions';
import type { KioskSubmitResponse, ReceivedSubmission } from '../../common/hub/api/submissions';
import type { HubDb } from './schema';

/**
 * Submissions delivered from the kiosks' outboxes (migration 8). The
 * payload holds personal data: it is written here and read by nothing that
 * logs or lists — `listSubmissions` leaves it out. Encryption at rest comes
 * with the case desks.
 */

export interface IncomingSubmission {
  idempotencyKey: string;
  kind: SubmissionKind;
  reference: string;
  createdAt: string;
  /** The payload as the shared schema parsed it, as JSON. */
  payload: string;
}

export type ReceiveOutcome =
  /** Committed now, or committed before under this key with this same body: the first answer either way. */
  | { outcome: 'stored' | 'repeated'; answer: KioskSubmitResponse }
  /** The key, or the reference, is the kiosk's already for another submission. */
  | { outcome: 'conflict'; message: string };

/**
 * Stores a kiosk's submission and answers once it is committed. One
 * statement decides, on both engines, whatever races with it: the insert
 * does nothing when the kiosk's key or reference is taken, and the row
 * under the key then says whether this is a repeat (same body: its first
 * answer, however long ago) or a conflict.
 */
export async function receiveSubmission(
  db: HubDb,
  kiosk: { id: number; regionCode: string },
  incoming: IncomingSubmission,
  now: Date,
): Promise<ReceiveOutcome> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('submissions')
      .values({
        kiosk_id: kiosk.id,
        region_code: kiosk.regionCode,
        idempotency_key: incoming.idempotencyKey,
        kind: incoming.kind,
        reference: incoming.reference,
        created_at: incoming.createdAt,
        received_at: now.toISOString(),
        payload: incoming.payload,
      })
      .onConflict((oc) => oc.doNothing())
      .returning(['reference', 'received_at'])
      .executeTakeFirst();
    if (inserted !== undefined)
      return { outcome: 'stored', answer: { reference: inserted.reference, receivedAt: inserted.received_at } };

    const first = await trx
      .selectFrom('submissions')
      .select(['kind', 'reference', 'created_at', 'payload', 'received_at'])
      .where('kiosk_id', '=', kiosk.id)
      .where('idempotency_key', '=', incoming.idempotencyKey)
      .executeTakeFirst();
    if (first === undefined)
      return {
        outcome: 'conflict',
        message: `reference ${incoming.reference} was already delivered by this kiosk under another idempotency key`,
      };
    const same =
      first.kind === incoming.kind &&
      first.reference === incoming.reference &&
      first.created_at === incoming.createdAt &&
      first.payload === incoming.payload;
    if (!same)
      return {
        outcome: 'conflict',
        message: `idempotency key ${incoming.idempotencyKey} was already used by this kiosk for another submission (${first.reference})`,
      };
    return { outcome: 'repeated', answer: { reference: first.reference, receivedAt: first.received_at } };
  });
}

/** Received submissions, newest first, without their payloads. */
export async function listSubmissions(db: HubDb, limit: number): Promise<ReceivedSubmission[]> {
  const rows = await db
    .selectFrom('submissions')
    .innerJoin('kiosks', 'kiosks.id', 'submissions.kiosk_id')
    .select([
      'submissions.reference',
      'submissions.kind',
      'submissions.kiosk_id',
      'kiosks.terminal_id',
      'submissions.region_code',
      'submissions.created_at',
      'submissions.received_at',
    ])
    .orderBy('submissions.received_at', 'desc')
    .orderBy('submissions.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    reference: r.reference,
    kind: r.kind,
    kioskId: r.kiosk_id,
    terminalId: r.terminal_id,
    regionCode: r.region_code,
    createdAt: r.created_at,
    receivedAt: r.received_at,
  }));
}
