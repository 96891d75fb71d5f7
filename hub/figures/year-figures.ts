import { RATING_SUBJECTS } from '../../common/api/submissions';
import type { CaseKind } from '../../common/hub/cases';
import { chinaMonth } from '../../common/hub/china-days';
import {
  ANNUAL_LINES,
  annualValue,
  type FigureCounts,
  type YearFiguresResponse,
} from '../../common/hub/api/year-figures';
import { tallyFigures, type FigureCall } from '../calls/call-figures';

/**
 * The year's figures of common/hub/api/year-figures.ts, tallied from what
 * storage read (figures/year-figure-inputs.ts): the kiosks' usage summed
 * per month, kiosk and region, the year's case facts and its video calls.
 * Pure, so every line of the annual table is checked against sums worked
 * out by hand.
 */

/** A kiosk's count of one figure over one month (kiosk_usage_daily summed). */
export interface UsageSum {
  /** YYYY-MM of the kiosk's local days. */
  month: string;
  kioskId: number;
  /** The kiosk's region when the days arrived. */
  regionCode: string;
  metric: string;
  key: string;
  count: number;
}

/** One case's anonymous facts (case_facts). */
export interface CaseFact {
  kind: CaseKind;
  kioskId: number;
  regionCode: string;
  submittedAt: string;
  acceptedAt: string | null;
  assignedAt: string | null;
  outcome: string | null;
}

export interface YearInputs {
  year: number;
  regionCode: string | null;
  kioskId: number | null;
  usage: readonly UsageSum[];
  cases: readonly CaseFact[];
  calls: readonly FigureCall[];
  /** The names of the kiosks counted, by id. */
  kioskNames: ReadonlyMap<number, string>;
}

interface Slice {
  usage: readonly UsageSum[];
  cases: readonly CaseFact[];
  calls: readonly FigureCall[];
}

/** `<subject>:<score>`, as the kiosk counts a rating (service/usage/usage.ts). */
function ratingOf(key: string): { subject: string; score: number } | undefined {
  const m = /^([a-z-]+):([1-5])$/.exec(key);
  return m === null ? undefined : { subject: m[1]!, score: Number(m[2]) };
}

function countsOf({ usage, cases, calls }: Slice): FigureCounts {
  const used = (metric: string) => usage.reduce((sum, u) => (u.metric === metric ? sum + u.count : sum), 0);
  const ofKind = (kind: CaseKind) => cases.filter((c) => c.kind === kind);
  const legalAid = ofKind('legal-aid-application');
  const mediation = ofKind('mediation-request');
  let ratings = 0;
  let scores = 0;
  for (const u of usage) {
    const rating = u.metric === 'rating' ? ratingOf(u.key) : undefined;
    if (rating === undefined) continue;
    ratings += u.count;
    scores += u.count * rating.score;
  }
  const call = tallyFigures({ from: '', to: '', regionCode: null, calls, refusals: [], unansweredOffers: [] }).total;
  return {
    consultations: used('consultation'),
    lawLookups: used('law-lookup'),
    searches: used('search'),
    legalAidChecks: used('legal-aid-check'),
    legalAidApplications: legalAid.length,
    legalAidAccepted: legalAid.filter((c) => c.acceptedAt !== null).length,
    legalAidAssigned: legalAid.filter((c) => c.assignedAt !== null).length,
    disputeScreenings: used('dispute-screening'),
    mediationRequests: mediation.length,
    mediationAccepted: mediation.filter((c) => c.acceptedAt !== null).length,
    mediationSettled: mediation.filter((c) => c.outcome === 'settled').length,
    callsOffered: call.offered,
    callsAnswered: call.answered,
    callsAbandoned: call.abandoned,
    callsReferredToLegalAid: call.referrals['legal-aid'],
    callWaitSeconds: call.waitSeconds,
    callDurationSeconds: call.durationSeconds,
    ratings,
    ratingAverage: ratings === 0 ? null : Math.round((scores / ratings) * 100) / 100,
  };
}

const caseMonth = (c: CaseFact): string => chinaMonth(new Date(c.submittedAt));
const callMonth = (c: FigureCall): string => chinaMonth(new Date(c.createdAt));

