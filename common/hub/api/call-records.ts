import { z } from 'zod';
import { CallEndReasonSchema, CallId, CallTopicSchema } from './calls';

/**
 * The consultation record (咨询记录) a lawyer keeps of each call they
 * answered: the topic, the facts as told, the advice given and what the
 * citizen is referred to. Kept at the hub, one per answered call, and
 * counted in the call figures (referrals).
 *
 * Facts and advice are free text and may name people and their troubles:
 * the hub never logs them nor puts them in the audit log, and every read of
 * a record is itself audited. They are kept short (RECORD_LIMITS), and a
 * draft's empty field is no field at all (null, never '').
 *
 * The lawyer who answered the call writes the record: a draft as often as
 * they like, then finished (every field filled). A finished record may
 * still be corrected for RECORD_EDIT_GRACE_MS, then it is closed.
 */

/** What the citizen is referred to after the consultation. */
export const REFERRALS = ['legal-aid', 'mediation', 'litigation', 'none'] as const;
export const ReferralSchema = z.enum(REFERRALS);
export type Referral = z.infer<typeof ReferralSchema>;

/** Characters of the free-text fields, at most. */
export const RECORD_LIMITS = { facts: 2000, advice: 2000 } as const;

/** A finished record may be corrected this long after it was first finished. */
export const RECORD_EDIT_GRACE_MS = 10 * 60_000;

/** The fields a finished record must have. */
export const RECORD_FIELDS = ['topic', 'facts', 'advice', 'referral'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/**
 * Keeps the record of a call the caller answered: a draft (`finish: false`,
 * fields may be empty) or the finished record (every field filled; a
 * record finished once stays finished). `topic` null: the call's own.
 */
export const SaveConsultationRecordRequest = z.strictObject({
  callId: CallId,
  topic: CallTopicSchema.nullable(),
  facts: z.string().max(RECORD_LIMITS.facts),
  advice: z.string().max(RECORD_LIMITS.advice),
  referral: ReferralSchema.nullable(),
  finish: z.boolean(),
});
export type SaveConsultationRecordRequest = z.infer<typeof SaveConsultationRecordRequest>;

export const ConsultationRecord = z.object({
  callId: CallId,
  topic: CallTopicSchema,
  /** '' while a draft has none. */
  facts: z.string(),
  advice: z.string(),
  referral: ReferralSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it was first finished; null while it is a draft. */
  finishedAt: z.string().nullable(),
  /** Until when the lawyer may still change it: null while a draft (no limit yet). */
  editableUntil: z.string().nullable(),
});
export type ConsultationRecord = z.infer<typeof ConsultationRecord>;

export const SaveConsultationRecordResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), record: ConsultationRecord }),
  /** Finishing needs every field: the ones missing. Nothing was changed. */
  z.object({ outcome: z.literal('refused'), missing: z.array(z.enum(RECORD_FIELDS)) }),
]);
export type SaveConsultationRecordResponse = z.infer<typeof SaveConsultationRecordResponse>;

export const ConsultationRecordRequest = z.strictObject({ callId: CallId });

/** A call and its record, as the lawyer who answered it or an administrator of its region reads them. */
export const ConsultationRecordResponse = z.object({
  call: z.object({
    callId: CallId,
    topic: CallTopicSchema,
    regionCode: z.string(),
    kioskName: z.string(),
    /** Masked (张**); null when no card was shown. */
    callerName: z.string().nullable(),
    /** The lawyer who answered it (display name, or login). */
    lawyerName: z.string(),
    createdAt: z.string(),
    answeredAt: z.string(),
    endedAt: z.string().nullable(),
    endReason: CallEndReasonSchema.nullable(),
  }),
  /** Null while none was kept. */
  record: ConsultationRecord.nullable(),
});
export type ConsultationRecordResponse = z.infer<typeof ConsultationRecordResponse>;

/** The fields of a record that finishing it still needs. */
export function missingFields(record: {
  topic: string | null;
  facts: string;
  advice: string;
  referral: Referral | null;
}): RecordField[] {
  return RECORD_FIELDS.filter((field) => {
    const value = record[field];
    return value === null || value.trim() === '';
  });
}
