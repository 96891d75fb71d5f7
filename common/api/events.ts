import { z } from 'zod';
import { IdCard } from '../idcard/card';
import { DeviceStatus, PrintJob } from './devices';
import { Health } from './health';
import { CallDocumentView, KioskCallStatus } from './calls';
import { CallEndReasonSchema, CallId, CallSignal } from '../hub/api/calls';

/** Messages the service pushes over the `/api/events` WebSocket. */
export const ServiceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), bootId: z.string() }),
  z.object({ type: z.literal('health'), health: Health }),
  z.object({ type: z.literal('device'), status: DeviceStatus }),
  /** A card was put on the reader while a screen asked for one; sent once per insertion. */
  z.object({ type: z.literal('idcard'), card: IdCard }),
  /** The reader could not read the card that is on it (the UI asks to put it on again). */
  z.object({ type: z.literal('idcard-error'), code: z.string() }),
  z.object({ type: z.literal('print-job'), job: PrintJob }),
  /** Where the video call stands, on every change (its place in line moved, a lawyer answered, it ended). */
  z.object({ type: z.literal('call-status'), callId: CallId, status: KioskCallStatus }),
  /** WebRTC signaling from the lawyer's end. */
  z.object({ type: z.literal('call-signal'), callId: CallId, signal: CallSignal }),
  /** The call ended: the lawyer hung up, or the hub ended it. */
  z.object({ type: z.literal('call-ended'), callId: CallId, reason: CallEndReasonSchema }),
  /** 律师发来文书: a document the lawyer pushed, received and checked (or not received). */
  z.object({ type: z.literal('call-document'), callId: CallId, document: CallDocumentView }),
  /** An administrator asked for the touchscreen to load again (sent only between sessions). */
  z.object({ type: z.literal('reload') }),
]);
export type ServiceEvent = z.infer<typeof ServiceEvent>;

/**
 * Browsers cannot set headers on a WebSocket, so the per-boot secret travels
 * as a subprotocol: the client offers `[EVENTS_PROTOCOL, bearerProtocol(secret)]`
 * and the service answers with `EVENTS_PROTOCOL`.
 */
export const EVENTS_PROTOCOL = 'kiosk-events.v1';
export const BEARER_PROTOCOL_PREFIX = 'bearer.';
export function bearerProtocol(secret: string): string {
  return `${BEARER_PROTOCOL_PREFIX}${secret}`;
}
