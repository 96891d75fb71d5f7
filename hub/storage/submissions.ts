import type { SubmissionKind } from '../../common/api/submissions';
import { CASE_KINDS, type CaseKind } from '../../common/hub/cases';
import type { KioskSubmitRequest, KioskSubmitResponse, ReceivedSubmission } from '../../common/hub/api/submissions';
import type { HubDb } from './schema';
import { CLEAR_PAYLOADS, type PayloadVault } from './submission-payloads';

/**
 * Submissions delivered from the kiosks' outboxes (migration 8). The
 * payload holds personal data: it is written here and read by nothing that
 * logs or lists — `listSubmissions` leaves it out — and only through a
 * PayloadVault (submission-payloads.ts).
 */

export interface IncomingSubmission {
  idempotencyKey: string;
  kind: SubmissionKind;
  reference: string;
  createdAt: string;
  /** The payload as the shared schema parsed it, as JSON. */
  payload: string;
  /** A case's matter or dispute category (a code, no personal data), for the figures; null for other kinds. */
  topic: string | null;
}

/** A case's category as the figures count it: the matter or dispute category the citizen chose; null for other kinds. */
export function submissionTopic(submission: KioskSubmitRequest): string | null {
  if (submission.kind === 'legal-aid-application') return submission.payload.matter.category;
  if (submission.kind === 'mediation-request') return submission.payload.dispute.category;
  return null;
}

/** Whether submissions of this kind are cases a desk works on (common/hub/cases.ts). */
export function isCaseKind(kind: SubmissionKind): kind is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(kind);
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
  vault: PayloadVault = CLEAR_PAYLOADS,
): Promise<ReceiveOutcome> {
  const context = { kioskId: kiosk.id, idempotencyKey: incoming.idempotencyKey };
  const receivedAt = now.toISOString();
  const caseKind = isCaseKind(incoming.kind) ? incoming.kind : null;
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
        received_at: receivedAt,
        payload: vault.seal(incoming.payload, context),
        // A case starts new; the desk moves it on.
        case_status: caseKind === null ? null : 'new',
        case_details: caseKind === null ? null : '{}',
        status_changed_at: caseKind === null ? null : receivedAt,
      })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'reference', 'received_at'])
      .executeTakeFirst();
    if (inserted !== undefined) {
      if (caseKind !== null)
        await trx
          .insertInto('case_facts')
          .values({
            submission_id: inserted.id,
            kind: caseKind,
            kiosk_id: kiosk.id,
            region_code: kiosk.regionCode,
            topic: incoming.topic,
            submitted_at: incoming.createdAt,
            received_at: receivedAt,
          })
          .execute();
      return { outcome: 'stored', answer: { reference: inserted.reference, receivedAt: inserted.received_at } };
    }

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
      vault.open(first.payload, context) === incoming.payload;
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
