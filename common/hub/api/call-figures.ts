import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../accounts';
import { daysSpanned, isDay } from '../china-days';
import type { Referral } from './call-records';

/**
 * The call figures (通话统计) administrators report: how many citizens asked
 * for a lawyer, how many were answered, how long they waited and talked,
 * and what they were referred to — for a range of days in China time, in
 * total and per month, per lawyer and per kiosk.
 *
 * The counts of a row add up: every call queued in the range is `offered`,
 * and is answered, abandoned, missed, dropped while waiting, or still
 * open. Requests the hub refused before queueing (outside the roster's
 * hours, no lawyer on duty) are never offered; they are counted beside,
 * so an answer rate is not made better by turning callers away.
 */

/** The longest range one request may span: a year, leap day included. */
export const FIGURES_MAX_DAYS = 366;

const Day = z.string().refine(isDay, 'expected a day, YYYY-MM-DD');

export const CallFiguresRequest = z
  .strictObject({
    /** First day counted, China time. */
    from: Day,
    /** Last day counted, China time. */
    to: Day,
    /** Only this region and the regions within it; default every region the caller manages. */
    regionCode: z.string().regex(REGION_CODE_PATTERN, 'expected a 6-digit region code').optional(),
  })
  .refine((r) => !isDay(r.from) || !isDay(r.to) || r.from <= r.to, {
    message: 'must not be before from',
    path: ['to'],
  })
  .refine((r) => !isDay(r.from) || !isDay(r.to) || daysSpanned(r.from, r.to) <= FIGURES_MAX_DAYS, {
    message: `at most ${FIGURES_MAX_DAYS} days from from`,
    path: ['to'],
  });
export type CallFiguresRequest = z.infer<typeof CallFiguresRequest>;

/** Nearest-rank percentiles of a set of durations, whole seconds; null when there is none to measure. */
export const Percentiles = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });
export type Percentiles = z.infer<typeof Percentiles>;

/** Finished consultation records, by what the citizen was referred to. */
export const ReferralCounts = z.object({
  'legal-aid': z.number().int(),
  mediation: z.number().int(),
  litigation: z.number().int(),
  none: z.number().int(),
} satisfies Record<Referral, z.ZodNumber>);
export type ReferralCounts = z.infer<typeof ReferralCounts>;

/** Figures of a set of calls (all of the range's, a month's, a kiosk's). */
export const CallCounts = z.object({
  /** Calls queued. */
  offered: z.number().int(),
  /** Taken by a lawyer (whatever happened after). */
  answered: z.number().int(),
  /** The citizen left before an answer. */
  abandoned: z.number().int(),
  /** Waited past the longest wait, or every lawyer went off duty. */
  missed: z.number().int(),
  /** The kiosk's connection stayed away while it waited. */
  droppedWaiting: z.number().int(),
  /** Answered, then a side's connection stayed away: cut off. */
  droppedInCall: z.number().int(),
  /** Still waiting or under way when the figures were read. */
  open: z.number().int(),
  /** Requests refused before queueing: outside the roster's hours. */
  refusedOutsideHours: z.number().int(),
  /** Requests refused before queueing: no lawyer on duty for it. */
  refusedNoLawyer: z.number().int(),
  /** From the request to the answer, answered calls. */
  waitSeconds: Percentiles,
  /** From the answer to the end, answered calls that ended. */
  durationSeconds: Percentiles,
  /** Answered calls whose record was finished. */
  recorded: z.number().int(),
  referrals: ReferralCounts,
});
export type CallCounts = z.infer<typeof CallCounts>;

/** A lawyer's figures: only what a lawyer has (the calls they answered, the offers that rang them). */
export const LawyerCounts = z.object({
  lawyerId: z.number().int(),
  /** Display name, or login. */
  lawyerName: z.string(),
  answered: z.number().int(),
  droppedInCall: z.number().int(),
  /** Offers that rang this lawyer out unanswered. */
  offersUnanswered: z.number().int(),
  waitSeconds: Percentiles,
  durationSeconds: Percentiles,
  recorded: z.number().int(),
  referrals: ReferralCounts,
});
export type LawyerCounts = z.infer<typeof LawyerCounts>;

export const CallFiguresResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** The region counted (and those within it); null for every region. */
  regionCode: z.string().nullable(),
  total: CallCounts,
  /** Every month of the range, oldest first, also those without calls. */
  byMonth: z.array(CallCounts.extend({ month: z.string() })),
  /** Lawyers who answered or were rung, most answers first. */
  byLawyer: z.array(LawyerCounts),
  /** Kiosks that asked, most offered first. */
  byKiosk: z.array(CallCounts.extend({ kioskId: z.number().int(), kioskName: z.string(), regionCode: z.string() })),
});
export type CallFiguresResponse = z.infer<typeof CallFiguresResponse>;
