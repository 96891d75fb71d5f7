import { z } from 'zod';
import type { StatMetric } from './stats';

/**
 * Usage events the screens report (POST /api/usage): things that happen only
 * on screen — an answer opened, a legal-aid check answered, a template
 * printed, a calculator used, a law or article opened, a search made, a
 * dispute's type chosen at the start of the mediation flow. Submissions (legal-aid applications, mediation
 * requests, ratings) are not among them: the service counts those itself
 * when it stores them, so a retried request is never counted twice.
 */
export const USAGE_METRICS = [
  'consultation',
  'legal-aid-check',
  'template-printed',
  'calculator',
  'law-lookup',
  'search',
  'dispute-screening',
] as const satisfies readonly StatMetric[];
export const UsageMetric = z.enum(USAGE_METRICS);
export type UsageMetric = z.infer<typeof UsageMetric>;

/**
 * What a usage key may be: a code from the content release or the kiosk's own
 * lists — a topic id (`labour-wages/unpaid-wages`), a template or calculator
 * id, an outcome code. Lower-case letters, "-" and "/", and at most two
 * digits in a row, so no ID card, phone or bank number can ever become a key,
 * even by a screen's mistake. Stricter than the store's own rule (StatKey).
 */
export const UsageKey = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9/-]*$/, 'expected a code: lower-case letters, digits, "-" and "/"')
  .refine((k) => !/\d{3,}/.test(k), 'a usage key must not hold a run of digits (personal numbers are not statistics)');

export const UsageRequest = z.strictObject({ metric: UsageMetric, key: UsageKey.optional() });
export type UsageRequest = z.infer<typeof UsageRequest>;
