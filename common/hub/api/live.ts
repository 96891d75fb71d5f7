import { z } from 'zod';
import type { UserRole } from '../accounts';
import type { HubAccess } from './access';
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

/** Who may send a client message: a kiosk (on its socket), or people of these roles (on the console's). */
export type LiveSender = { kind: 'kiosk' } | { kind: 'session'; roles: 'any' | readonly UserRole[] };

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
} as const;
export type LiveClientMessageType = keyof typeof liveClientMessages;
export type LiveClientMessage = {
  [T in LiveClientMessageType]: z.output<(typeof liveClientMessages)[T]['schema']>;
}[LiveClientMessageType];

export const LiveClientMessage = z.discriminatedUnion('type', [
  liveClientMessages.heartbeat.schema,
  liveClientMessages.ping.schema,
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
  /** The hub could not do it (its database); send it again later. */
  'failed',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

/** What the hub sends its clients. */
export const LiveServerMessage = z.discriminatedUnion('type', [
  /** The heartbeat `id` is committed; the hub's time at commit, for the kiosk's clock offset. */
  z.object({ type: z.literal('heartbeat-ack'), id: MessageId, receivedAt: z.string() }),
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
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

/** Whether a sender may send a message type; the hub asks this for every message. */
export function maySendLive(
  type: LiveClientMessageType,
  who: { kind: 'kiosk' } | { kind: 'session'; role: UserRole },
): boolean {
  const sender = liveClientMessages[type].sender;
  if (sender.kind !== who.kind) return false;
  if (sender.kind === 'kiosk' || who.kind === 'kiosk') return true;
  return sender.roles === 'any' || sender.roles.includes(who.role);
}
