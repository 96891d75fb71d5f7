import type { IceConfig } from '../../common/hub/api/calls';
import type { CallMediaState, CallSession, CallSessionOptions } from './call-types';
import { mediaIsFlowing, readMediaStats, type MediaStatsSnapshot } from './media-stats';
import { negotiate } from './perfect-negotiation';
import {
  DEFAULT_RECOVERY_POLICY,
  connectivityOf,
  nextRecoveryStep,
  type Connectivity,
  type Outage,
  type RecoveryPolicy,
} from './recovery-policy';

/**
 * One call's media over a peer-to-peer RTCPeerConnection (see call-types.ts
 * for what the screens see of it).
 *
 * "Connected" means media flows, not that ICE says so: getStats() is read
 * every second (a few times a second while the call is connecting or
 * reconnecting); the call is connected when frames or sound arrive, and a
 * drop when nothing arrived since the last reading, or when ICE says
 * `disconnected` or `failed`. A drop starts an outage that
 * recovery-policy.ts steers: wait out a blip, then ICE restarts with fresh
 * TURN credentials, until the call gives up.
 */

/** How often the counters are read while waiting for media to flow, to say `connected` as soon as it does. */
const OUTAGE_POLL_MS = 250;
/** How often they are read while it flows: a second without any sound or picture arriving is a drop. */
const FLOWING_POLL_MS = 1_000;

function rtcConfiguration(ice: IceConfig): RTCConfiguration {
  return {
    iceServers: ice.iceServers.map(({ urls, username, credential }) => ({
      urls,
      ...(username === undefined ? {} : { username }),
      ...(credential === undefined ? {} : { credential }),
    })),
    iceTransportPolicy: ice.iceTransportPolicy,
  };
}

/** A hub that does not answer for fresh credentials must not hold the recovery up: the restart goes on with the old ones. */
const RENEW_TIMEOUT_MS = 5_000;

function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function reportError(error: unknown): void {
  console.error('call session:', error);
}

