import { z } from 'zod';
import { CallTopicSchema } from '../hub/api/calls';
import { LEGAL_AID_OUTCOMES } from '../legal-aid/codes';
import { RATING_REASONS } from '../rating/rating';
import { InvalidReferenceError, parseReference, REFERENCE_LENGTH } from '../reference-number';
import { mapBlockText, QR_MAX_BYTES, Receipt, utf8Length } from '../receipt/receipt';
import { KioskCallUnavailableReason } from './calls';
import { checkReceiptSize, TEMPLATE_HANDOFF_MAX_CHARS, TEMPLATE_MAX_FIELDS } from './body-limits';
import { PrintJob } from './devices';

/**
 * Submissions: what a citizen sends on from the kiosk (legal-aid
 * applications, mediation requests, ratings, filled templates handed to a
 * lawyer, requests for a lawyer to call back). The service stores each in the outbox of records.db in one
 * transaction with its reference number, prints its receipt and later
 * delivers it to the hub. The outbox is generic over the kind; each kind's
 * payload is checked by its schema below.
 */

export const SUBMISSION_KINDS = [
  'legal-aid-application',
  'mediation-request',
  'rating',
  'template-handoff',
  'callback-request',
] as const;
export const SubmissionKind = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKind>;

/** The letter a kind's reference numbers start with; distinct, and from the reference alphabet (no I, L, O). */
export const SUBMISSION_KIND_LETTERS: Readonly<Record<SubmissionKind, string>> = {
  'legal-aid-application': 'A',
  'mediation-request': 'M',
  rating: 'R',
  'template-handoff': 'T',
  'callback-request': 'C',
};

export function kindOfLetter(letter: string): SubmissionKind | undefined {
  return SUBMISSION_KINDS.find((k) => SUBMISSION_KIND_LETTERS[k] === letter);
}

// ── Payloads ─────────────────────────────────────────────────────────────
// Strict objects (an unknown key is a client bug, not data to keep) with
// generous limits. Personal data is asked for only where the receiving office
// needs it to act; the flows' owners narrow these as their rules settle.

const Text = (max: number) => z.string().trim().min(1).max(max);
const PersonName = Text(50);
/** Resident ID (18), HK/Macau/Taiwan permits, foreign permanent residence cards (15–18): letters and digits. */
const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{15,18}$/, 'expected an ID-card number: 15–18 letters and digits');
/** A mainland mobile number (11 digits, 1[3-9]…) or a landline with its area code (0…, a hyphen after it allowed). */
const PHONE_CORE = '1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}';
/** The phone rule the screens check typed numbers against (after dropping spaces and a +86), the same as the payload's. */
export const PHONE_NUMBER = new RegExp(`^(?:${PHONE_CORE})$`);
const Phone = z
  .string()
  .trim()
  .regex(
    new RegExp(`^(\\+?86[- ]?)?(?:${PHONE_CORE})$`),
    'expected a mobile number (11 digits) or a landline with area code',
  );
/** Topic ids of the content release (labour-wages…), or another short code. */
const Code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a code of lower-case letters, digits and "-"');

/** PIPL Art. 14, 17: the citizen agreed to a notice, which one, and when. */
export const Consent = z.strictObject({
  agreed: z.literal(true),
  /** Version of the notice shown, so the text agreed to can be produced later. */
  noticeVersion: Text(40),
  at: z.iso.datetime({ offset: true }),
});

export const LegalAidApplicationPayload = z.strictObject({
  applicant: z.strictObject({
    name: PersonName,
    idNumber: IdNumber,
    phone: Phone,
    address: Text(200).optional(),
    /** Read from the card (trusted: signed by the SAM) or typed in. */
    idSource: z.enum(['card', 'typed']),
  }),
  matter: z.strictObject({
    category: Code,
    summary: Text(2000),
    /** Who the dispute is with: an employer's name, "房东"… */
    opposingParty: Text(100).optional(),
  }),
  /** What the kiosk's pre-check told the citizen (the office decides, Art. 43). */
  precheck: z
    .strictObject({
      outcome: z.enum(LEGAL_AID_OUTCOMES),
      reasons: z.array(Code).max(20),
    })
    .optional(),
  consent: Consent,
});

