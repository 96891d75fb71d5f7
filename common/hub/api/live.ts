import { z } from 'zod';
import { KioskCaseStatus } from '../cases';
import type { UserRole } from '../accounts';
import type { HubAccess } from './access';
import {
  CallAcceptOutcomeSchema,
  CallDocumentNotice,
  CallEndReasonSchema,
  CallId,
  CallSignal,
  CallTopicSchema,
  CallUnavailableReasonSchema,
  callStatusSchema,
  DutyStatusSchema,
  IceConfig,
  LawyerQueue,
} from './calls';
import { KioskCommand } from './fleet-commands';
import { KioskHeartbeat } from './kiosks';

/**
 * The hub's live WebSockets, as the route contract is for HTTP: one socket
 * per client for everything live, each message type declared here with its
 * direction and, for what a client sends, who may send it. The hub checks
 * that on every message (not only at the upgrade), and the message × caller
 * test is generated from this table, so a message added here is tested the
 * day it is added.
 *
 *  - The kiosk's socket: opened with the kiosk's signed-request headers
 *    (method GET, the socket's path, an empty body), by an approved kiosk
 *    only — a pending one asks its status over HTTP until it is approved.
 *    No browser: an Origin is refused.
 *  - The console's socket: a full session's cookie (not the one only good
 *    for setting up TOTP) and exactly the hub's Origin, as a browser sends
 *    it; a WebSocket is not bound by the same-origin policy, so without the
 *    Origin check any page could open one with the browser's cookie.
 *
 * Every message is one JSON object with a `type`; a client's carry an `id`
 * the hub's answer names. What the hub pushes says what changed, never the
 * data itself: the console reads that over HTTP, under its own rights.
 */

/** The sockets, by who opens them, and who may open them (checked at the upgrade, as for a route). */
export const LIVE_SOCKETS = {
  kiosk: { path: '/api/kiosk/live', access: 'approved-kiosk' },
  console: { path: '/api/live', access: 'signed-in' },
} as const satisfies Record<string, { path: `/api/${string}`; access: HubAccess }>;
export type LiveSocketName = keyof typeof LIVE_SOCKETS;

/** The largest message either side sends, in bytes; a larger one is refused with `too-large`. */
export const LIVE_MAX_MESSAGE_BYTES = 16 * 1024;

/** Refused messages in a row after which the hub closes the socket (LIVE_CLOSE.protocol). */
export const LIVE_MAX_STRIKES = 5;

/** How the hub closes a socket, and why (the reason text says it in words too). */
export const LIVE_CLOSE = {
  /** The hub is stopping: reconnect later. */
  stopping: 1001,
  /** Too many refused messages in a row. */
  protocol: 1008,
  /** The kiosk was revoked: it must not reconnect. */
  kioskRevoked: 4003,
  /** The console's session ended (signed out, idle, account disabled, new password): sign in again. */
  sessionEnded: 4001,
} as const;

/** A message's id, chosen by its sender: the answer carries it back. */
const MessageId = z.string().min(1).max(64);

/**
 * Who may send a client message: a kiosk (on its socket), people of these
 * roles (on the console's), or either end of a call — a kiosk, or a person
 * of these roles. Whether the sender is a party to the very call the
 * message names is the hub's check in its handler (the rights of the data).
 */
export type LiveSender =
  | { kind: 'kiosk' }
  | { kind: 'session'; roles: 'any' | readonly UserRole[] }
  | { kind: 'call-party'; roles: readonly UserRole[] };

/** Who answers calls from the console. */
const CALL_ROLES = ['lawyer'] as const satisfies readonly UserRole[];

interface ClientMessageDef<S extends z.ZodType> {
  schema: S;
  sender: LiveSender;
}
const clientMessage = <S extends z.ZodType>(def: ClientMessageDef<S>): ClientMessageDef<S> => def;

