import { z } from 'zod';
import { LegalAidApplicationPayload, MediationRequestPayload, RATING_SUBJECTS } from '../../api/submissions';
import { RATING_REASONS } from '../../rating/rating';
import { CaseKind, CaseStatus, CaseStatusWithDetails } from '../cases';

/**
 * The case desks (法律援助 and 人民调解) of the hub's console, for case
 * officers and administrators of a region and the regions within it. The
 * list and the detail show personal data masked (张*, 420***********1234);
 * the unmasked data is a separate request, written to the audit log.
 */

export const CaseId = z.number().int().positive();

export const CaseListRequest = z.strictObject({
  kind: CaseKind,
  /** Only cases at this status; default every status. */
  status: CaseStatus.optional(),
});

/** A case as the list shows it: nothing that names the citizen but the masked name. */
export const CaseSummary = z.object({
  caseId: CaseId,
  reference: z.string(),
  kind: CaseKind,
  status: CaseStatus,
  regionCode: z.string(),
  kioskName: z.string(),
  /** The matter or dispute category the citizen chose (a code). */
  topic: z.string().nullable(),
  /** The applicant's name masked (张*). */
  applicantName: z.string(),
  /** When the citizen submitted it at the kiosk. */
  submittedAt: z.string(),
  receivedAt: z.string(),
  changedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** The longest list one request answers: the oldest first, so the cases waiting longest are never cut off. */
export const CASE_LIST_LIMIT = 500;

export const CaseListResponse = z.object({ cases: z.array(CaseSummary) });
export type CaseListResponse = z.infer<typeof CaseListResponse>;

export const CaseByIdRequest = z.strictObject({ caseId: CaseId });

/** One change of status: who moved it (their display name), when, to what. */
export const CaseEvent = z.object({
  at: z.string(),
  current: CaseStatusWithDetails,
  /** The officer's name; null for the receipt. */
  by: z.string().nullable(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

/**
 * What the desk shows of a case before anyone reveals it: the applicant's
 * name, ID and phone masked; the matter as the citizen wrote it, with any
 * ID or phone number in it masked.
 */
export const MaskedCase = z.object({
  applicantName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string(),
  category: z.string(),
  summary: z.string(),
  /** Legal aid: who the matter is against; mediation: the other party's masked name and relation. */
  otherParty: z.string().nullable(),
});

export const CaseDetailResponse = z.object({
  summary: CaseSummary,
  current: CaseStatusWithDetails,
  /** The statuses the case may move to now (common/hub/cases.ts nextCaseStatuses). */
  next: z.array(CaseStatus),
  masked: MaskedCase,
  /** Every status it had, oldest first, from its receipt. */
  history: z.array(CaseEvent),
});
export type CaseDetailResponse = z.infer<typeof CaseDetailResponse>;

/** The personal data of a case, unmasked: the submission as the citizen gave it. The request is audited. */
export const CaseRevealResponse = z.object({
  caseId: CaseId,
  payload: z.union([LegalAidApplicationPayload, MediationRequestPayload]),
});
export type CaseRevealResponse = z.infer<typeof CaseRevealResponse>;

/**
 * Moves a case on. `from` is the status the officer saw: the hub changes the
 * case only if it is still there, so of two officers acting at once one
 * wins and the other is answered 409 with where the case stands now.
 */
export const CaseStatusChangeRequest = z.strictObject({
  caseId: CaseId,
  from: CaseStatus,
  to: CaseStatusWithDetails,
});
export type CaseStatusChangeRequest = z.infer<typeof CaseStatusChangeRequest>;

export const CaseStatusChangeResponse = CaseDetailResponse;

/* ---- callback requests and ratings ---- */

export const CallbackSummary = z.object({
  callbackId: z.number().int().positive(),
  reference: z.string(),
  kioskName: z.string(),
  regionCode: z.string(),
  submittedAt: z.string(),
  /** What the call was to be about (a call topic code). */
  topic: z.string(),
  /** Why no video call could be made. */
  reason: z.string(),
  /** The number masked (138****5678). */
  phone: z.string(),
  /** When a lawyer or officer marked it done; null while it waits. */
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
});
export type CallbackSummary = z.infer<typeof CallbackSummary>;

export const RatingSummary = z.object({
  ratingId: z.number().int().positive(),
  kioskName: z.string(),
  regionCode: z.string(),
  submittedAt: z.string(),
  subject: z.enum(RATING_SUBJECTS),
  score: z.number().int(),
  reasons: z.array(z.enum(RATING_REASONS)),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** How many of each the list answers, newest first. */
export const FEEDBACK_LIST_LIMIT = 500;

export const FeedbackListResponse = z.object({
  callbacks: z.array(CallbackSummary),
  ratings: z.array(RatingSummary),
});
export type FeedbackListResponse = z.infer<typeof FeedbackListResponse>;

export const CallbackByIdRequest = z.strictObject({ callbackId: z.number().int().positive() });
export const CallbackRevealResponse = z.object({ callbackId: z.number().int().positive(), phone: z.string() });
export const CallbackDoneResponse = z.object({ outcome: z.enum(['done', 'already-done']) });