export const MediationRequestPayload = z.strictObject({
  applicant: z.strictObject({
    name: PersonName,
    phone: Phone,
    idNumber: IdNumber.optional(),
    idSource: z.enum(['card', 'typed']).optional(),
  }),
  otherParty: z.strictObject({
    name: Text(100),
    phone: Phone.optional(),
    /** 邻居, 房东, 前雇主… */
    relation: Text(40).optional(),
  }),
  dispute: z.strictObject({
    category: Code,
    summary: Text(2000),
    /** Amount in dispute, in fen. */
    amountFen: z.number().int().nonnegative().max(99_999_999_999).optional(),
  }),
  availability: z.enum(['weekdays', 'weekends', 'any']).default('any'),
  consent: Consent,
});

export const RATING_SUBJECTS = [
  'consultation',
  'video-call',
  'legal-aid',
  'mediation',
  'documents',
  'overall',
] as const;
/** No personal data: what was rated and how. */
export const RatingPayload = z.strictObject({
  subject: z.enum(RATING_SUBJECTS),
  score: z.number().int().min(1).max(5),
  comment: Text(300).optional(),
  /** The answer, lawyer session or template rated, when there is one. */
  subjectId: Text(80).optional(),
  /** Chips the citizen tapped (解答清楚, 等待太久…): codes from a fixed list, never free text. */
  reasons: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length).optional(),
});

/** A filled document template sent on to a lawyer or office (the citizen keeps the printed copy). */
export const TemplateHandoffPayload = z.strictObject({
  templateId: Code,
  templateVersion: Text(40).optional(),
  title: Text(80),
  /** Field id (`lender.name`) → the answer as printed. */
  values: z
    .record(
      z
        .string()
        .max(100)
        .regex(/^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*$/, 'expected a field id like "lender.name"'),
      z.string().max(2000),
    )
    .refine((v) => Object.keys(v).length <= TEMPLATE_MAX_FIELDS, `expected at most ${TEMPLATE_MAX_FIELDS} fields`)
    .refine(
      (v) => Object.values(v).reduce((n, text) => n + text.length, 0) <= TEMPLATE_HANDOFF_MAX_CHARS,
      `expected at most ${TEMPLATE_HANDOFF_MAX_CHARS} characters in all the answers together`,
    ),
  recipient: z.enum(['lawyer', 'legal-aid-office', 'mediation-committee']),
});

/**
 * 请律师回电: no lawyer could take a video call (none on duty, outside the
 * roster's hours, the hub out of reach, waited too long), so the citizen
 * leaves a number for a lawyer to call back. Only the number: no name, no
 * ID card — the lawyer asks on the phone what the call needs.
 */
export const CallbackRequestPayload = z.strictObject({
  phone: Phone,
  /** What the call was to be about (劳动纠纷, 婚姻家庭…). */
  topic: CallTopicSchema,
  /** Why the video call could not be made (common/api/calls.ts). */
  reason: KioskCallUnavailableReason,
  consent: Consent,
});

export const SUBMISSION_PAYLOADS = {
  'legal-aid-application': LegalAidApplicationPayload,
  'mediation-request': MediationRequestPayload,
  rating: RatingPayload,
  'template-handoff': TemplateHandoffPayload,
  'callback-request': CallbackRequestPayload,
} as const satisfies Record<SubmissionKind, z.ZodType>;

export type SubmissionPayload<K extends SubmissionKind = SubmissionKind> = z.output<(typeof SUBMISSION_PAYLOADS)[K]>;

// ── Receipts ─────────────────────────────────────────────────────────────

/**
 * The reference number is made in the same transaction that stores the
 * submission, so a receipt sent over HTTP is a template: every occurrence of
 * this placeholder (in text, pair labels and values, QR data and captions) is
 * replaced with the reference before it is stored and printed.
 */
export const REFERENCE_PLACEHOLDER = '{{reference}}';

/** The receipt with the placeholder replaced by `reference`. */
export function fillReceiptTemplate(receipt: Receipt, reference: string): Receipt {
  return { blocks: receipt.blocks.map((b) => mapBlockText(b, (s) => s.replaceAll(REFERENCE_PLACEHOLDER, reference))) };
}

