import { z } from 'zod';
import { CallDocumentNotice, CallId, CallSignal, CallTopicSchema, callStatusSchema } from '../hub/api/calls';
import { ReceiptLayout } from '../receipt/layout';

/**
 * The citizen's video consultation as the kiosk's renderer sees it through
 * its local service (DESIGN.md: the renderer talks only to the service). The
 * service holds the kiosk's one socket to the hub and relays the call over
 * it (service/hub/call-relay.ts): the renderer asks for a lawyer, hears where
 * its call stands, and exchanges WebRTC signaling; media itself goes peer to
 * peer and never through the service.
 */

/**
 * Why no lawyer can be reached now. The first two are the hub's words
 * (common/hub/api/calls.ts); the others are the kiosk's own: it is not
 * enrolled with a hub, its link to the hub is down, the citizen waited
 * past the terminal's longest wait, or its camera or microphone cannot be
 * used (the screen finds that out when the lawyer answers).
 */
export const KIOSK_CALL_UNAVAILABLE_REASONS = [
  'no-lawyer',
  'outside-hours',
  'hub-not-configured',
  'hub-unreachable',
  'waited-too-long',
  'media-unavailable',
] as const;
export const KioskCallUnavailableReason = z.enum(KIOSK_CALL_UNAVAILABLE_REASONS);
export type KioskCallUnavailableReason = z.infer<typeof KioskCallUnavailableReason>;

/** Where the call stands: in line, not possible now (and why), answered (with what the media needs), or over. */
export const KioskCallStatus = callStatusSchema(KioskCallUnavailableReason);
export type KioskCallStatus = z.infer<typeof KioskCallStatus>;

/** The longest name the hub takes in `call-request` (common/hub/api/live.ts). */
export const CALLER_NAME_MAX = 50;

export const CallRequest = z.strictObject({
  /** Made by the renderer once per call (crypto.randomUUID()): the same request again is the same call. */
  callId: CallId,
  topic: CallTopicSchema,
  /** The name on the ID card when the citizen chose to show it (for a legal-aid referral); null otherwise. */
  callerName: z.string().trim().min(1).max(CALLER_NAME_MAX).nullable(),
});
export type CallRequest = z.infer<typeof CallRequest>;

export const CallAnswer = z.object({ callId: CallId, status: KioskCallStatus });
export type CallAnswer = z.infer<typeof CallAnswer>;

export const CallById = z.strictObject({ callId: CallId });

export const CallSignalRequest = z.strictObject({ callId: CallId, signal: CallSignal });

/**
 * A document the lawyer pushed, as the screen shows it: received (its hash
 * checked) with a preview of what would print, or not received. A PDF cannot
 * go on the receipt printer: it comes with no layout and `printable` false.
 */
export const CallDocumentView = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    documentId: z.uuid(),
    title: z.string(),
    kind: CallDocumentNotice.shape.kind,
    bytes: z.number().int().min(0),
    /** The document as this terminal's printer lays it out; null for a PDF. */
    layout: ReceiptLayout.nullable(),
    printable: z.boolean(),
  }),
  z.object({
    state: z.literal('failed'),
    documentId: z.uuid(),
    title: z.string(),
    kind: CallDocumentNotice.shape.kind,
    /** `unreachable`: the hub did not hand it over; `damaged`: what came did not match its hash or shape; `unusable`: this terminal cannot show it (an unknown template). */
    problem: z.enum(['unreachable', 'damaged', 'unusable']),
  }),
]);
export type CallDocumentView = z.infer<typeof CallDocumentView>;

/** The call under way and the documents of this session, for a screen that (re)connects. */
export const CurrentCall = z.object({
  call: z.object({ callId: CallId, status: KioskCallStatus }).nullable(),
  documents: z.array(CallDocumentView),
});
export type CurrentCall = z.infer<typeof CurrentCall>;

/**
 * 打印 on a document the lawyer pushed: printed once whatever is tapped
 * again (a job under way or done for it is returned). A template goes the
 * template print path (filled by the service from the lawyer's answers), a
 * note prints as a text receipt, a PDF is refused: the receipt printer
 * cannot print one.
 */
export const CallDocumentPrintRequest = z.strictObject({ documentId: z.uuid() });
