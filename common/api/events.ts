import { z } from 'zod';
import { Health } from './health';

/** Messages the service pushes over the `/api/events` WebSocket. */
export const ServiceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), bootId: z.string() }),
  z.object({ type: z.literal('health'), health: Health }),
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
