import { z } from 'zod';
import { CASE_KINDS, CaseKind, KioskCaseStatus } from '../hub/cases';
import { SubmissionReference } from './submissions';

/**
 * 查询进度 at the kiosk: the touchscreen asks its service where a legal-aid
 * application or mediation request stands, by the reference on the receipt
 * and the last four digits of the phone given with it. The service asks the
 * hub when it can, and otherwise answers from what it knows itself.
 */

/** Whether a submission of `kind` is a case whose progress can be looked up (legal-aid applications and mediation requests). */
export function isCaseKind(kind: string): kind is CaseKind {
  return (CASE_KINDS as readonly string[]).includes(kind);
}

export const CaseStatusRequest = z.strictObject({
  reference: SubmissionReference,
  phoneLast4: z.string().regex(/^\d{4}$/, 'expected the last four digits of a phone number'),
});
export type CaseStatusRequest = z.infer<typeof CaseStatusRequest>;

/**
 * - `found`: the hub's answer, just now.
 * - `not-found`: no case with this reference and these digits (one answer
 *   for both, so a guess learns nothing).
 * - `too-many-tries`: too many wrong tries within a minute, at the hub or
 *   at this kiosk; nothing was looked up.
 * - `not-delivered`: taken at this kiosk and still waiting in its outbox —
 *   the office has not received it yet (the digits were checked here).
 * - `offline-last-known`: the hub cannot be asked now; the last status this
 *   kiosk learned, and when it learned it (the digits were checked here).
 * - `offline-unknown`: the hub cannot be asked now and this kiosk knows no
 *   status it may show for these digits.
 */
export const CaseStatusAnswer = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), status: KioskCaseStatus }),
  z.object({ outcome: z.literal('not-found') }),
  z.object({ outcome: z.literal('too-many-tries'), retryAfterSeconds: z.number().int().positive() }),
  z.object({ outcome: z.literal('not-delivered'), reference: z.string(), kind: CaseKind, createdAt: z.string() }),
  z.object({ outcome: z.literal('offline-last-known'), status: KioskCaseStatus, learnedAt: z.string() }),
  z.object({ outcome: z.literal('offline-unknown') }),
]);
export type CaseStatusAnswer = z.infer<typeof CaseStatusAnswer>;
