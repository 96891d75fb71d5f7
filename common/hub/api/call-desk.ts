import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../accounts';
import { MAX_ROSTER_ENTRIES, ROSTER_PROBLEMS } from '../duty-roster';
import { WEEKDAYS } from '../opening-hours';
import { CallEndReasonSchema, CallId, CallTopicSchema } from './calls';

/**
 * The HTTP side of the call desk (the live side is in live.ts): which
 * queues a lawyer serves and the duty roster of a region, set by the
 * administrators of the region; a lawyer's own calls, for callbacks.
 */

const RegionCode = z.string().regex(REGION_CODE_PATTERN, 'expected a 6-digit region code');
const LoginField = z.string().min(1).max(64);

/** A queue a lawyer serves (common/hub/call-queues.ts): a region and what lies within it, a topic; null for every one. */
export const CallQueueSchema = z.strictObject({ regionCode: RegionCode.nullable(), topic: CallTopicSchema.nullable() });

/** Queues one lawyer may serve at most. */
export const MAX_LAWYER_QUEUES = 32;

export const LawyerQueuesRequest = z.strictObject({ login: LoginField });

export const LawyerQueuesResponse = z.object({
  login: z.string(),
  /** What the lawyer serves now: the queues set, or the default ones. */
  queues: z.array(CallQueueSchema),
  /** No queue was set: the lawyer serves their account's region (every region without one), every topic. */
  queuesAreDefault: z.boolean(),
});
export type LawyerQueuesResponse = z.infer<typeof LawyerQueuesResponse>;

/** An empty list sets the lawyer back to the default queues. A regional administrator sets queues within their region only. */
export const SetLawyerQueuesRequest = z.strictObject({
  login: LoginField,
  queues: z.array(CallQueueSchema).max(MAX_LAWYER_QUEUES),
});

export const DutyRosterRequest = z.strictObject({ regionCode: RegionCode });

export const RosterEntrySchema = z.strictObject({
  weekday: z.enum(WEEKDAYS),
  /** `HH:MM-HH:MM`, China time. */
  hours: z.string().max(20),
  /** The lawyer on duty then, if the roster names one (an account id). */
  lawyerId: z.number().int().positive().nullable(),
});

export const DutyRosterResponse = z.object({
  regionCode: z.string(),
  /** Sorted by weekday and start. */
  entries: z.array(
    RosterEntrySchema.extend({
      /** The named lawyer's display name (or login); null when none is named. */
      lawyerName: z.string().nullable(),
    }),
  ),
});
export type DutyRosterResponse = z.infer<typeof DutyRosterResponse>;

/** Replaces the region's roster whole; an empty list clears it (the region then has no hours set). */
export const SetDutyRosterRequest = z.strictObject({
  regionCode: RegionCode,
  entries: z.array(RosterEntrySchema).max(MAX_ROSTER_ENTRIES),
});

export const SetDutyRosterResponse = z.discriminatedUnion('outcome', [
  DutyRosterResponse.extend({ outcome: z.literal('set') }),
  z.object({
    outcome: z.literal('refused'),
    /** `index` is the entry's place in the list sent; `lawyer-unknown`: not a lawyer the caller manages. */
    problems: z.array(z.object({ index: z.number().int().optional(), problem: z.enum(ROSTER_PROBLEMS) })),
  }),
]);
export type SetDutyRosterResponse = z.infer<typeof SetDutyRosterResponse>;

/** A call as the lawyer's history lists it. */
export const CallRecord = z.object({
  callId: CallId,
  topic: CallTopicSchema,
  regionCode: z.string(),
  kioskName: z.string(),
  /** Masked (张**), whatever the call; null when no card was shown. */
  callerName: z.string().nullable(),
  state: z.enum(['waiting', 'in-call', 'ended']),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: CallEndReasonSchema.nullable(),
  /** This lawyer answered it; else it is a call of their queues nobody answered (missed or abandoned). */
  answeredByMe: z.boolean(),
  /** The consultation record of a call this lawyer answered: none yet, a draft, or finished. */
  record: z.enum(['none', 'draft', 'finished']).nullable(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** How far back a lawyer's history looks, and how many calls it lists at most. */
export const MY_CALLS_DAYS = 30;
export const MY_CALLS_LIMIT = 200;

/** Newest first: the calls the lawyer answered, and the missed and abandoned calls of their queues (for callbacks). */
export const MyCallsResponse = z.object({ calls: z.array(CallRecord) });
export type MyCallsResponse = z.infer<typeof MyCallsResponse>;

/** The kiosk asks for a document the lawyer of its call pushed (`kioskCallDocument`). */
export const KioskCallDocumentRequest = z.strictObject({ documentId: z.uuid() });

/** A pushed document is kept this long, then deleted (the kiosk fetches it during or right after the call). */
export const CALL_DOCUMENT_KEEP_MS = 24 * 60 * 60_000;
