import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../accounts';
import { LANGUAGE_TAGS } from '../../i18n/catalogue';
import { Percentiles } from './call-figures';

/**
 * The year's figures (年度统计) administrators report, by month, region and
 * kiosk, and the annual table in the shape of a district's yearly report.
 * Everything is counted in China time and from three sources, nothing by
 * hand:
 *  - the kiosks' daily usage counts (hub `kiosk_usage_daily`, sent with the
 *    heartbeat from records.db `daily_stats`; the kiosk's local day);
 *  - the anonymous facts of every legal-aid application and mediation
 *    request the hub received (`case_facts`, kept up to date by the case
 *    desks; a case counts in the month it was submitted at the kiosk, and
 *    so do its acceptance, assignment and outcome, so each funnel narrows);
 *  - the video calls (calls/call-figures.ts), counted in the month the call
 *    was queued.
 * Counts only: no row names a person.
 */

export const FIGURES_FIRST_YEAR = 2020;
export const FIGURES_LAST_YEAR = 2100;

export const YearFiguresRequest = z.strictObject({
  year: z.number().int().min(FIGURES_FIRST_YEAR).max(FIGURES_LAST_YEAR),
  /** Only this region and the regions within it; default every region the caller manages. */
  regionCode: z.string().regex(REGION_CODE_PATTERN, 'expected a 6-digit region code').optional(),
  /** Only this kiosk (it must stand in a region the caller manages). */
  kioskId: z.number().int().positive().optional(),
});
export type YearFiguresRequest = z.infer<typeof YearFiguresRequest>;

const Count = z.number().int().min(0);

/** The figures of a set of usage, cases and calls (the year's, a month's, a region's, a kiosk's). */
export const FigureCounts = z.object({
  /** Kiosk usage `consultation`: answers opened (every topic). */
  consultations: Count,
  /** Kiosk usage `law-lookup`: articles and laws opened. */
  lawLookups: Count,
  /** Kiosk usage `search`: searches made. */
  searches: Count,
  /** Kiosk usage `legal-aid-check`: legal-aid pre-checks answered. */
  legalAidChecks: Count,
  /** Case facts: legal-aid applications received at the hub. */
  legalAidApplications: Count,
  /** …of them accepted (受理) by the legal-aid centre. */
  legalAidAccepted: Count,
  /** …of them with a lawyer assigned (已指派律师). */
  legalAidAssigned: Count,
  /** Kiosk usage `dispute-screening`: mediation flows begun by naming the dispute. */
  disputeScreenings: Count,
  /** Case facts: mediation requests received at the hub. */
  mediationRequests: Count,
  /** …of them accepted (受理) by a mediation committee: mediation cases. */
  mediationAccepted: Count,
  /** …of them settled (调解成功). */
  mediationSettled: Count,
  /** Video calls queued; answered by a lawyer; left by the citizen before an answer. */
  callsOffered: Count,
  callsAnswered: Count,
  callsAbandoned: Count,
  /** Answered calls whose finished record refers the citizen to legal aid. */
  callsReferredToLegalAid: Count,
  callWaitSeconds: Percentiles,
  callDurationSeconds: Percentiles,
  /** Kiosk usage `rating`: ratings given, and their mean score (1–5), null without any. */
  ratings: Count,
  ratingAverage: z.number().nullable(),
});
export type FigureCounts = z.infer<typeof FigureCounts>;

/**
 * The lines of the annual table, in the order of the district's report
 * (about 6,000 legal consultations, 150+ legal-aid referrals, 797 dispute
 * screenings, 231 mediation cases of which 183 settled), then what the
 * kiosks add. Each line sums exactly (FigureCounts fields):
 *  - legal-consultations: consultations + callsAnswered (answers opened at
 *    a kiosk, and video consultations a lawyer answered);
 *  - legal-aid-referrals: legalAidApplications + callsReferredToLegalAid
 *    (applications that reached the centre, and citizens a lawyer referred
 *    to legal aid in a call);
 *  - dispute-screenings: disputeScreenings;
 *  - mediation-cases: mediationAccepted (a request becomes a case when a
 *    committee accepts it);
 *  - mediation-settled: mediationSettled;
 *  - legal-aid-prechecks: legalAidChecks;
 *  - law-lookups: lawLookups;
 *  - searches: searches;
 *  - video-consultations: callsAnswered;
 *  - ratings: ratings.
 */
