import { z } from 'zod';
import { IdCard } from '../idcard/card';
import { DeviceStatus, PrintJob } from './devices';
import { Health } from './health';

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
