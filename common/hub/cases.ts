import { z } from 'zod';

/**
 * The cases the hub's desks work on: legal-aid applications (the legal-aid
 * centre) and mediation requests (the people's mediation committee), each
 * delivered from a kiosk's outbox as a submission. Where a case stands is
 * one status from a small set, moved by a case officer along the steps
 * below and nowhere else — the hub checks every change against them, the
 * console offers only these, and the kiosk turns each into plain words
 * with the next step (查询进度).
 *
 * A status's details are the facts the citizen needs with it (what is
 * missing, why refused and under which article, the agreement date, the
 * advised next step): never personal data, since they are shown at any
 * kiosk to whoever gives the reference and the phone's last four digits,
 * and kept on the kiosk that took the submission for offline look-ups.
 */

export const CASE_KINDS = ['legal-aid-application', 'mediation-request'] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

/** 法律援助: new → 受理 / 需补充材料 / 不予受理 → 已指派律师 → 办结. */
export const LEGAL_AID_STATUSES = [
  'new',
  'accepted',
  'needs-materials',
  'refused',
  'lawyer-assigned',
  'closed',
] as const;
/** 人民调解: new → 受理 / 不予受理 → 调解中 → 调解成功 / 调解不成. */
export const MEDIATION_STATUSES = ['new', 'accepted', 'refused', 'mediating', 'settled', 'not-settled'] as const;

export const CASE_STATUSES = [
  'new',
  'accepted',
  'needs-materials',
  'refused',
  'lawyer-assigned',
  'closed',
  'mediating',
  'settled',
  'not-settled',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const STATUSES_OF_KIND: Readonly<Record<CaseKind, readonly CaseStatus[]>> = {
  'legal-aid-application': LEGAL_AID_STATUSES,
  'mediation-request': MEDIATION_STATUSES,
};

/**
 * Where each status may go next, by kind. A case asked for more materials
 * may be asked again (something else is missing), accepted once they came,
 * or refused. The last statuses go nowhere: a closed case is purged after
 * the retention period, never reopened (a new application is a new case).
 */
export const CASE_TRANSITIONS: Readonly<
  Record<CaseKind, Readonly<Partial<Record<CaseStatus, readonly CaseStatus[]>>>>
> = {
  'legal-aid-application': {
    new: ['accepted', 'needs-materials', 'refused'],
    'needs-materials': ['accepted', 'needs-materials', 'refused'],
    accepted: ['lawyer-assigned'],
    'lawyer-assigned': ['closed'],
  },
  'mediation-request': {
    new: ['accepted', 'refused'],
    accepted: ['mediating'],
    mediating: ['settled', 'not-settled'],
  },
};

/** The statuses a case of `kind` at `from` may be moved to (none for a final one). */
export function nextCaseStatuses(kind: CaseKind, from: CaseStatus): readonly CaseStatus[] {
  return CASE_TRANSITIONS[kind][from] ?? [];
}

export function isFinalCaseStatus(kind: CaseKind, status: CaseStatus): boolean {
  return STATUSES_OF_KIND[kind].includes(status) && nextCaseStatuses(kind, status).length === 0;
}

/** The outcome the statistics keep of a case once it is final (see the anonymous case facts). */
export const CASE_OUTCOMES = ['refused', 'closed', 'settled', 'not-settled'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

const ShortText = (max: number) => z.string().trim().min(1).max(max);
/** A calendar date, YYYY-MM-DD (China time, as the officer enters it). */
export const CaseDate = z.iso.date();

/** What the citizen is advised to do after a mediation that did not settle. */
export const MEDIATION_NEXT_STEPS = ['litigation', 'arbitration', 'administrative', 'other'] as const;

/**
 * The details each status carries; the hub refuses a change without the
 * ones its status needs. `note`, where allowed, is a short word for the
 * citizen (no personal data: the console says so at the field).
 */
export const CaseStatusDetails = {
  new: z.strictObject({}),
  accepted: z.strictObject({ note: ShortText(200).optional() }),
  'needs-materials': z.strictObject({
    /** What is missing, as the citizen should read it: 收入证明、劳动合同复印件. */
    missing: ShortText(200),
    /** By when, if there is a deadline. */
    deadline: CaseDate.optional(),
    /** Where to bring them: the centre's address or window. */
    where: ShortText(200).optional(),
  }),
  refused: z.strictObject({
    reason: ShortText(300),
    /** The article the refusal rests on, e.g. 《法律援助法》第四十一条. */
    article: ShortText(100),
  }),
  'lawyer-assigned': z.strictObject({
    /** The assigned lawyer's name and firm as the citizen will meet them (a professional's, not the citizen's). */
    lawyer: ShortText(100),
    /** The lawyer's or the centre's work phone for the citizen to call. */
    contactPhone: ShortText(30).optional(),
  }),
  closed: z.strictObject({ note: ShortText(200).optional() }),
  mediating: z.strictObject({ note: ShortText(200).optional() }),
  settled: z.strictObject({ agreementDate: CaseDate }),
  'not-settled': z.strictObject({
    nextStep: z.enum(MEDIATION_NEXT_STEPS),
    note: ShortText(200).optional(),
  }),
} as const satisfies Record<CaseStatus, z.ZodType>;

/** A status with its details, as one value: what a change sets and what a kiosk shows. */
export const CaseStatusWithDetails = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('new'), details: CaseStatusDetails.new }),
  z.strictObject({ status: z.literal('accepted'), details: CaseStatusDetails.accepted }),
  z.strictObject({ status: z.literal('needs-materials'), details: CaseStatusDetails['needs-materials'] }),
  z.strictObject({ status: z.literal('refused'), details: CaseStatusDetails.refused }),
  z.strictObject({ status: z.literal('lawyer-assigned'), details: CaseStatusDetails['lawyer-assigned'] }),
  z.strictObject({ status: z.literal('closed'), details: CaseStatusDetails.closed }),
  z.strictObject({ status: z.literal('mediating'), details: CaseStatusDetails.mediating }),
  z.strictObject({ status: z.literal('settled'), details: CaseStatusDetails.settled }),
  z.strictObject({ status: z.literal('not-settled'), details: CaseStatusDetails['not-settled'] }),
]);
export type CaseStatusWithDetails = z.infer<typeof CaseStatusWithDetails>;

