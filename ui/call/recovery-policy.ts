/**
 * When a call whose media stopped tries an ICE restart, and when it gives
 * up: a pure function of what happened so far, so the timings are tested
 * without a network and read in one place.
 *
 * The failure to avoid is the one users of PeerJS know: a call dropped at
 * the first blip. So a short drop is left to heal by itself (ICE often
 * does, within a second or two); a longer one, or `failed`, gets an ICE
 * restart with fresh TURN credentials, tried again with growing gaps while
 * the network is still away; and the call ends only after a minute without
 * media, which a citizen watching "网络不稳定，正在重新连接…" can wait out,
 * and after which the kiosk offers the fallback (12348).
 *
 * A drop is either ICE saying `disconnected` or media that stopped while
 * ICE still says `connected`: when a TURN server restarts, its allocations
 * are gone and nothing arrives any more, but the browser takes several
 * seconds to notice; the counters show it within one.
 */

/** The worst of the peer connection's ICE and overall states, which browsers move at slightly different moments. */
export type Connectivity = 'new' | 'checking' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface RecoveryPolicy {
  /** A drop (ICE `disconnected`, or no media while connected) younger than this is left alone: it usually heals without a restart. */
  dropGraceMs: number;
  /** Least time between one ICE restart and the next, by restart (the last repeats). */
  restartGapsMs: readonly number[];
  /** A restart still checking after this long is tried again (its candidates may have gone to a server that was away). */
  restartPatienceMs: number;
  /** No media this long, from the drop (or from the start, if it never flowed): the call ends. */
  giveUpAfterMs: number;
}

export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  dropGraceMs: 2_000,
  restartGapsMs: [1_000, 2_000, 4_000, 8_000],
  restartPatienceMs: 5_000,
  giveUpAfterMs: 60_000,
};

type IceState = 'new' | 'checking' | 'connected' | 'completed' | 'disconnected' | 'failed' | 'closed';
type PeerState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** The one connectivity the recovery reasons about, from RTCPeerConnection's `iceConnectionState` and `connectionState`. */
export function connectivityOf(ice: IceState, peer: PeerState): Connectivity {
  if (ice === 'closed' || peer === 'closed') return 'closed';
  if (ice === 'failed' || peer === 'failed') return 'failed';
  if (ice === 'disconnected' || peer === 'disconnected') return 'disconnected';
  if ((ice === 'connected' || ice === 'completed') && peer === 'connected') return 'connected';
  if (ice === 'new' && peer === 'new') return 'new';
  return 'checking';
}

/** What happened since media stopped flowing (or since the call started, before it first flowed). */
export interface Outage {
  /** When media stopped (ms on the caller's clock); the session's start while it never flowed. */
  since: number;
  connectivity: Connectivity;
  /** Since when the connectivity has been what it is. */
  connectivitySince: number;
  /** ICE restarts made in this outage. */
  restarts: number;
  lastRestartAt: number | null;
}

export type RecoveryStep = { kind: 'wait'; ms: number } | { kind: 'restart-ice' } | { kind: 'give-up' };

/** The least time after restart number `restarts` (1, 2, …) before the next one. */
export function restartGapMs(policy: RecoveryPolicy, restarts: number): number {
  if (restarts <= 0) return 0;
  const gaps = policy.restartGapsMs;
  return gaps[Math.min(restarts, gaps.length) - 1] ?? 0;
}

/**
 * The next step of an outage at `now`: restart ICE now, give up now, or
 * look again after `ms` (sooner if the connectivity changes).
 *
 * Before the first restart, a connection that is still being set up (`new`,
 * `checking`) is left to the other end's answer and candidates: restarting
 * ICE before anything was negotiated would only add offers. One that is
 * `connected` gets media within moments; without media for the grace, its
 * path is taken for dead (a TURN server that lost its allocations) and
 * restarted.
 */
export function nextRecoveryStep(policy: RecoveryPolicy, outage: Outage, now: number): RecoveryStep {
  const giveUpAt = outage.since + policy.giveUpAfterMs;
  if (now >= giveUpAt || outage.connectivity === 'closed') return { kind: 'give-up' };
  const earliest =
    outage.lastRestartAt === null ? outage.since : outage.lastRestartAt + restartGapMs(policy, outage.restarts);
  let restartAt: number | undefined;
  switch (outage.connectivity) {
    case 'failed':
      restartAt = earliest;
      break;
    case 'disconnected':
      restartAt = Math.max(earliest, outage.connectivitySince + policy.dropGraceMs);
      break;
    case 'connected':
      // Up but no media: media stopped (a stall) or never came once connected.
      restartAt = Math.max(earliest, outage.since + policy.dropGraceMs, outage.connectivitySince + policy.dropGraceMs);
      break;
    case 'new':
    case 'checking':
      restartAt =
        outage.lastRestartAt === null ? undefined : Math.max(earliest, outage.lastRestartAt + policy.restartPatienceMs);
      break;
  }
  if (restartAt === undefined || restartAt >= giveUpAt) return { kind: 'wait', ms: giveUpAt - now };
  if (restartAt <= now) return { kind: 'restart-ice' };
  return { kind: 'wait', ms: restartAt - now };
}
