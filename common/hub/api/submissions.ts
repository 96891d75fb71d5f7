import { z } from 'zod';
import { kindOfLetter, SUBMISSION_PAYLOADS, SubmissionKind, SubmissionReference } from '../../api/submissions';
import { parseReference } from '../../reference-number';

/**
 * A submission as a kiosk delivers it from its outbox to the hub: the same
 * kinds and the same payload schemas the kiosk checked when the citizen
 * submitted, so the hub accepts exactly what a kiosk can have stored. The
 * idempotency key is the one the kiosk's UI made; the hub keys it by kiosk,
 * and keeps it for good (a kiosk may be offline for weeks).
 */

const deliveryShape = <K extends SubmissionKind>(kind: K) =>
  z.strictObject({
    idempotencyKey: z.uuid(),
    kind: z.literal(kind),
    /** Made by the kiosk in the transaction that stored the submission; its letter is the kind's. */
    reference: SubmissionReference.refine((reference) => kindOfLetter(parseReference(reference).letter) === kind, {
      message: `expected a reference number of a ${kind}`,
    }),
    /** When the citizen submitted it, at the kiosk. */
    createdAt: z.iso.datetime({ offset: true }),
    payload: SUBMISSION_PAYLOADS[kind],
  });

export const KioskSubmitRequest = z.discriminatedUnion('kind', [
  deliveryShape('legal-aid-application'),
  deliveryShape('mediation-request'),
  deliveryShape('rating'),
  deliveryShape('template-handoff'),
  deliveryShape('callback-request'),
]);
export type KioskSubmitRequest = z.input<typeof KioskSubmitRequest>;

/** The hub's answer once the submission is committed; the same answer, word for word, to a repeat of its key. */
export const KioskSubmitResponse = z.object({
  reference: z.string(),
  receivedAt: z.string(),
});
export type KioskSubmitResponse = z.infer<typeof KioskSubmitResponse>;

/** A received submission as `hubctl submissions` lists it: no personal data. */
export const ReceivedSubmission = z.object({
  reference: z.string(),
  kind: SubmissionKind,
  kioskId: z.number().int(),
  terminalId: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  receivedAt: z.string(),
});
export type ReceivedSubmission = z.infer<typeof ReceivedSubmission>;