export function createCallSession(opts: CallSessionOptions): CallSession {
  const policy: RecoveryPolicy = { ...DEFAULT_RECOVERY_POLICY, ...opts.recovery };
  const onError = opts.onError ?? reportError;
  const now = (): number => performance.now();
  // One bundled transport: through TURN that is one allocation for audio and video.
  const pc = (opts.createPeerConnection ?? ((c: RTCConfiguration) => new RTCPeerConnection(c)))({
    ...rtcConfiguration(opts.ice),
    bundlePolicy: 'max-bundle',
  });

  let state: CallMediaState = 'connecting';
  let remoteStream: MediaStream | null = null;
  let muted = false;
  let closed = false;
  const stateListeners = new Set<(state: CallMediaState) => void>();
  const streamListeners = new Set<(stream: MediaStream) => void>();

  const notify = <T>(listeners: Set<(value: T) => void>, value: T): void => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        onError(error);
      }
    }
  };
  const setState = (next: CallMediaState): void => {
    if (state === next) return;
    state = next;
    notify(stateListeners, next);
  };

  let localTracksAdded = false;
  const addLocalTracks = (): void => {
    if (localTracksAdded || closed) return;
    localTracksAdded = true;
    for (const track of opts.localStream.getTracks()) {
      if (track.kind === 'audio') track.enabled = !muted;
      pc.addTrack(track, opts.localStream);
    }
  };
  const stopNegotiating = negotiate(pc, opts.signaling, {
    polite: opts.polite,
    beforeFirstAnswer: addLocalTracks,
    onError,
  });

  pc.addEventListener('track', (event) => {
    // Tracks the other end sends with its camera's stream; a bare transceiver (no stream) carries nothing to show.
    const [stream] = event.streams;
    if (stream === undefined || closed || stream === remoteStream) return;
    remoteStream = stream;
    notify(streamListeners, stream);
  });

  // ── Recovery ───────────────────────────────────────────────────────────
  // An outage lasts from a drop (or from the start) until media flows again.
  let connectivity: Connectivity = connectivityOf(pc.iceConnectionState, pc.connectionState);
  let connectivitySince = now();
  let outage: Outage | null = { since: now(), connectivity, connectivitySince, restarts: 0, lastRestartAt: null };
  let reviewTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;
  let lastReading: { counters: MediaStatsSnapshot; at: number } | null = null;

  const startOutage = (since: number): void => {
    outage = { since, connectivity, connectivitySince, restarts: 0, lastRestartAt: null };
    setState('reconnecting');
    review();
  };

  const review = (): void => {
    clearTimeout(reviewTimer);
    if (closed || outage === null || restarting) return;
    const step = nextRecoveryStep(policy, outage, now());
    if (step.kind === 'give-up') close();
    else if (step.kind === 'restart-ice') void restartIce(outage);
    else reviewTimer = setTimeout(review, step.ms);
  };

  const restartIce = async (current: Outage): Promise<void> => {
    restarting = true;
    current.restarts += 1;
    current.lastRestartAt = now();
    try {
      // The first credentials may have expired: a restart asks for new ones, and goes on with the old if the hub cannot answer.
      if (opts.renewIce !== undefined) {
        const ice = await withinMs(opts.renewIce(), RENEW_TIMEOUT_MS, 'fresh ICE credentials');
        if (!closed) pc.setConfiguration({ ...pc.getConfiguration(), ...rtcConfiguration(ice) });
      }
    } catch (error) {
      onError(error);
    }
    restarting = false;
    if (closed) return;
    // Media may have come back meanwhile (no restart needed), or stopped again (a new outage to review).
    if (outage === current) pc.restartIce();
    review();
  };

  const watchMedia = async (): Promise<void> => {
    pollTimer = undefined;
    if (closed) return;
    let counters: MediaStatsSnapshot;
    try {
      counters = readMediaStats(await pc.getStats());
    } catch (error) {
      if (!closed) onError(error);
      return;
    }
    if (closed) return;
    const flowing = lastReading !== null && mediaIsFlowing(lastReading.counters, counters);
    if (outage === null) {
      // Nothing arrived since the last reading, which did show media: it stopped after that reading.
      if (lastReading !== null && !flowing) startOutage(lastReading.at);
    } else if (flowing && connectivity === 'connected') {
      outage = null;
      clearTimeout(reviewTimer);
      setState('connected');
    }
    lastReading = { counters, at: now() };
    pollTimer = setTimeout(() => void watchMedia(), outage === null ? FLOWING_POLL_MS : OUTAGE_POLL_MS);
  };

  const onConnectivityChange = (): void => {
    const next = connectivityOf(pc.iceConnectionState, pc.connectionState);
    if (next === connectivity || closed) return;
    connectivity = next;
    connectivitySince = now();
    if (outage !== null) {
      outage.connectivity = next;
      outage.connectivitySince = connectivitySince;
      review();
    } else if (next === 'disconnected' || next === 'failed') {
      startOutage(connectivitySince);
    }
  };
  pc.addEventListener('iceconnectionstatechange', onConnectivityChange);
  pc.addEventListener('connectionstatechange', onConnectivityChange);

  // ── Ending ─────────────────────────────────────────────────────────────
  function close(): void {
    if (closed) return;
    closed = true;
    clearTimeout(reviewTimer);
    clearTimeout(pollTimer);
    outage = null;
    stopNegotiating();
    // The camera's light must go off whatever ended the call: every track this end captured or sent.
    for (const track of opts.localStream.getTracks()) track.stop();
    for (const transceiver of pc.getTransceivers()) transceiver.sender.track?.stop();
    pc.close();
    setState('ended');
  }

  // The impolite end opens the negotiation; the polite end waits for its offer.
  if (!opts.polite) addLocalTracks();
  void watchMedia();
  review();

  return {
    get state() {
      return state;
    },
    get remoteStream() {
      return remoteStream;
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    onRemoteStream(listener) {
      streamListeners.add(listener);
      return () => void streamListeners.delete(listener);
    },
    async getStats() {
      return readMediaStats(await pc.getStats());
    },
    setMuted(next) {
      muted = next;
      const tracks = new Set(opts.localStream.getAudioTracks());
      for (const sender of pc.getSenders()) if (sender.track?.kind === 'audio') tracks.add(sender.track);
      for (const track of tracks) track.enabled = !next;
    },
    close,
  };
}
