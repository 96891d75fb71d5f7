import type { Selectable } from 'kysely';
import { RECORD_EDIT_GRACE_MS, type ConsultationRecord, type Referral } from '../../common/hub/api/call-records';
import type { CallTopic, CallUnavailableReason } from '../../common/hub/api/calls';
import { chinaDay } from '../../common/hub/china-days';
import { appendAudit } from './audit-log';
import { callTarget } from './calls';
import type { CallRecordsTable, HubDb } from './schema';

/**
 * Consultation records (common/hub/api/call-records.ts) and the counter of
 * refused call requests, in storage. Neither facts nor advice ever reach
 * the audit log: its rows say who kept or read which call's record, and
 * the topic and referral (no one's personal data).
 */

export interface RecordDraft {
  callId: string;
  lawyerId: number;
  topic: CallTopic;
  facts: string;
  advice: string;
  referral: Referral | null;
  /** Finish it now (the caller checked every field is there). */
  finish: boolean;
}

type RecordRow = Selectable<CallRecordsTable>;

export function recordOf(row: RecordRow): ConsultationRecord {
  return {
    callId: row.call_id,
    topic: row.topic,
    facts: row.facts ?? '',
    advice: row.advice ?? '',
    referral: row.referral,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    editableUntil:
      row.finished_at === null ? null : new Date(Date.parse(row.finished_at) + RECORD_EDIT_GRACE_MS).toISOString(),
  };
}

export async function findRecord(db: HubDb, callId: string): Promise<RecordRow | undefined> {
  return db.selectFrom('call_records').selectAll().where('call_id', '=', callId).executeTakeFirst();
}

/** The text as stored: none at all rather than ''. */
const text = (value: string): string | null => (value.trim() === '' ? null : value);

/**
 * Keeps a draft or the finished record, in one upsert: whichever of two
 * saves at once comes second writes over the first, and a record past its
 * grace is changed by neither (the condition is the database's). A record
 * finished once stays finished, at its first time. Finishing it, and any
 * change after, is audited in the same transaction. Answers the record as
 * kept, or `closed` when it was finished too long ago to change.
 */
export async function saveRecord(
  db: HubDb,
  draft: RecordDraft,
  now: Date,
): Promise<{ outcome: 'saved'; record: ConsultationRecord } | { outcome: 'closed' }> {
  const at = now.toISOString();
  const graceStart = new Date(now.getTime() - RECORD_EDIT_GRACE_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await findRecord(trx, draft.callId);
    const written = await trx
      .insertInto('call_records')
      .values({
        call_id: draft.callId,
        lawyer_id: draft.lawyerId,
        topic: draft.topic,
        facts: text(draft.facts),
        advice: text(draft.advice),
        referral: draft.referral,
        created_at: at,
        updated_at: at,
        finished_at: draft.finish ? at : null,
      })
      .onConflict((oc) =>
        oc
          .column('call_id')
          .doUpdateSet((eb) => ({
            topic: eb.ref('excluded.topic'),
            facts: eb.ref('excluded.facts'),
            advice: eb.ref('excluded.advice'),
            referral: eb.ref('excluded.referral'),
            updated_at: eb.ref('excluded.updated_at'),
            finished_at: eb.fn.coalesce('call_records.finished_at', 'excluded.finished_at'),
          }))
          .where((eb) =>
            eb.or([eb('call_records.finished_at', 'is', null), eb('call_records.finished_at', '>', graceStart)]),
          ),
      )
      .executeTakeFirst();
    if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return { outcome: 'closed' };
    const row = await findRecord(trx, draft.callId);
    if (row === undefined) throw new Error(`the record of call ${draft.callId} is gone after it was written`);
    if (row.finished_at !== null)
      await appendAudit(
        trx,
        {
          actor: { userId: draft.lawyerId },
          action: (before?.finished_at ?? null) === null ? 'call.record-finish' : 'call.record-correct',
          target: callTarget(draft.callId),
          details: { topic: row.topic, referral: row.referral },
        },
        now,
      );
    return { outcome: 'saved', record: recordOf(row) };
  });
}

/** Counts a call request the desk answered `unavailable`, on the China day it was made. */
export async function countRefusal(
  db: HubDb,
  refusal: { kioskId: number; regionCode: string; reason: CallUnavailableReason },
  now: Date,
): Promise<void> {
  await db
    .insertInto('call_refusals')
    .values({
      day: chinaDay(now),
      kiosk_id: refusal.kioskId,
      region_code: refusal.regionCode,
      reason: refusal.reason,
      requests: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['day', 'kiosk_id', 'reason'])
        .doUpdateSet((eb) => ({ requests: eb('call_refusals.requests', '+', 1) })),
    )
    .execute();
}