/** What clients send the hub. */
export const liveClientMessages = {
  /** The kiosk's heartbeat: answered `heartbeat-ack` once committed. */
  heartbeat: clientMessage({
    schema: z.strictObject({ type: z.literal('heartbeat'), id: MessageId, report: KioskHeartbeat }),
    sender: { kind: 'kiosk' },
  }),
  /** A console asking whether its socket still carries: answered `pong`. */
  ping: clientMessage({
    schema: z.strictObject({ type: z.literal('ping'), id: MessageId }),
    sender: { kind: 'session', roles: 'any' },
  }),

  // Video consultation (common/hub/api/calls.ts).

  /**
   * A citizen asks for a lawyer: answered with `call-status` (queued, or
   * unavailable and why). Sent again with the same callId after a
   * reconnect, it is the same call: its place in the queue is kept.
   * `callerName` is the name on the ID card when the citizen chose to show
   * it, else null; `maxWaitSeconds` the kiosk's longest wait.
   */
  'call-request': clientMessage({
    schema: z.strictObject({
      type: z.literal('call-request'),
      id: MessageId,
      callId: CallId,
      topic: CallTopicSchema,
      callerName: z.string().trim().min(1).max(50).nullable(),
      maxWaitSeconds: z.number().int().min(30).max(3600),
    }),
    sender: { kind: 'kiosk' },
  }),
  /**
   * The citizen left before a lawyer answered (取消, walked away, the session
   * reset): ends the call as abandoned (completed, if a lawyer answered it
   * meanwhile); answered with `call-status` ended.
   */
  'call-cancel': clientMessage({
    schema: z.strictObject({ type: z.literal('call-cancel'), id: MessageId, callId: CallId }),
    sender: { kind: 'kiosk' },
  }),
  /** A lawyer sets their duty status: answered with `queue`. */
  'duty-set': clientMessage({
    schema: z.strictObject({ type: z.literal('duty-set'), id: MessageId, status: DutyStatusSchema }),
    sender: { kind: 'session', roles: CALL_ROLES },
  }),
  /** A lawyer asks for their queue again (a console that just opened or came back): answered with `queue`. */
  'queue-sync': clientMessage({
    schema: z.strictObject({ type: z.literal('queue-sync'), id: MessageId }),
    sender: { kind: 'session', roles: CALL_ROLES },
  }),
  /** 接听: one conditional update at the hub; answered with `call-accept-result`. */
  'call-accept': clientMessage({
    schema: z.strictObject({ type: z.literal('call-accept'), id: MessageId, callId: CallId }),
    sender: { kind: 'session', roles: CALL_ROLES },
  }),
  /**
   * Signaling for a call the sender is in, relayed to the other end as
   * `call-signal`. Not answered unless refused (`not-party`): a signal for
   * an end whose socket is away is kept a short while and handed over when
   * it is back (hub/calls/signal-buffer.ts).
   */
  'call-signal': clientMessage({
    schema: z.strictObject({ type: z.literal('call-signal'), id: MessageId, callId: CallId, signal: CallSignal }),
    sender: { kind: 'call-party', roles: CALL_ROLES },
  }),
  /** Hang up a call the sender is in: both ends get `call-ended` (the sender's naming this message). A kiosk's call not yet answered ends abandoned. */
  'call-end': clientMessage({
    schema: z.strictObject({ type: z.literal('call-end'), id: MessageId, callId: CallId }),
    sender: { kind: 'call-party', roles: CALL_ROLES },
  }),
  /** Fresh TURN credentials for a call the sender is in (before an ICE restart, after a reconnect): answered with `ice-config`. */
  'ice-config': clientMessage({
    schema: z.strictObject({ type: z.literal('ice-config'), id: MessageId, callId: CallId }),
    sender: { kind: 'call-party', roles: CALL_ROLES },
  }),
} as const;
export type LiveClientMessageType = keyof typeof liveClientMessages;
export type LiveClientMessage = {
  [T in LiveClientMessageType]: z.output<(typeof liveClientMessages)[T]['schema']>;
}[LiveClientMessageType];

export const LiveClientMessage = z.discriminatedUnion('type', [
  liveClientMessages.heartbeat.schema,
  liveClientMessages.ping.schema,
  liveClientMessages['call-request'].schema,
  liveClientMessages['call-cancel'].schema,
  liveClientMessages['duty-set'].schema,
  liveClientMessages['queue-sync'].schema,
  liveClientMessages['call-accept'].schema,
  liveClientMessages['call-signal'].schema,
  liveClientMessages['call-end'].schema,
  liveClientMessages['ice-config'].schema,
]);

