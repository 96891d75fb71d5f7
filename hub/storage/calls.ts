import type { CallEndReason, CallTopic } from '../../common/hub/api/calls';
import { maskName } from '../../common/redact';
import { appendAudit } from './audit-log';
import type { CallRow, CallState, HubDb } from './schema';
import { isUniqueViolation } from './unique-violation';

/**
 * Video calls in storage. Every change of a call's state is one
 * conditional update on its row (`WHERE state IN (…)`), so whichever
 * instance or request gets there first decides, and the others find out
 * from the rows they changed: none.
 */

export const callTarget = (id: string): string => `call:${id}`;

export async function findCall(db: HubDb, id: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewCall {
  id: string;
  kioskId: number;
  regionCode: string;
  topic: CallTopic;
  callerName: string | null;
  maxWaitUntil: Date;
}

/** A call that ended: what the ends and the consoles are told. */
export interface EndedCall {
  callId: string;
  kioskId: number;
  lawyerId: number | null;
  regionCode: string;
  reason: CallEndReason;
  /** It was in a call (both ends are told), not still waiting. */
  wasAnswered: boolean;
}

/**
 * Queues a new call. A call of the same kiosk that is still open (its
 * screen lost it: a crash, a reset) is ended first, in the same
 * transaction: a kiosk has one screen, and the database allows it one
 * open call. Answers the calls so ended. Two requests racing with the
 * same id: the second's insert finds the row and changes nothing.
 */
export async function insertCall(db: HubDb, call: NewCall, now: Date): Promise<EndedCall[]> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const others = await trx
      .selectFrom('calls')
      .selectAll()
      .where('kiosk_id', '=', call.kioskId)
      .where('state', '<>', 'ended')
      .where('id', '<>', call.id)
      .execute();
    const ended: EndedCall[] = [];
    for (const other of others) {
      const done = await endRow(trx, other, other.state === 'waiting' ? 'abandoned' : 'dropped', now);
      if (done !== undefined) ended.push(done);
    }
    await trx
      .insertInto('calls')
      .values({
        id: call.id,
        kiosk_id: call.kioskId,
        region_code: call.regionCode,
        topic: call.topic,
        caller_name: call.callerName,
        caller_name_masked: call.callerName === null ? null : maskName(call.callerName),
        state: 'waiting',
        lawyer_id: null,
        created_at: at,
        answered_at: null,
        ended_at: null,
        end_reason: null,
        max_wait_until: call.maxWaitUntil.toISOString(),
        kiosk_seen_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return ended;
  });
}

/**
 * Ends a call only while its party is still unseen since the cutoff (the
 * sweep's presence judgement): a socket that came back on another instance
 * meanwhile keeps it.
 */
export interface EndCondition {
  kioskSeenBefore?: string;
  lawyerSeenBefore?: string;
}

/** Ends the row (read in the same transaction) if it is still in the state read; answers what ended. */
async function endRow(
  trx: HubDb,
  row: CallRow,
  reason: CallEndReason,
  now: Date,
  only: EndCondition = {},
): Promise<EndedCall | undefined> {
  const at = now.toISOString();
  const done = await trx
    .updateTable('calls')
    .set({ state: 'ended', ended_at: at, end_reason: reason, caller_name: null })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .$if(only.kioskSeenBefore !== undefined, (q) => q.where('kiosk_seen_at', '<', only.kioskSeenBefore!))
    .$if(only.lawyerSeenBefore !== undefined, (q) =>
      q.where((w) =>
        w.exists(
          w
            .selectFrom('lawyer_duty')
            .select('lawyer_duty.user_id')
            .whereRef('lawyer_duty.user_id', '=', 'calls.lawyer_id')
            .where('lawyer_duty.seen_at', '<', only.lawyerSeenBefore!),
        ),
      ),
    )
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return undefined;
  await trx
    .updateTable('call_offers')
    .set({ outcome: 'withdrawn', decided_at: at })
    .where('call_id', '=', row.id)
    .where('outcome', 'is', null)
    .execute();
  return {
    callId: row.id,
    kioskId: row.kiosk_id,
    lawyerId: row.lawyer_id,
    regionCode: row.region_code,
    reason,
    wasAnswered: row.state === 'in-call',
  };
}

/**
 * Ends a call if it is in one of the states `from` (a waiting call that
 * was answered meanwhile is not ended as abandoned): the citizen's name
 * goes, its ringing offers are withdrawn. Answers what ended, or undefined
 * when the call was not in those states (someone else changed it first).
 */
