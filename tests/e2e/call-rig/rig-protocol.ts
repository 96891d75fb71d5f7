import type { IceConfig } from '../../../common/hub/api/calls';
import type { MediaStatsSnapshot } from '../../../ui/call/media-stats';
import type { RecoveryPolicy } from '../../../ui/call/recovery-policy';

/**
 * What the call test page (call-page.ts, in Chromium) and the Node side
 * that drives it (call-rig.ts) say to each other. Kept free of DOM and Node
 * types: both sides and the bench (type-checked as Node code) read it.
 */

/** The kiosk is the polite end, the lawyer's console the impolite one. */
export type PeerRole = 'polite' | 'impolite';

export interface PeerStartOptions {
  role: PeerRole;
  /** The call's name at the signaling relay: the two ends of one call share it. */
  room: string;
  ice: IceConfig;
  /** Where the page asks for fresh ICE credentials before an ICE restart (the hub's part in a real call); none: no renewal. */
  renewIceUrl?: string;
  recovery?: Partial<RecoveryPolicy>;
}

export interface PeerReport {
  /** Every CallMediaState the session went through, with when (ms since the epoch). (ui/call/call-types.ts needs the DOM's types, which the Node side of the rig goes without.) */
  states: { state: string; at: number }[];
  /** When the page called createCallSession (ms since the epoch). */
  startedAt: number;
  /** When the first remote video frame was presented (requestVideoFrameCallback, ms since the epoch); null before. */
  firstFrameAt: number | null;
  /** How often the session asked for fresh ICE credentials. */
  renewals: number;
  /** What the session reported through onError. */
  errors: string[];
}

export interface PeerNegotiation {
  signalingState: string;
  /** The media id of every transceiver (null: not negotiated yet). */
  mids: (string | null)[];
}

/** The readyState of every track the page captured, and of every track its connection's senders hold. */
export interface PeerTracks {
  local: string[];
  senders: string[];
}

/** What the page exposes as `window.callRig`. */
export interface CallRigPage {
  start(opts: PeerStartOptions): Promise<void>;
  report(): PeerReport;
  stats(): Promise<MediaStatsSnapshot>;
  /** Adds a receive-only transceiver: a renegotiation, as a change of media would make. */
  addTransceiver(kind: 'audio' | 'video'): void;
  negotiation(): PeerNegotiation;
  setMuted(muted: boolean): void;
  /** The local microphone tracks' `enabled`. */
  microphoneEnabled(): boolean[];
  close(): void;
  tracks(): PeerTracks;
  /** Resolves with when the first remote video frame presented after `epochMs` was presented (ms since the epoch). */
  frameAfter(epochMs: number): Promise<number>;
  /** A bare RTCPeerConnection pair inside this page, no session and no relay: ms from creating them to the first frame shown. */
  loopbackFirstFrameMs(): Promise<number>;
}

export type { MediaStatsSnapshot };
