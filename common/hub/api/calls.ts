import { z } from 'zod';

/**
 * Video consultation between a citizen at a kiosk and an on-duty lawyer:
 * what the live sockets carry for it (common/hub/api/live.ts lists the
 * messages and who may send them) and the shapes both sides read.
 *
 * The hub is the signaling server and the keeper of the queue. The
 * database decides: a call is one row, and a lawyer's 接听 is one
 * conditional update (`state = 'waiting'` → `'in-call'`), so two lawyers
 * on two hub instances cannot both win. What the hub pushes to consoles is
 * the whole queue a lawyer may see, never a diff: a console that was
 * reconnecting gets it again on open and misses no arrival.
 *
 * Media never passes through the hub: WebRTC peer to peer, through TURN
 * (coturn, short-lived credentials of the TURN REST scheme) where the
 * network needs it. The kiosk is the polite peer of perfect negotiation,
 * the lawyer's console the impolite one.
 */

/** What the citizen says the call is about; the lawyer's queues are by region and topic. */
export const CALL_TOPICS = [
  'labour', // 劳动纠纷
  'family', // 婚姻家庭
  'debts', // 借贷债务
  'neighbours', // 邻里纠纷
  'consumer', // 消费维权
  'traffic', // 交通事故
  'housing', // 房产物业
  'other', // 其他
] as const;
export const CallTopicSchema = z.enum(CALL_TOPICS);
export type CallTopic = z.infer<typeof CallTopicSchema>;

/** A call's id: made by the kiosk (a UUID), so a request sent twice after a reconnect is one call. */
export const CallId = z.uuid();

/** A lawyer's duty status (call-centre "agent status"): only `available` lawyers are rung. */
export const DUTY_STATUSES = ['available', 'away', 'offline'] as const; // 在线接待 / 暂离 / 下线
export const DutyStatusSchema = z.enum(DUTY_STATUSES);
export type DutyStatus = z.infer<typeof DutyStatusSchema>;

/** Why the hub changed a lawyer's status by itself. */
export const DUTY_CHANGE_REASONS = [
  /** CALL_MAX_UNANSWERED_OFFERS offers in a row rang out unanswered: set to `away`. */
  'unanswered-offers',
  /** Every console socket of the lawyer closed for longer than DUTY_GRACE_MS: set to `offline`. */
  'disconnected',
] as const;
export const DutyChangeReasonSchema = z.enum(DUTY_CHANGE_REASONS);

/** How long a call rings a lawyer before the offer counts as unanswered; the caller stays first in the queue. */
export const CALL_OFFER_TIMEOUT_MS = 30_000;
/** Unanswered offers in a row after which a lawyer is set to 暂离. */
export const CALL_MAX_UNANSWERED_OFFERS = 3;
/** A lawyer whose consoles all went away is kept on duty this long (a page reload, a network blip). */
export const DUTY_GRACE_MS = 60_000;
/**
 * A kiosk whose socket closed while its call waited, rang or was under way:
 * the call is kept this long for the kiosk to come back, then ended as
 * dropped. A citizen who leaves sends `call-cancel`, which ends it at once
 * (abandoned).
 */
export const CALL_KIOSK_GRACE_MS = 20_000;
/** A kiosk waits at most this long by default (the kiosk's configuration may shorten it). */
export const CALL_DEFAULT_MAX_WAIT_MS = 10 * 60_000;
/**
 * After a call ends its lawyer is not rung for this long (wrap-up: a
 * moment to finish the note before the next caller); their status stays
 * as it was.
 */
export const CALL_WRAP_UP_MS = 15_000;

/**
 * WebRTC signaling, relayed by the hub between the two ends of one call
 * and never read by it beyond its shape: a session description or an ICE
 * candidate, as RTCPeerConnection gives them.
 */
