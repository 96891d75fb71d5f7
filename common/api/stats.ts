import { z } from 'zod';

/**
 * Usage figures the kiosk counts per day (records.db `daily_stats`) and the
 * admin console reports: consultations by topic, legal-aid checks and
 * applications, templates printed, mediation requests, ratings, calculator
 * uses, callback requests, law look-ups, searches, dispute screenings. Counts only — never who: a key names a topic, template or score, not
 * a person.
 */
export const STAT_METRICS = [
  /** key: the topic id (labour-wages…). */
  'consultation',
  /** key: the outcome (likely-eligible, likely-not, needs-review). */
  'legal-aid-check',
  /** key: the matter category. */
  'legal-aid-application',
  /** key: the template id. */
  'template-printed',
  /** key: the dispute category. */
  'mediation-request',
  /** key: `<subject>:<score>`, e.g. consultation:5. */
  'rating',
  /** key: the calculator (overtime-pay, court-fee…). */
  'calculator',
  /** key: why the video call could not be made (no-lawyer, outside-hours…): calls a lawyer owes back. */
  'callback-request',
  /** key: what was opened — `article` (one article) or `law` (a law in the reader). */
  'law-lookup',
  /** key: `found` or `none`: whether the search found anything. Never the words searched for. */
  'search',
  /** key: the dispute category: a citizen began the mediation flow by saying what the dispute is about. */
  'dispute-screening',
] as const;
export const StatMetric = z.enum(STAT_METRICS);
export type StatMetric = z.infer<typeof StatMetric>;

/**
 * A short code; '' when the metric has no breakdown. Anything that looks like
 * an ID or phone number (a long digit run) is refused, so a mistaken caller
 * cannot turn the statistics into a register of people.
 */
export const StatKey = z
  .string()
  .max(64)
  .regex(/^[\p{L}\p{N}._:/-]*$/u, 'expected a short code: letters, digits and . _ : / -')
  .refine(
    (k) => !/\d{7,}/.test(k),
    'a statistics key must not hold a long number (ID or phone numbers are not statistics)',
  );

export const DailyStat = z.object({
  /** The terminal's local date, YYYY-MM-DD. */
  day: z.string(),
  metric: StatMetric,
  key: z.string(),
  count: z.number().int(),
});
export type DailyStat = z.infer<typeof DailyStat>;