export async function endCall(
  db: HubDb,
  id: string,
  from: readonly CallState[],
  reason: CallEndReason | ((state: CallState) => CallEndReason),
  now: Date,
  only: EndCondition = {},
): Promise<EndedCall | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await findCall(trx, id);
    if (row === undefined || !from.includes(row.state)) return undefined;
    return endRow(trx, row, typeof reason === 'function' ? reason(row.state) : reason, now, only);
  });
}

export type AcceptOutcome =
  /** `again`: the lawyer had it already (the same 接听 sent again). */
  { outcome: 'won'; call: CallRow; again: boolean } | { outcome: 'taken' | 'gone' | 'busy'; call: CallRow | undefined };

/**
 * 接听: one conditional update takes the call for the lawyer if it is
 * still waiting; whoever's update changed the row won, on any instance.
 * The lawyer's offer for it is answered and every other offer still
 * ringing for it (and the lawyer's own for other calls) withdrawn, the
 * count of unanswered offers starts again, and the accept is audited —
 * all in the same transaction. The index allowing a lawyer one call makes
 * a second call of the same lawyer fail at the database: `busy`.
 */
export async function acceptCall(db: HubDb, callId: string, lawyerId: number, now: Date): Promise<AcceptOutcome> {
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
      const current = await trx
        .selectFrom('calls')
        .selectAll()
        .where('lawyer_id', '=', lawyerId)
        .where('state', '=', 'in-call')
        .executeTakeFirst();
      // Sent again (a console that reconnected): the same answer.
      if (current?.id === callId) return { outcome: 'won', call: current, again: true };
      if (current !== undefined) return { outcome: 'busy', call: await findCall(trx, callId) };
      const taken = await trx
        .updateTable('calls')
        .set({ state: 'in-call', lawyer_id: lawyerId, answered_at: at })
        .where('id', '=', callId)
        .where('state', '=', 'waiting')
        .executeTakeFirst();
      const call = await findCall(trx, callId);
      if (Number(taken.numUpdatedRows) !== 1 || call === undefined)
        return { outcome: call?.state === 'in-call' ? 'taken' : 'gone', call };
      await trx
        .updateTable('call_offers')
        .set({ outcome: 'answered', decided_at: at })
        .where('call_id', '=', callId)
        .where('lawyer_id', '=', lawyerId)
        .where('outcome', 'is', null)
        .execute();
      await trx
        .updateTable('call_offers')
        .set({ outcome: 'withdrawn', decided_at: at })
        .where('outcome', 'is', null)
        .where((w) => w.or([w('call_id', '=', callId), w('lawyer_id', '=', lawyerId)]))
        .execute();
      await trx
        .updateTable('lawyer_duty')
        .set({ unanswered_in_row: 0, seen_at: at })
        .where('user_id', '=', lawyerId)
        .execute();
      await appendAudit(
        trx,
        {
          actor: { userId: lawyerId },
          action: 'call.accept',
          target: callTarget(callId),
          details: { kioskId: call.kiosk_id, topic: call.topic },
        },
        now,
      );
      return { outcome: 'won', call, again: false };
    });
  } catch (error) {
    // Another call of this lawyer was answered at the same moment (another tab, another instance).
    if (isUniqueViolation(error)) return { outcome: 'busy', call: await findCall(db, callId) };
    throw error;
  }
}

/** The call the lawyer is in, if any. */
export async function activeCallOf(db: HubDb, lawyerId: number): Promise<CallRow | undefined> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('lawyer_id', '=', lawyerId)
    .where('state', '=', 'in-call')
    .executeTakeFirst();
}

/** The kiosk's calls not ended (at most one, by the database's index). */
export async function openCallsOfKiosk(db: HubDb, kioskId: number): Promise<CallRow[]> {
  return db.selectFrom('calls').selectAll().where('kiosk_id', '=', kioskId).where('state', '<>', 'ended').execute();
}

/** The kiosks' open calls were seen now (their sockets are open on this instance). */
export async function touchKioskCalls(db: HubDb, kioskIds: readonly number[], now: Date): Promise<void> {
  if (kioskIds.length === 0) return;
  await db
    .updateTable('calls')
    .set({ kiosk_seen_at: now.toISOString() })
    .where('kiosk_id', 'in', kioskIds)
    .where('state', '<>', 'ended')
    .execute();
}
