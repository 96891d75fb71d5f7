import type { CallSignal, IceConfig } from '../../common/hub/api/calls';
import type { MediaStatsSnapshot } from './media-stats';
import type { RecoveryPolicy } from './recovery-policy';

/**
 * The shapes of one video call as both clients use it — the kiosk's
 * renderer and the lawyer's console — kept apart from how the media gets
 * there, so a media server (an SFU) could take the place of the peer
 * connection later without the screens changing.
 *
 * Signaling is whatever carries CallSignal messages between the two ends
 * (the hub's live socket, relayed by the kiosk's local service on the
 * kiosk side). A call outlives its signaling channel: while the channel is
 * down, what the call sends waits and goes when it is back.
 */

export interface SignalingChannel {
  /** Sends a signal to the other end; queued while the channel is down. */
  send(signal: CallSignal): void;
  /** Hears signals from the other end; returns a function that stops hearing. */
  onSignal(listener: (signal: CallSignal) => void): () => void;
}

/**
 * Where a call stands, as the screens show it: `connecting` until media
 * first flows, `connected`, `reconnecting` while it recovers from a drop
 * (网络不稳定，正在重新连接…), `ended` once hung up or failed for good.
 */
export type CallMediaState = 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface CallSessionOptions {
  signaling: SignalingChannel;
  /**
   * Perfect negotiation: the polite side rolls back its own offer when
   * offers cross. The kiosk is polite, the lawyer's console impolite.
   */
  polite: boolean;
  ice: IceConfig;
  /** Asks the hub for fresh TURN credentials (before an ICE restart: the first may have expired). */
  renewIce?: () => Promise<IceConfig>;
  /** The local camera and microphone, already granted. The session stops every track when it ends. */
  localStream: MediaStream;
  /** Hears what went wrong without ending the call (a failed negotiation step, a renewal the hub refused), for the client's log. */
  onError?: (error: unknown) => void;
  /** Other recovery timings than DEFAULT_RECOVERY_POLICY's (a test that must see the call give up). */
  recovery?: Partial<RecoveryPolicy>;
  /** Makes the peer connection, for a caller that watches it (diagnostics, tests); `new RTCPeerConnection` by default. */
  createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
}

/** One call's media, as the screens drive it. */
export interface CallSession {
  readonly state: CallMediaState;
  /** The other end's stream once it arrives: play it through a media element (echo cancellation works on speakers). */
  readonly remoteStream: MediaStream | null;
  onStateChange(listener: (state: CallMediaState) => void): () => void;
  onRemoteStream(listener: (stream: MediaStream) => void): () => void;
  /** What arrives and leaves now (frames decoded, bytes), and whether it goes through TURN. */
  getStats(): Promise<MediaStatsSnapshot>;
  /** 静音: stops sending the microphone without renegotiating. */
  setMuted(muted: boolean): void;
  /** Ends the call's media: closes the connection and stops every local track, whatever state it is in. Idempotent. */
  close(): void;
}
