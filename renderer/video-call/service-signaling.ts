import type { CallSignal } from '../../common/hub/api/calls';
import type { SignalingChannel } from '../../ui/call/call-types';

/**
 * The call's signaling as the kiosk's renderer has it: through the local
 * service (POST /api/call/signal; `call-signal` events back), which relays
 * it over its socket to the hub and holds it while the hub is away. Signals
 * go one at a time, in order — an offer before its candidates — and one the
 * service did not take (it was restarting) is tried again; one it refused
 * because the call is over is dropped with the rest.
 */

export interface ServiceSignalingDeps {
  /** Sends one signal to the service; rejects when it did not take it. */
  send(signal: CallSignal): Promise<unknown>;
  /**
   * Hears the lawyer's signals for this call; returns the unsubscribe.
   * Called once the session listens: a source that keeps what arrived
   * before (signal-inbox.ts) hands it over then.
   */
  subscribe(listener: (signal: CallSignal) => void): () => void;
  /** A refusal that will not change on a retry (the call is over). */
  isFinal(error: unknown): boolean;
  retryDelayMs?: number;
  /** Tries per signal before the rest are given up (the call's own timeouts take over). */
  maxAttempts?: number;
  wait?: (ms: number) => Promise<void>;
}

export interface ServiceSignaling extends SignalingChannel {
  /** Stops sending and hearing: the call is over. */
  close(): void;
}

export function serviceSignaling(deps: ServiceSignalingDeps): ServiceSignaling {
  const retryDelayMs = deps.retryDelayMs ?? 500;
  const maxAttempts = deps.maxAttempts ?? 20;
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queue: CallSignal[] = [];
  const listeners = new Set<(signal: CallSignal) => void>();
  let sending = false;
  let closed = false;
  // Heard from the first listener on: what arrives before (the lawyer's offer, while the camera opens) waits in the source.
  let unsubscribe: (() => void) | undefined;

  const pump = async (): Promise<void> => {
    if (sending) return;
    sending = true;
    try {
      while (!closed && queue.length > 0) {
        const signal = queue[0]!;
        let sent = false;
        for (let attempt = 1; !closed && !sent && attempt <= maxAttempts; attempt++) {
          try {
            await deps.send(signal);
            sent = true;
          } catch (error) {
            if (deps.isFinal(error)) {
              queue.length = 0;
              return;
            }
            if (attempt < maxAttempts) await wait(retryDelayMs);
          }
        }
        if (!sent) {
          queue.length = 0;
          return;
        }
        queue.shift();
      }
    } finally {
      sending = false;
    }
  };

  return {
    send(signal) {
      if (closed) return;
      queue.push(signal);
      void pump();
    },
    onSignal(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      unsubscribe ??= deps.subscribe((signal) => {
        if (closed) return;
        for (const l of [...listeners]) l(signal);
      });
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      queue.length = 0;
      listeners.clear();
      unsubscribe?.();
    },
  };
}
