import type { CallCounts, CallFiguresResponse, LawyerCounts, Percentiles } from '../../common/hub/api/call-figures';
import { REFERRALS, type Referral } from '../../common/hub/api/call-records';
import type { CallEndReason, CallUnavailableReason } from '../../common/hub/api/calls';
import { chinaMonth, monthsSpanned } from '../../common/hub/china-days';
import { percentile } from '../../common/percentiles';

/**
 * The call figures of common/hub/api/call-figures.ts, tallied from what
 * storage read for the range (storage/call-figures.ts): the calls queued
 * in it with their records, the refused requests counted per day, and the
 * offers that rang out unanswered. Pure, so every count and percentile is
 * checked against values worked out by hand.
 */

export interface FigureCall {
  kioskId: number;
  kioskName: string;
  kioskRegion: string;
  lawyerId: number | null;
  lawyerName: string | null;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
  /** The referral of its finished record; undefined when it has none finished. */
  referral: Referral | undefined;
}

export interface FigureRefusal {
  /** China day, `YYYY-MM-DD`. */
  day: string;
  kioskId: number;
  kioskName: string;
  kioskRegion: string;
  reason: CallUnavailableReason;
  requests: number;
}

export interface UnansweredOffer {
  lawyerId: number;
  lawyerName: string;
}

export interface FigureInputs {
  from: string;
  to: string;
  regionCode: string | null;
  calls: readonly FigureCall[];
  refusals: readonly FigureRefusal[];
  unansweredOffers: readonly UnansweredOffer[];
}

const seconds = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 1000;

/** Whole seconds; null for no values. */
function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: null, p90: null };
  return { p50: Math.round(percentile(values, 50)), p90: Math.round(percentile(values, 90)) };
}

const noReferrals = (): Record<Referral, number> =>
  Object.fromEntries(REFERRALS.map((r) => [r, 0])) as Record<Referral, number>;

/** The waits, durations and records of answered calls: what a lawyer's row and a set's row share. */
function answeredFigures(calls: readonly FigureCall[]) {
  const answered = calls.filter((c) => c.answeredAt !== null);
  const referrals = noReferrals();
  for (const c of answered) if (c.referral !== undefined) referrals[c.referral]++;
  return {
    answered: answered.length,
    droppedInCall: answered.filter((c) => c.endReason === 'dropped').length,
    waitSeconds: percentiles(answered.map((c) => seconds(c.createdAt, c.answeredAt!))),
    durationSeconds: percentiles(
      answered.flatMap((c) => (c.endedAt === null ? [] : [seconds(c.answeredAt!, c.endedAt)])),
    ),
    recorded: answered.filter((c) => c.referral !== undefined).length,
    referrals,
  };
}

function counts(calls: readonly FigureCall[], refusals: readonly FigureRefusal[]): CallCounts {
  const unanswered = (reason: CallEndReason) =>
    calls.filter((c) => c.answeredAt === null && c.endReason === reason).length;
  const refused = (reason: CallUnavailableReason) =>
    refusals.filter((r) => r.reason === reason).reduce((sum, r) => sum + r.requests, 0);
  const { answered, droppedInCall, waitSeconds, durationSeconds, recorded, referrals } = answeredFigures(calls);
  return {
    offered: calls.length,
    answered,
    abandoned: unanswered('abandoned'),
    missed: unanswered('missed'),
    droppedWaiting: unanswered('dropped'),
    droppedInCall,
    open: calls.filter((c) => c.endReason === null).length,
    refusedOutsideHours: refused('outside-hours'),
    refusedNoLawyer: refused('no-lawyer'),
    waitSeconds,
    durationSeconds,
    recorded,
    referrals,
  };
}

/** The values of `items` grouped by `key`, groups in first-seen order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

export function tallyFigures(inputs: FigureInputs): CallFiguresResponse {
  const { calls, refusals } = inputs;

  const callsByMonth = groupBy(calls, (c) => chinaMonth(new Date(c.createdAt)));
  const refusalsByMonth = groupBy(refusals, (r) => r.day.slice(0, 7));
  const byMonth = monthsSpanned(inputs.from, inputs.to).map((month) => ({
    month,
    ...counts(callsByMonth.get(month) ?? [], refusalsByMonth.get(month) ?? []),
  }));

  const callsByKiosk = groupBy(calls, (c) => c.kioskId);
  const refusalsByKiosk = groupBy(refusals, (r) => r.kioskId);
  const kiosks = new Map<number, { kioskName: string; regionCode: string }>();
  for (const k of [...calls, ...refusals]) kiosks.set(k.kioskId, { kioskName: k.kioskName, regionCode: k.kioskRegion });
  const byKiosk = [...kiosks]
    .map(([kioskId, kiosk]) => ({
      kioskId,
      ...kiosk,
      ...counts(callsByKiosk.get(kioskId) ?? [], refusalsByKiosk.get(kioskId) ?? []),
    }))
    .sort(
      (a, b) =>
        b.offered - a.offered ||
        b.refusedNoLawyer + b.refusedOutsideHours - (a.refusedNoLawyer + a.refusedOutsideHours) ||
        a.kioskId - b.kioskId,
    );

  const callsByLawyer = groupBy(
    calls.filter((c) => c.lawyerId !== null),
    (c) => c.lawyerId!,
  );
  const offersByLawyer = groupBy(inputs.unansweredOffers, (o) => o.lawyerId);
  const lawyerNames = new Map<number, string>();
  for (const o of inputs.unansweredOffers) lawyerNames.set(o.lawyerId, o.lawyerName);
  for (const c of calls) if (c.lawyerId !== null) lawyerNames.set(c.lawyerId, c.lawyerName ?? String(c.lawyerId));
  const byLawyer: LawyerCounts[] = [...lawyerNames]
    .map(([lawyerId, lawyerName]) => {
      const { answered, droppedInCall, waitSeconds, durationSeconds, recorded, referrals } = answeredFigures(
        callsByLawyer.get(lawyerId) ?? [],
      );
      return {
        lawyerId,
        lawyerName,
        answered,
        droppedInCall,
        offersUnanswered: offersByLawyer.get(lawyerId)?.length ?? 0,
        waitSeconds,
        durationSeconds,
        recorded,
        referrals,
      };
    })
    .sort((a, b) => b.answered - a.answered || a.lawyerName.localeCompare(b.lawyerName, 'zh-CN'));

  return {
    from: inputs.from,
    to: inputs.to,
    regionCode: inputs.regionCode,
    total: counts(calls, refusals),
    byMonth,
    byLawyer,
    byKiosk,
  };
}
