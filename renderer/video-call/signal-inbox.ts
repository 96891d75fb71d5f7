import type { CallSignal } from '../../common/hub/api/calls';

/**
 * The lawyer's signals for one call, kept from the moment the citizen is in
 * line until the call's media session listens. The lawyer's console makes
 * its offer as soon as 接听 is pressed, while the kiosk's screen is still
 * switching to the call and opening its camera; the service passes each
 * signal on once and keeps none, so one heard before the session listens
 * would be lost, and with the offer lost the call never connects.
 */
export interface SignalInbox {
  /** A signal for this call, as the service pushed it. */
  push(signal: CallSignal): void;
  /** Hears every signal from now on, after those kept so far; returns the unsubscribe. */
  subscribe(listener: (signal: CallSignal) => void): () => void;
}

/** Signals kept at the most while no one listens (an offer and its candidates are a few dozen). */
export const MAX_KEPT_SIGNALS = 500;

export function signalInbox(): SignalInbox {
  let kept: CallSignal[] = [];
  const listeners = new Set<(signal: CallSignal) => void>();
  return {
    push(signal) {
      if (listeners.size === 0) {
        kept.push(signal);
        if (kept.length > MAX_KEPT_SIGNALS) kept.splice(0, kept.length - MAX_KEPT_SIGNALS);
        return;
      }
      for (const listener of [...listeners]) listener(signal);
    },
    subscribe(listener) {
      listeners.add(listener);
      const waiting = kept;
      kept = [];
      for (const signal of waiting) listener(signal);
      return () => listeners.delete(listener);
    },
  };
}
