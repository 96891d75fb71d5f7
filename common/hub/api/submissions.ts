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

const B64URL = /^[A-Za-z0-9_-]+$/;
const part = (what: string, max: number) => z.string().min(1).max(max).regex(B64URL, `expected ${what} in base64url`);

/**
 * A payload sealed at the kiosk to the hub's sealing key (server-kit/sealed-box.ts),
 * bound to the kiosk that took it (its id at the hub) and its submission's
 * kind, reference and idempotency key (`sealedPayloadAad`): copied from one
 * kiosk's outbox and sent with another kiosk's key, it does not open. The
 * hub opens it and checks what it opens to with the same schema as a
 * payload sent in clear.
 */
export const SealedPayload = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected a sealing key id (16 hex digits)'),
  ephemeralKey: part('an X25519 public key', 200),
  iv: part('an IV', 32),
  // The payload's own bound (the body limit) applies to the whole body.
  ciphertext: part('the sealed payload', 1_000_000),
  tag: part('an authentication tag', 32),
});
export type SealedPayload = z.infer<typeof SealedPayload>;

/** What a sealed payload is bound to: opened as part of any other submission, it does not open. */
export const sealedPayloadAad = (s: {
  kioskId: number;
  kind: string;
  reference: string;
  idempotencyKey: string;
}): string => `submission\0${s.kioskId}\0${s.kind}\0${s.reference}\0${s.idempotencyKey}`;

const sealedDeliveryShape = <K extends SubmissionKind>(kind: K) =>
  deliveryShape(kind).omit({ payload: true }).extend({ sealedPayload: SealedPayload });

export const KioskSealedSubmitRequest = z.discriminatedUnion('kind', [
  sealedDeliveryShape('legal-aid-application'),
  sealedDeliveryShape('mediation-request'),
  sealedDeliveryShape('rating'),
  sealedDeliveryShape('template-handoff'),
  sealedDeliveryShape('callback-request'),
]);
export type KioskSealedSubmitRequest = z.input<typeof KioskSealedSubmitRequest>;

/**
 * The body of a delivery: its payload in clear (a kiosk that has no
 * sealing key of the hub) or sealed. Told apart by `sealedPayload` before
 * parsing, so a bad body is answered with what is wrong in its own shape
 * rather than with both shapes' complaints.
 */
export const KioskSubmitBody = z.unknown().transform((value, ctx) => {
  const sealed = typeof value === 'object' && value !== null && 'sealedPayload' in value;
  const parsed = sealed ? KioskSealedSubmitRequest.safeParse(value) : KioskSubmitRequest.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: undefined } as never);
  return z.NEVER;
});

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