export const CallSignal = z.union([
  z.strictObject({
    description: z.strictObject({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(12_000),
    }),
  }),
  z.strictObject({
    candidate: z
      .strictObject({
        candidate: z.string().max(1_000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      // The end-of-candidates marker.
      .nullable(),
  }),
]);
export type CallSignal = z.infer<typeof CallSignal>;

/** What RTCPeerConnection needs to reach a TURN server; credentials expire at `expiresAt`. */
export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const IceConfig = z.object({
  iceServers: z.array(IceServer),
  /** `relay` when the hub's configuration forces TURN (halls where only the relay gets through). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  expiresAt: z.string(),
});
export type IceConfig = z.infer<typeof IceConfig>;

/** Why a call ended, as both ends and the figures name it. */
export const CALL_END_REASONS = [
  /** Answered and ended by either side. */
  'completed',
  /** The citizen left (取消, walked away, the kiosk's session reset) before it was answered. */
  'abandoned',
  /** Waited past the longest wait, or every lawyer went off duty: not answered. */
  'missed',
  /** A side's socket stayed away past its grace, or the kiosk was revoked. */
  'dropped',
] as const;
export const CallEndReasonSchema = z.enum(CALL_END_REASONS);
export type CallEndReason = z.infer<typeof CallEndReasonSchema>;

/** Why the hub cannot queue a call: the kiosk then offers 12348 and a callback. */
export const CALL_UNAVAILABLE_REASONS = [
  /** Within the roster's hours, but no lawyer of the kiosk's region and topic is available. */
  'no-lawyer',
  /** Outside the roster's hours for the kiosk's region. */
  'outside-hours',
] as const;
export const CallUnavailableReasonSchema = z.enum(CALL_UNAVAILABLE_REASONS);
export type CallUnavailableReason = z.infer<typeof CallUnavailableReasonSchema>;

/** A caller as the lawyers who may answer see them in their queue. */
export const QueuedCall = z.object({
  callId: CallId,
  topic: CallTopicSchema,
  regionCode: z.string(),
  /** The kiosk's name and site, to say where the citizen stands. */
  kioskName: z.string(),
  /** The name on the ID card the citizen showed, masked as everywhere (张**: common/redact.ts maskName); null when no card was shown. */
  callerName: z.string().nullable(),
  waitingSince: z.string(),
  /** Ringing this lawyer now (an offer not yet timed out). */
  ringing: z.boolean(),
});
export type QueuedCall = z.infer<typeof QueuedCall>;

/** What a lawyer's console is shown: their status and the callers they may answer, oldest first. */
export const LawyerQueue = z.object({
  duty: DutyStatusSchema,
  /** Set when the hub changed the status by itself, until the lawyer sets it again. */
  dutyReason: DutyChangeReasonSchema.nullable(),
  calls: z.array(QueuedCall),
  /** The call this lawyer is in, if any (a console reopened mid-call resumes it). */
  activeCallId: CallId.nullable(),
});
export type LawyerQueue = z.infer<typeof LawyerQueue>;

/** A document a lawyer pushed to the kiosk: told over signaling, fetched by the kiosk over signed HTTPS, printed once. */
export const CALL_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const CallDocumentNotice = z.object({
  documentId: z.uuid(),
  title: z.string().max(200),
  kind: z.enum(['pdf', 'template', 'note']),
  bytes: z.number().int().min(0).max(CALL_DOCUMENT_MAX_BYTES),
  /** Hex SHA-256 of the document's bytes, checked by the kiosk before it prints. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CallDocumentNotice = z.infer<typeof CallDocumentNotice>;

/** How a lawyer's 接听 came out: the conditional update either took the call or found it taken or gone. */
export const CALL_ACCEPT_OUTCOMES = ['won', 'taken', 'gone', 'busy'] as const;
export const CallAcceptOutcomeSchema = z.enum(CALL_ACCEPT_OUTCOMES);

const DocumentTitle = z.string().trim().min(1).max(200);
/** Base64 of at most CALL_DOCUMENT_MAX_BYTES. */
const PdfBase64 = z
  .string()
  .max(Math.ceil(CALL_DOCUMENT_MAX_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/**
 * What a lawyer in a call pushes to the kiosk (the route `callDocumentPush`):
 * a template of the kiosk's content release with the answers filled in (the
 * kiosk fills and prints it with its own template, as a citizen's own
 * document), a short note, or a PDF.
 */
export const PushCallDocumentRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    callId: CallId,
    kind: z.literal('template'),
    title: DocumentTitle,
    templateId: z.string().min(1).max(200),
    /** Answers as typed, by field id (common/templates/values.ts RawTemplateValues). */
    values: z.record(z.string().max(100), z.string().max(2000)),
  }),
  z.strictObject({ callId: CallId, kind: z.literal('note'), title: DocumentTitle, text: z.string().min(1).max(4000) }),
  z.strictObject({ callId: CallId, kind: z.literal('pdf'), title: DocumentTitle, base64: PdfBase64 }),
]);
export type PushCallDocumentRequest = z.infer<typeof PushCallDocumentRequest>;

/**
 * A pushed document as the kiosk fetches it (signed, the call's own kiosk
 * only). `sha256` of the notice is over: the UTF-8 of
 * JSON.stringify({ templateId, values }) for a template, the UTF-8 of the
 * text for a note, the PDF's bytes for a PDF.
 */
export const CallDocument = z.discriminatedUnion('kind', [
  z.object({
    documentId: z.uuid(),
    kind: z.literal('template'),
    title: z.string(),
    templateId: z.string(),
    values: z.record(z.string(), z.string()),
  }),
  z.object({ documentId: z.uuid(), kind: z.literal('note'), title: z.string(), text: z.string() }),
  z.object({ documentId: z.uuid(), kind: z.literal('pdf'), title: z.string(), base64: z.string() }),
]);
export type CallDocument = z.infer<typeof CallDocument>;

/**
 * Where a kiosk's call stands: in line, not possible now (and why), answered
 * (with what the media needs), or over. The hub's `call-status` and the
 * kiosk service's own status to its screen are this shape; the service adds
 * reasons of its own for `unavailable` (the hub out of reach…), so the
 * reasons are the parameter.
 */
export function callStatusSchema<R extends z.ZodType<string>>(unavailableReason: R) {
  return z.discriminatedUnion('state', [
    z.object({
      state: z.literal('queued'),
      /** 1 for the first in line. */
      position: z.number().int().min(1),
      estimatedWaitSeconds: z.number().int().min(0),
    }),
    z.object({
      state: z.literal('unavailable'),
      reason: unavailableReason,
      /** When duty next starts for the kiosk's region, if the roster says (ISO time). */
      nextDutyAt: z.string().nullable(),
    }),
    z.object({
      state: z.literal('answered'),
      /** How the kiosk names the lawyer: family name and 律师 (王律师), nothing more. */
      lawyerName: z.string(),
      ice: IceConfig,
    }),
    z.object({ state: z.literal('ended'), reason: CallEndReasonSchema }),
  ]);
}