/** Why the hub refused a client's message. */
export const LIVE_ERROR_CODES = [
  /** Not one JSON object. */
  'not-json',
  /** Larger than LIVE_MAX_MESSAGE_BYTES. */
  'too-large',
  /** A `type` this hub does not know. */
  'unknown-type',
  /** A known type whose fields are wrong; the message names them. */
  'invalid',
  /** This caller may not send this type. */
  'not-allowed',
  /** The call the message names is not one the sender is a party to (or there is no such call). */
  'not-party',
  /** The hub could not do it (its database); send it again later. */
  'failed',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

/** What the hub sends its clients. */
export const LiveServerMessage = z.discriminatedUnion('type', [
  /** The heartbeat `id` is committed; the hub's time at commit, for the kiosk's clock offset. */
  z.object({
    type: z.literal('heartbeat-ack'),
    id: MessageId,
    receivedAt: z.string(),
    /** The usage days the heartbeat carried and the hub stored. */
    usageDaysStored: z.array(z.iso.date()).optional(),
    /** The release events the heartbeat carried and the hub stored. */
    releaseEventsStored: z.array(z.number().int()).optional(),
    /** The highest content release the kiosk may install now (the hub's rollouts); see `content-published`. */
    allowedRelease: z.number().int().min(0).optional(),
    /** Commands for the kiosk with no result yet (common/hub/api/fleet-commands.ts). */
    commands: z.array(KioskCommand).max(50).optional(),
  }),
  z.object({ type: z.literal('pong'), id: MessageId }),
  /** A message was refused; `inReplyTo` is its id when it had a readable one. */
  z.object({
    type: z.literal('error'),
    code: z.enum(LIVE_ERROR_CODES),
    message: z.string(),
    inReplyTo: MessageId.optional(),
  }),
  /** Console only: a kiosk the session may see beat, came online or went away; read it again. */
  z.object({ type: z.literal('kiosk-changed'), kioskId: z.number().int() }),
  /** Console only: an alert of a kiosk the session may see opened or cleared. */
  z.object({ type: z.literal('alerts-changed'), kioskId: z.number().int() }),
  /** Console only: a case of a region the session works changed; the case desk reads its list again. */
  z.object({ type: z.literal('cases-changed') }),

  /**
   * Kiosk only: where its call stands, pushed on every change (its place in
   * the queue moved, a lawyer answered, it ended) and in answer to
   * `call-request`. `inReplyTo` names the request it answers.
   */
  z.object({
    type: z.literal('call-status'),
    callId: CallId,
    inReplyTo: MessageId.optional(),
    status: callStatusSchema(CallUnavailableReasonSchema),
  }),
  /** A lawyer's console: its queue and status, whole, pushed as the console's socket opens, on every change, and in answer to `duty-set` and `queue-sync`. */
  z.object({ type: z.literal('queue'), queue: LawyerQueue, inReplyTo: MessageId.optional() }),
  /**
   * Answer to `call-accept`. `won`: this lawyer has the call (`ice` and the
   * caller's name unmasked when the citizen showed the card); `taken`:
   * another lawyer answered first (已被接听); `gone`: the caller left or
   * the call ended; `busy`: this lawyer is in another call.
   */
  z.object({
    type: z.literal('call-accept-result'),
    inReplyTo: MessageId,
    callId: CallId,
    outcome: CallAcceptOutcomeSchema,
    ice: IceConfig.optional(),
    callerName: z.string().nullable().optional(),
  }),
  /** Console only: a call it was shown was answered by another lawyer or ended; shown as 已被接听 or gone. */
  z.object({ type: z.literal('call-gone'), callId: CallId, reason: z.enum(['taken', 'ended']) }),
  /** Either end: signaling from the other end of its call. */
  z.object({ type: z.literal('call-signal'), callId: CallId, signal: CallSignal }),
  /**
   * Either end of an answered call: it ended (the other side hung up, the
   * hub ended it). Also the answer to the sender's own `call-end`, then
   * naming it in `inReplyTo`. A kiosk hears `call-status` ended as well,
   * for every end of its call, answered or not.
   */
  z.object({
    type: z.literal('call-ended'),
    callId: CallId,
    reason: CallEndReasonSchema,
    inReplyTo: MessageId.optional(),
  }),
  /** Answer to `ice-config`. */
  z.object({ type: z.literal('ice-config'), inReplyTo: MessageId, callId: CallId, ice: IceConfig }),
  /** Kiosk only: the lawyer pushed a document for the citizen; fetch it over signed HTTP, check its hash, offer 打印. */
  z.object({ type: z.literal('call-document'), callId: CallId, document: CallDocumentNotice }),
  /**
   * Kiosk only: a case it took the submission of changed status (no
   * personal data in it); kept for 查询进度 while the hub is out of reach.
   */
  z.object({ type: z.literal('case-status'), status: KioskCaseStatus }),
  /**
   * Kiosk only: the hub's TUF repository has a new timestamp (a release
   * published, metadata renewed): check for updates now rather than at the
   * next interval. Says nothing a kiosk must trust: it only asks the kiosk
   * to look, and what it finds is verified against its trusted root.
   * Also sent when a rollout, a pin or a group changes, with
   * `allowedRelease`: the highest release this kiosk may install now
   * (hub/releases/rollouts.ts) — a rollout's limit, not a trust: a kiosk
   * installs only releases its root verifies, and none above this.
   */
  z.object({
    type: z.literal('content-published'),
    timestampVersion: z.number().int().min(1),
    allowedRelease: z.number().int().min(0).optional(),
  }),
  /** Kiosk only: an administrator's command (common/hub/api/fleet-commands.ts); also offered in each heartbeat-ack until reported. */
  z.object({ type: z.literal('command'), command: KioskCommand }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

/** Whether a sender may send a message type; the hub asks this for every message. */
export function maySendLive(
  type: LiveClientMessageType,
  who: { kind: 'kiosk' } | { kind: 'session'; role: UserRole },
): boolean {
  const sender: LiveSender = liveClientMessages[type].sender;
  if (sender.kind === 'call-party') return who.kind === 'kiosk' || sender.roles.includes(who.role);
  if (sender.kind !== who.kind) return false;
  if (sender.kind === 'kiosk' || who.kind === 'kiosk') return true;
  return sender.roles === 'any' || sender.roles.includes(who.role);
}