/** A receipt with the reference placeholder; it must show the reference, and still fit once it is filled in. */
export const ReceiptTemplate = Receipt.superRefine((receipt, ctx) => {
  checkReceiptSize(receipt, ctx);
  let found = false;
  receipt.blocks.forEach((block, i) => {
    mapBlockText(block, (s) => {
      if (s.includes(REFERENCE_PLACEHOLDER)) found = true;
      return s;
    });
    if (block.type === 'qr') {
      const longest = block.data.replaceAll(REFERENCE_PLACEHOLDER, 'X'.repeat(REFERENCE_LENGTH));
      if (utf8Length(longest) > QR_MAX_BYTES)
        ctx.addIssue({
          code: 'custom',
          path: ['blocks', i, 'data'],
          message: `expected at most ${QR_MAX_BYTES} bytes of QR data once the reference is filled in`,
        });
    }
  });
  if (!found)
    ctx.addIssue({
      code: 'custom',
      path: ['blocks'],
      message: `a submission receipt must show its reference number: put ${REFERENCE_PLACEHOLDER} in a text, pair or QR block`,
    });
});

// ── Requests and answers ─────────────────────────────────────────────────

/** A reference number as typed or scanned, read tolerantly; a wrong check character is an error naming the field. */
export const SubmissionReference = z
  .string()
  .max(64)
  .transform((text, ctx) => {
    try {
      const parsed = parseReference(text);
      if (kindOfLetter(parsed.letter) === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `no kind of submission has reference numbers starting with "${parsed.letter}"`,
        });
        return z.NEVER;
      }
      return parsed.reference;
    } catch (error) {
      if (!(error instanceof InvalidReferenceError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

const submitShape = <K extends SubmissionKind>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    payload: SUBMISSION_PAYLOADS[kind],
    /** Made by the UI once per submission (crypto.randomUUID()); a retry or a double tap sends the same one. */
    idempotencyKey: z.uuid(),
    /** Printed once stored; omitted for kinds that give no receipt (ratings). */
    receipt: ReceiptTemplate.optional(),
    /** What the print-job list shows (`{{reference}}` in it is filled in); defaults to 回执 and the reference. */
    title: Text(80).optional(),
  });

export const SubmitRequest = z.discriminatedUnion('kind', [
  submitShape('legal-aid-application'),
  submitShape('mediation-request'),
  submitShape('rating'),
  submitShape('template-handoff'),
  submitShape('callback-request'),
]);
export type SubmitRequest = z.input<typeof SubmitRequest>;

export const SubmitResponse = z.object({
  reference: z.string(),
  kind: SubmissionKind,
  createdAt: z.string(),
  /** True when this idempotency key was already used: the first submission is returned and nothing new is stored or printed. */
  duplicate: z.boolean(),
  receiptPrinted: z.boolean(),
  /** The receipt's print job in this run of the service, if one is queued or ran; null without a receipt or a printer. */
  printJob: PrintJob.nullable(),
});
export type SubmitResponse = z.infer<typeof SubmitResponse>;

export const SubmissionStatusRequest = z.strictObject({ reference: SubmissionReference });

/** What anyone holding the reference may learn: no personal data. */
export const SubmissionStatus = z.object({
  reference: z.string(),
  kind: SubmissionKind,
  createdAt: z.string(),
  /** The hub acknowledged it. */
  delivered: z.boolean(),
  hasReceipt: z.boolean(),
  /** The printer reported its receipt printed (at least once). */
  receiptPrinted: z.boolean(),
});
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

export const ReprintRequest = z.strictObject({ reference: SubmissionReference });
export const ReprintResponse = z.object({ reference: z.string(), printJob: PrintJob });
export type ReprintResponse = z.infer<typeof ReprintResponse>;

/** Undelivered submissions to send to the hub now (technicians): all of them, or the one with `reference`. */
export const OutboxRetryRequest = z.strictObject({ reference: SubmissionReference.optional() });
/** How many submissions were made due: waiting ones and those the hub had refused. */
export const OutboxRetryResponse = z.object({ due: z.number().int().nonnegative() });
