import type { CallTopic, DutyStatus, LawyerQueue } from '../../common/hub/api/calls';
import { effectiveQueues, queuesCover, type CallQueue } from '../../common/hub/call-queues';
import { queuesOf } from '../storage/lawyer-queues';
import type { HubDb } from '../storage/schema';

/**
 * The call desk as one read of the database: the callers waiting, the
 * lawyers on duty with their queues and the offers ringing them. Every
 * view of the desk (a lawyer's queue, a caller's place in line) and every
 * decision of whom to ring is made from a snapshot, so what one instance
 * pushes is what the database says, whichever instance changed it.
 *
 * A snapshot stays small: the callers waiting now and the lawyers on
 * duty now, whatever the history.
 */

export interface WaitingCall {
  id: string;
  kioskId: number;
  regionCode: string;
  topic: CallTopic;
  callerNameMasked: string | null;
  createdAt: string;
  kioskName: string;
}

export interface DeskLawyer {
  id: number;
  status: DutyStatus;
  reason: LawyerQueue['dutyReason'];
  /** When the status was last set: an offer timed out before it does not stop a new one. */
  changedAt: string;
  queues: readonly CallQueue[];
  /** The call ringing them, if any (one at a time). */
  ringing: string | null;
  /** The waiting calls offered to them since `changedAt`: they are not rung for those again. */
  offered: ReadonlySet<string>;
  activeCallId: string | null;
  /** When their last call ended, if within the wrap-up looked at. */
  lastEndedAt: string | null;
}

export interface DeskSnapshot {
  /** Oldest first. */
  waiting: WaitingCall[];
  /** On duty (available or away), and any others asked for, by id. */
  lawyers: Map<number, DeskLawyer>;
}

/** How a queue names the kiosk: its name and, when it has one, its site. */
export const kioskNameOf = (k: { display_name: string; site: string | null }): string =>
  k.site === null ? k.display_name : `${k.display_name} · ${k.site}`;

/**
 * Reads the desk. `alsoLawyers` are read whatever their status (the
 * lawyers whose consoles are open here: an offline one sees their status
 * and their call); `endedSince` bounds the look at lawyers' last calls.
 */