/**
 * Where a case stands, as a kiosk is told and shows it (查询进度): no
 * personal data, so it may be pushed to the kiosk that took the submission
 * and kept there for offline look-ups.
 */
export const KioskCaseStatus = z.object({
  reference: z.string(),
  kind: CaseKind,
  /** When the hub received the submission. */
  receivedAt: z.string(),
  /** When the status last changed (the receipt time while it is new). */
  changedAt: z.string(),
  current: CaseStatusWithDetails,
});
export type KioskCaseStatus = z.infer<typeof KioskCaseStatus>;

/** Wrong phone suffixes a kiosk, or a reference, may give within a minute; the next is refused as too many. */
export const CASE_LOOKUP_WRONG_TRIES_PER_MINUTE = 4;

/** A 查询进度 request: the reference from the receipt and the last four digits of the phone given with it. */
export const KioskCaseStatusRequest = z.strictObject({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.string().regex(/^[A-Z0-9-]{6,20}$/, 'expected a reference number')),
  phoneLast4: z.string().regex(/^\d{4}$/, 'expected the last four digits of a phone number'),
});
export type KioskCaseStatusRequest = z.infer<typeof KioskCaseStatusRequest>;

/**
 * - `found`: the case's status.
 * - `not-found`: no case with this reference and phone — the same answer
 *   for an unknown reference and a wrong suffix, so guessing learns
 *   nothing; it counts as a wrong try.
 * - `too-many-tries`: more than CASE_LOOKUP_WRONG_TRIES_PER_MINUTE wrong
 *   tries within a minute from this kiosk or for this reference; nothing
 *   was looked up. Try again after `retryAfterSeconds`.
 */
export const KioskCaseStatusResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), status: KioskCaseStatus }),
  z.object({ outcome: z.literal('not-found') }),
  z.object({ outcome: z.literal('too-many-tries'), retryAfterSeconds: z.number().int().positive() }),
]);
export type KioskCaseStatusResponse = z.infer<typeof KioskCaseStatusResponse>;
