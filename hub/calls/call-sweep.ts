import { CALL_KIOSK_GRACE_MS, CALL_OFFER_TIMEOUT_MS, DUTY_GRACE_MS } from '../../common/hub/api/calls';
import { queuesCover } from '../../common/hub/call-queues';
import { endCall, type EndedCall } from '../storage/calls';
import { countUnansweredOffer, offlineUnseenLawyers } from '../storage/lawyer-duty';
import type { HubDb } from '../storage/schema';
import { readDesk } from './desk-snapshot';
import { ringLawyers } from './ring-lawyers';

/**
 * What the call desk decides by the clock, run by every hub instance every
 * tick: offers that rang out, callers who waited too long, parties whose
 * sockets stayed away past their grace, callers no lawyer on duty can
 * take any more, and the lawyers to ring next. Every write is conditional
 * on what it read (a call's state, an offer still ringing, a party not
 * seen since), so instances sweeping at once do each thing once, and a
 * party seen again meanwhile keeps its call.
 *
 * Presence is judged from last-seen times in the database, touched by
 * whichever instance holds the party's socket. An instance that has just
 * started judges nobody's presence until it has run for the grace itself:
 * the parties of a hub that restarted are reconnecting, and must not find
 * their calls ended because the hub was away.
 */

export interface SweepOutcome {
  ended: EndedCall[];
  /** Lawyers whose status the hub changed (too many unanswered offers, consoles gone). */
  dutyChanged: number[];
  /** Offers rang out, were withdrawn or were made: the queues shown changed. */
  offersChanged: boolean;
}

export interface SweepJudgement {
  /** Judge kiosks' presence (the instance has run for CALL_KIOSK_GRACE_MS). */
  kiosks: boolean;
  /** Judge lawyers' presence (the instance has run for DUTY_GRACE_MS). */
  lawyers: boolean;
}

const before = (now: Date, ms: number): string => new Date(now.getTime() - ms).toISOString();

export async function sweepCalls(db: HubDb, now: Date, judge: SweepJudgement): Promise<SweepOutcome> {
  const out: SweepOutcome = { ended: [], dutyChanged: [], offersChanged: false };
  const ended = (e: EndedCall | undefined) => void (e !== undefined && out.ended.push(e));

  // An offer inserted just as its call was answered elsewhere rings for nothing: withdrawn.
  const stale = await db
    .selectFrom('call_offers')
    .innerJoin('calls', 'calls.id', 'call_offers.call_id')
    .select('call_offers.id')
    .where('call_offers.outcome', 'is', null)
    .where('calls.state', '<>', 'waiting')
    .execute();
  if (stale.length > 0) {
    await db
      .updateTable('call_offers')
      .set({ outcome: 'withdrawn', decided_at: now.toISOString() })
      .where(
        'id',
        'in',
        stale.map((o) => o.id),
      )
      .where('outcome', 'is', null)
      .execute();
    out.offersChanged = true;
  }

  const overdue = await db
    .selectFrom('calls')
    .select('id')
    .where('state', '=', 'waiting')
    .where('max_wait_until', '<=', now.toISOString())
    .execute();
  for (const c of overdue) ended(await endCall(db, c.id, ['waiting'], 'missed', now));

  // A revoked kiosk's call ends at once: it will not be back.
  const revoked = await db
    .selectFrom('calls')
    .innerJoin('kiosks', 'kiosks.id', 'calls.kiosk_id')
    .select('calls.id')
    .where('calls.state', '<>', 'ended')
    .where('kiosks.status', '=', 'revoked')
    .execute();
  for (const c of revoked) ended(await endCall(db, c.id, ['waiting', 'in-call'], 'dropped', now));

  if (judge.kiosks) {
    const cutoff = before(now, CALL_KIOSK_GRACE_MS);
    const gone = await db
      .selectFrom('calls')
      .select('id')
      .where('state', '<>', 'ended')
      .where('kiosk_seen_at', '<', cutoff)
      .execute();
    for (const c of gone)
      ended(await endCall(db, c.id, ['waiting', 'in-call'], 'dropped', now, { kioskSeenBefore: cutoff }));
  }

  if (judge.lawyers) {
    const cutoff = before(now, DUTY_GRACE_MS);
    const gone = await db
      .selectFrom('calls')
      .innerJoin('lawyer_duty', 'lawyer_duty.user_id', 'calls.lawyer_id')
      .select('calls.id')
      .where('calls.state', '=', 'in-call')
      .where('lawyer_duty.seen_at', '<', cutoff)
      .execute();
    for (const c of gone) ended(await endCall(db, c.id, ['in-call'], 'dropped', now, { lawyerSeenBefore: cutoff }));
    out.dutyChanged.push(...(await offlineUnseenLawyers(db, new Date(cutoff), now)));
  }

  out.ended.push(...(await endUnservedCalls(db, now)));

  const rangOut = await db
    .selectFrom('call_offers')
    .select(['id', 'lawyer_id'])
    .where('outcome', 'is', null)
    .where('offered_at', '<=', before(now, CALL_OFFER_TIMEOUT_MS))
    .execute();
  for (const offer of rangOut) {
    const away = await db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('call_offers')
        .set({ outcome: 'timed-out', decided_at: now.toISOString() })
        .where('id', '=', offer.id)
        .where('outcome', 'is', null)
        .executeTakeFirst();
      // Another instance marked it first: it counts it, not this one.
      if (Number(marked.numUpdatedRows) !== 1) return undefined;
      out.offersChanged = true;
      return countUnansweredOffer(trx, offer.lawyer_id, now);
    });
    if (away === true) out.dutyChanged.push(offer.lawyer_id);
  }

  if ((await ringLawyers(db, now)) > 0) out.offersChanged = true;
  return out;
}

/** Ends the waiting calls no lawyer on duty serves any more (every one went offline): missed, told now rather than at their longest wait. */
export async function endUnservedCalls(db: HubDb, now: Date): Promise<EndedCall[]> {
  const desk = await readDesk(db);
  const ended: EndedCall[] = [];
  for (const c of desk.waiting) {
    const served = [...desk.lawyers.values()].some((l) => l.status !== 'offline' && queuesCover(l.queues, c));
    const done = served ? undefined : await endCall(db, c.id, ['waiting'], 'missed', now);
    if (done !== undefined) ended.push(done);
  }
  return ended;
}