export const ANNUAL_LINES = [
  'legal-consultations',
  'legal-aid-referrals',
  'dispute-screenings',
  'mediation-cases',
  'mediation-settled',
  'legal-aid-prechecks',
  'law-lookups',
  'searches',
  'video-consultations',
  'ratings',
] as const;
export type AnnualLine = (typeof ANNUAL_LINES)[number];

/** One line's value from a set's counts: the sums the comment on ANNUAL_LINES defines. */
export function annualValue(line: AnnualLine, c: FigureCounts): number {
  switch (line) {
    case 'legal-consultations':
      return c.consultations + c.callsAnswered;
    case 'legal-aid-referrals':
      return c.legalAidApplications + c.callsReferredToLegalAid;
    case 'dispute-screenings':
      return c.disputeScreenings;
    case 'mediation-cases':
      return c.mediationAccepted;
    case 'mediation-settled':
      return c.mediationSettled;
    case 'legal-aid-prechecks':
      return c.legalAidChecks;
    case 'law-lookups':
      return c.lawLookups;
    case 'searches':
      return c.searches;
    case 'video-consultations':
      return c.callsAnswered;
    case 'ratings':
      return c.ratings;
  }
}

export const AnnualRow = z.object({
  line: z.enum(ANNUAL_LINES),
  /** The year's value. */
  total: Count,
  /** January to December. */
  byMonth: z.array(Count).length(12),
});
export type AnnualRow = z.infer<typeof AnnualRow>;

export const YearFiguresResponse = z.object({
  year: z.number().int(),
  /** The region counted (and those within it); null for every region. */
  regionCode: z.string().nullable(),
  kioskId: z.number().int().nullable(),
  total: FigureCounts,
  /** January to December, also the months without anything. */
  byMonth: z.array(FigureCounts.extend({ month: z.string() })),
  /** Regions of the kiosks counted, by code. */
  byRegion: z.array(FigureCounts.extend({ regionCode: z.string() })),
  /** Kiosks counted, by region then name. */
  byKiosk: z.array(FigureCounts.extend({ kioskId: z.number().int(), kioskName: z.string(), regionCode: z.string() })),
  /** Answers opened per consultation topic (the usage key), most first. */
  consultationsByTopic: z.array(z.object({ topic: z.string(), count: Count })),
  /** Ratings per subject (consultation, legal-aid…): how many of each score 1–5, and the mean. */
  ratingsBySubject: z.array(
    z.object({ subject: z.string(), count: Count, average: z.number().nullable(), byScore: z.array(Count).length(5) }),
  ),
  annual: z.array(AnnualRow),
});
export type YearFiguresResponse = z.infer<typeof YearFiguresResponse>;

/** The tables an export can hold: each is one CSV, or one sheet of the workbook. */
export const FIGURE_TABLES = ['annual', 'by-month', 'by-region', 'by-kiosk', 'by-topic', 'ratings'] as const;
export type FigureTable = (typeof FIGURE_TABLES)[number];

export const FiguresExportRequest = YearFiguresRequest.extend({
  format: z.enum(['csv', 'xlsx']),
  /** The language of the headings and line names. */
  language: z.enum(LANGUAGE_TAGS).default('zh-CN'),
  /** The table of a CSV; a workbook holds every table unless one is named. */
  table: z.enum(FIGURE_TABLES).optional(),
}).refine((r) => r.format === 'xlsx' || r.table !== undefined, {
  message: 'a CSV holds one table: name it',
  path: ['table'],
});
export type FiguresExportRequest = z.infer<typeof FiguresExportRequest>;

/**
 * The file, in the JSON every console route answers with: the console
 * saves it as a download, hubctl writes it out. A year's tables are a few
 * kilobytes, so base64's third more costs nothing.
 */
export const FiguresExportResponse = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  base64: z.string(),
});
export type FiguresExportResponse = z.infer<typeof FiguresExportResponse>;