export async function readDesk(
  db: HubDb,
  opts: { alsoLawyers?: readonly number[]; endedSince?: Date } = {},
): Promise<DeskSnapshot> {
  const also = opts.alsoLawyers ?? [];
  const waitingRows = await db
    .selectFrom('calls')
    .innerJoin('kiosks', 'kiosks.id', 'calls.kiosk_id')
    .select([
      'calls.id',
      'calls.kiosk_id',
      'calls.region_code',
      'calls.topic',
      'calls.caller_name_masked',
      'calls.created_at',
      'kiosks.display_name',
      'kiosks.site',
    ])
    .where('calls.state', '=', 'waiting')
    .orderBy('calls.created_at')
    .orderBy('calls.id')
    .execute();
  const waiting: WaitingCall[] = waitingRows.map((r) => ({
    id: r.id,
    kioskId: r.kiosk_id,
    regionCode: r.region_code,
    topic: r.topic,
    callerNameMasked: r.caller_name_masked,
    createdAt: r.created_at,
    kioskName: kioskNameOf(r),
  }));

  const dutyRows = await db
    .selectFrom('lawyer_duty')
    .innerJoin('users', 'users.id', 'lawyer_duty.user_id')
    .select([
      'lawyer_duty.user_id',
      'lawyer_duty.status',
      'lawyer_duty.reason',
      'lawyer_duty.changed_at',
      'users.region_code',
    ])
    .where('users.role', '=', 'lawyer')
    .where('users.disabled_at', 'is', null)
    .where((w) =>
      also.length === 0
        ? w('lawyer_duty.status', '<>', 'offline')
        : w.or([w('lawyer_duty.status', '<>', 'offline'), w('lawyer_duty.user_id', 'in', also)]),
    )
    .execute();
  const ids = dutyRows.map((r) => r.user_id);
  const queues = await queuesOf(db, ids);
  const lawyers = new Map<number, DeskLawyer & { offered: Set<string> }>();
  for (const r of dutyRows)
    lawyers.set(r.user_id, {
      id: r.user_id,
      status: r.status,
      reason: r.reason,
      changedAt: r.changed_at,
      queues: effectiveQueues(queues.get(r.user_id) ?? [], r.region_code),
      ringing: null,
      offered: new Set(),
      activeCallId: null,
      lastEndedAt: null,
    });
  if (ids.length === 0) return { waiting, lawyers };

  const waitingIds = new Set(waiting.map((c) => c.id));
  const offers = await db
    .selectFrom('call_offers')
    .select(['call_id', 'lawyer_id', 'offered_at', 'outcome'])
    .where('lawyer_id', 'in', ids)
    .where((w) =>
      waitingIds.size === 0
        ? w('outcome', 'is', null)
        : w.or([w('outcome', 'is', null), w('call_id', 'in', [...waitingIds])]),
    )
    .execute();
  for (const o of offers) {
    const lawyer = lawyers.get(o.lawyer_id)!;
    if (o.outcome === null) lawyer.ringing = o.call_id;
    if (waitingIds.has(o.call_id) && o.offered_at >= lawyer.changedAt) lawyer.offered.add(o.call_id);
  }
  const active = await db
    .selectFrom('calls')
    .select(['id', 'lawyer_id'])
    .where('state', '=', 'in-call')
    .where('lawyer_id', 'in', ids)
    .execute();
  for (const a of active) lawyers.get(a.lawyer_id!)!.activeCallId = a.id;
  if (opts.endedSince !== undefined) {
    const ended = await db
      .selectFrom('calls')
      .select(['lawyer_id', (eb) => eb.fn.max('ended_at').as('last')])
      .where('state', '=', 'ended')
      .where('lawyer_id', 'in', ids)
      .where('ended_at', '>=', opts.endedSince.toISOString())
      .groupBy('lawyer_id')
      .execute();
    for (const e of ended) if (e.lawyer_id !== null) lawyers.get(e.lawyer_id)!.lastEndedAt = e.last;
  }
  return { waiting, lawyers };
}

/** What the lawyer's console shows: their status, the callers of their queues (none while offline), their call. */
export function lawyerQueueIn(desk: DeskSnapshot, userId: number): LawyerQueue {
  const lawyer = desk.lawyers.get(userId);
  if (lawyer === undefined) return { duty: 'offline', dutyReason: null, calls: [], activeCallId: null };
  const calls =
    lawyer.status === 'offline'
      ? []
      : desk.waiting
          .filter((c) => queuesCover(lawyer.queues, c))
          .map((c) => ({
            callId: c.id,
            topic: c.topic,
            regionCode: c.regionCode,
            kioskName: c.kioskName,
            callerName: c.callerNameMasked,
            waitingSince: c.createdAt,
            ringing: lawyer.ringing === c.id,
          }));
  return { duty: lawyer.status, dutyReason: lawyer.reason, calls, activeCallId: lawyer.activeCallId };
}

/** Lawyers available now whose queues take a call of this region and topic (in a call or not). */
export function availableFor(desk: DeskSnapshot, call: { regionCode: string; topic: CallTopic }): DeskLawyer[] {
  return [...desk.lawyers.values()].filter((l) => l.status === 'available' && queuesCover(l.queues, call));
}

/**
 * A waiting call's place in line, 1 for the first: 1 + the calls waiting
 * longer that a lawyer on duty who could take this one could take too
 * (they compete for the same lawyers). With no such lawyer on duty, every
 * call waiting longer counts.
 */
export function positionIn(desk: DeskSnapshot, callId: string): number | undefined {
  const index = desk.waiting.findIndex((c) => c.id === callId);
  if (index < 0) return undefined;
  const call = desk.waiting[index]!;
  const onDuty = [...desk.lawyers.values()].filter((l) => l.status !== 'offline' && queuesCover(l.queues, call));
  const ahead = desk.waiting
    .slice(0, index)
    .filter((c) => onDuty.length === 0 || onDuty.some((l) => queuesCover(l.queues, c)));
  return ahead.length + 1;
}
