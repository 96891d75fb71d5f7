import type { CallEndReason, CallSignal } from '../../common/hub/api/calls';
import type { KioskCaseStatus } from '../../common/hub/cases';

/**
 * How a hub instance tells every instance (itself included) that something
 * live happened: a kiosk's health changed, an alert opened or cleared, a
 * kiosk was revoked or a session ended (so whichever instance holds its
 * WebSocket closes it), the call desk changed or a call's signaling is
 * to be handed to the instance holding the other end. In one process the bus is a plain in-memory one;
 * with `HUB_REDIS_URL` it is Redis pub/sub, so two instances on one
 * database behave as one. Never PostgreSQL's LISTEN/NOTIFY: the
 * PostgreSQL-compatible databases of government IT lack it.
 *
 * An event says what changed, never the personal data itself: a receiver
 * reads what it may show from the database, under its own caller's rights.
 * Delivery is at most once and may be lost (an instance restarting), so
 * nothing durable depends on an event: they only make a screen fresh
 * sooner, and every screen can be rebuilt from the database.
 */

export type LiveEvent =
  /** A kiosk's heartbeat was committed, or its online state changed. */
  | { type: 'kiosk-changed'; kioskId: number; regionCode: string }
  /** An alert of the kiosk opened or cleared. */
  | { type: 'alerts-changed'; kioskId: number; regionCode: string }
  /** The kiosk was revoked: every instance closes its open sockets at once. */
  | { type: 'kiosk-revoked'; kioskId: number; regionCode: string }
  /** A console session ended (sign-out, disabled account, new password): its sockets close. */
  | { type: 'session-ended'; sessionId: string }
  /** The call desk changed (a caller queued or left, an offer rang or rang out, a lawyer's status): queues and places in line are read again. */
  | { type: 'calls-changed' }
  /** A lawyer answered the call: its kiosk is told, every other console that showed it hears 已被接听. */
  | { type: 'call-answered'; callId: string; kioskId: number; lawyerId: number }
  /** The call ended: both ends are told, and the consoles that showed it. */
  | {
      type: 'call-ended';
      callId: string;
      kioskId: number;
      lawyerId: number | null;
      reason: CallEndReason;
      wasAnswered: boolean;
    }
  /**
   * Signaling for one end of a call, handed over by the instance holding
   * that end's socket. It carries the signal itself (session descriptions
   * and candidates: network addresses, no personal data), as relaying is
   * its whole purpose.
   */
  | {
      type: 'call-signal';
      callId: string;
      to: 'kiosk' | 'lawyer';
      kioskId: number;
      lawyerId: number;
      signal: CallSignal;
    }
  /** The lawyer pushed a document: the kiosk's instance reads its notice and tells the kiosk. */
  | { type: 'call-document'; callId: string; kioskId: number; documentId: string }
  /** A case changed status: the instance holding the socket of the kiosk that took it pushes the status (no personal data in it). */
  | { type: 'case-status'; kioskId: number; status: KioskCaseStatus }
  /** A case of the region changed: the case desks that may see it read their lists again. */
  | { type: 'cases-changed'; regionCode: string }
  /** A command was sent to the kiosk: the instance holding its socket pushes what is open for it. */
  | { type: 'kiosk-command'; kioskId: number };

export type LiveEventType = LiveEvent['type'];

export interface LiveBus {
  /** Resolves once the event is handed on (to Redis, or to this process's subscribers). */
  publish(event: LiveEvent): Promise<void>;
  /** Every event from every instance, this one included; the answer unsubscribes. */
  subscribe(handler: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** The bus of a hub that runs as one process. */
export function createInProcessBus(): LiveBus {
  const handlers = new Set<(event: LiveEvent) => void>();
  return {
    publish(event) {
      // Handed on after the publisher's own work, as Redis would: a subscriber never runs inside the publisher's call.
      queueMicrotask(() => {
        for (const handler of handlers) handler(event);
      });
      return Promise.resolve();
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      handlers.clear();
      return Promise.resolve();
    },
  };
}
