import type { CallSignal } from '../../common/hub/api/calls';

/**
 * Signals for a party whose socket is not open on this instance, kept a
 * short while for it to come back: a socket blip must not lose the offer
 * or answer of a renegotiation under way, which perfect negotiation would
 * otherwise wait for without end. Each instance keeps what it could not
 * hand over itself, so a party that reconnects to any instance gets what
 * was sent while it was away. A party that moves to another instance than
 * the one it was on may so hear a signal twice, which perfect negotiation
 * takes (a candidate added again, an offer answered again); one away past
 * SIGNAL_KEEP_MS recovers by ICE restart, as after any longer outage.
 *
 * Bounded: SIGNAL_KEEP_MAX per party, the oldest dropped first.
 */

export const SIGNAL_KEEP_MS = 30_000;
export const SIGNAL_KEEP_MAX = 64;

interface Kept {
  callId: string;
  signal: CallSignal;
  at: number;
}

export class SignalBuffer {
  private readonly parties = new Map<string, Kept[]>();

  constructor(
    private readonly keepMs = SIGNAL_KEEP_MS,
    private readonly max = SIGNAL_KEEP_MAX,
  ) {}

  keep(party: string, callId: string, signal: CallSignal, at: number): void {
    const kept = this.fresh(party, at);
    kept.push({ callId, signal, at });
    if (kept.length > this.max) kept.splice(0, kept.length - this.max);
    this.parties.set(party, kept);
  }

  /** What was kept for the party and is still fresh, in order; forgotten once taken. */
  take(party: string, at: number): { callId: string; signal: CallSignal }[] {
    const kept = this.fresh(party, at);
    this.parties.delete(party);
    return kept.map(({ callId, signal }) => ({ callId, signal }));
  }

  /** The call ended: nothing of it is handed over any more. */
  forgetCall(callId: string): void {
    for (const [party, kept] of this.parties) {
      const rest = kept.filter((k) => k.callId !== callId);
      if (rest.length === 0) this.parties.delete(party);
      else this.parties.set(party, rest);
    }
  }

  /** Drops what is stale everywhere (run now and then, so parties that never come back do not stay). */
  prune(at: number): void {
    for (const party of [...this.parties.keys()]) {
      const kept = this.fresh(party, at);
      if (kept.length === 0) this.parties.delete(party);
      else this.parties.set(party, kept);
    }
  }

  private fresh(party: string, at: number): Kept[] {
    return (this.parties.get(party) ?? []).filter((k) => at - k.at < this.keepMs);
  }
}

export const kioskParty = (kioskId: number): string => `kiosk:${kioskId}`;
export const lawyerParty = (userId: number): string => `lawyer:${userId}`;