const NOTHING: Slice = { usage: [], cases: [], calls: [] };

/**
 * The inputs split by one key (a month, a region, a kiosk), in one pass over
 * each: a national year is hundreds of thousands of usage rows, which a
 * filter per month, region and kiosk would read thousands of times.
 */
function sliceBy<K>(
  inputs: YearInputs,
  key: { usage: (u: UsageSum) => K; case: (c: CaseFact) => K; call: (c: FigureCall) => K },
): Map<K, Slice> {
  const slices = new Map<K, { usage: UsageSum[]; cases: CaseFact[]; calls: FigureCall[] }>();
  const of = (k: K) => {
    let slice = slices.get(k);
    if (slice === undefined) slices.set(k, (slice = { usage: [], cases: [], calls: [] }));
    return slice;
  };
  for (const u of inputs.usage) of(key.usage(u)).usage.push(u);
  for (const c of inputs.cases) of(key.case(c)).cases.push(c);
  for (const c of inputs.calls) of(key.call(c)).calls.push(c);
  return slices;
}

export function tallyYear(inputs: YearInputs): YearFiguresResponse {
  const months = Array.from({ length: 12 }, (_, i) => `${inputs.year}-${String(i + 1).padStart(2, '0')}`);
  const monthly = sliceBy(inputs, { usage: (u) => u.month, case: caseMonth, call: callMonth });
  const byMonth = months.map((month) => ({ month, ...countsOf(monthly.get(month) ?? NOTHING) }));

  const regional = sliceBy(inputs, {
    usage: (u) => u.regionCode,
    case: (c) => c.regionCode,
    call: (c) => c.kioskRegion,
  });
  const byRegion = [...regional.keys()]
    .sort()
    .map((regionCode) => ({ regionCode, ...countsOf(regional.get(regionCode)!) }));

  // A kiosk's region is the one its latest input names (a kiosk moved within the year shows where it is now).
  const regionOf = new Map<number, string>();
  for (const x of [...inputs.usage, ...inputs.cases]) regionOf.set(x.kioskId, x.regionCode);
  for (const c of inputs.calls) regionOf.set(c.kioskId, c.kioskRegion);
  const perKiosk = sliceBy(inputs, { usage: (u) => u.kioskId, case: (c) => c.kioskId, call: (c) => c.kioskId });
  const byKiosk = [...perKiosk]
    .map(([kioskId, slice]) => ({
      kioskId,
      kioskName: inputs.kioskNames.get(kioskId) ?? `#${kioskId}`,
      regionCode: regionOf.get(kioskId)!,
      ...countsOf(slice),
    }))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.kioskName.localeCompare(b.kioskName, 'zh-CN'));

  const topics = new Map<string, number>();
  for (const u of inputs.usage) if (u.metric === 'consultation') topics.set(u.key, (topics.get(u.key) ?? 0) + u.count);
  const consultationsByTopic = [...topics]
    .map(([topic, count]) => ({ topic, count }))
    .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));

  const scores = new Map<string, number[]>(RATING_SUBJECTS.map((s) => [s, [0, 0, 0, 0, 0]]));
  for (const u of inputs.usage) {
    const rating = u.metric === 'rating' ? ratingOf(u.key) : undefined;
    if (rating === undefined) continue;
    const row = scores.get(rating.subject) ?? [0, 0, 0, 0, 0];
    row[rating.score - 1]! += u.count;
    scores.set(rating.subject, row);
  }
  const ratingsBySubject = [...scores].map(([subject, byScore]) => {
    const count = byScore.reduce((a, b) => a + b, 0);
    const sum = byScore.reduce((a, n, i) => a + n * (i + 1), 0);
    return { subject, count, average: count === 0 ? null : Math.round((sum / count) * 100) / 100, byScore };
  });

  const total = countsOf(inputs);
  return {
    year: inputs.year,
    regionCode: inputs.regionCode,
    kioskId: inputs.kioskId,
    total,
    byMonth,
    byRegion,
    byKiosk,
    consultationsByTopic,
    ratingsBySubject,
    annual: ANNUAL_LINES.map((line) => ({
      line,
      total: annualValue(line, total),
      byMonth: byMonth.map((m) => annualValue(line, m)),
    })),
  };
}
