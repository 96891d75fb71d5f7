import type { CallSignal } from '../../../common/hub/api/calls';
import type { CallMediaState, CallSession, CallSessionOptions } from '../../../ui/call/call-types';
import type { CreateCallSession } from '../../../renderer/video-call/call-media';

/**
 * A call session for the kiosk's screens under test, built into a test copy
 * of the renderer in place of renderer/video-call/call-media.ts (see
 * video-call.test.ts). The kiosk's media path itself — ui/call's peer
 * connection to the lawyer — is built and tested apart; this stands in for
 * the far end so the call screen can be driven in Chromium with its fake
 * camera and microphone:
 *
 *  - media is real: the kiosk's camera and microphone go through a pair of
 *    RTCPeerConnections in the page and come back as the "lawyer's" stream,
 *    so the screen plays a live remote stream through its video element;
 *  - signaling is real: the session sends one signal through the channel it
 *    is given (the local service, the hub's socket) and records what comes
 *    back from the hub;
 *  - the test sets the media state (`reconnecting`, `ended`) through
 *    `window.__loopbackCall`, to see what the screen makes of it.
 */

export interface LoopbackControl {
  setState(state: CallMediaState): void;
  /**
   * A session that forgets to stop the camera when closed (a media path
   * with a bug): the screen must stop the tracks itself.
   */
  keepTracksOnClose: boolean;
  /** Signals that reached the session from the far end. */
  heard: CallSignal[];
  /** Every session made, for the test to look at its tracks. */
  sessions: {
    local: MediaStream;
    remote: MediaStream | null;
    closed: boolean;
    muted: boolean;
    /** What has arrived at the far end so far (frames decoded, bytes). */
    stats?: () => Promise<{ inbound: { video: { framesDecoded: number; bytesReceived: number } } }>;
  }[];
}

declare global {
  interface Window {
    __loopbackCall?: LoopbackControl;
  }
}

function control(): LoopbackControl {
  window.__loopbackCall ??= { setState: () => undefined, keepTracksOnClose: false, heard: [], sessions: [] };
  return window.__loopbackCall;
}

export const createCallSession: CreateCallSession | null = (options: CallSessionOptions): CallSession => {
  const ctl = control();
  const record: LoopbackControl['sessions'][number] = {
    local: options.localStream,
    remote: null,
    closed: false,
    muted: false,
  };
  ctl.sessions.push(record);
  const stateListeners = new Set<(s: CallMediaState) => void>();
  const streamListeners = new Set<(s: MediaStream) => void>();
  let state: CallMediaState = 'connecting';
  let remote: MediaStream | null = null;
  const setState = (next: CallMediaState): void => {
    if (state === next || state === 'ended') return;
    state = next;
    for (const l of [...stateListeners]) l(next);
  };
  ctl.setState = setState;

  const sender = new RTCPeerConnection({ iceServers: [] });
  const receiver = new RTCPeerConnection({ iceServers: [] });
  sender.onicecandidate = (e) => {
    if (e.candidate !== null) void receiver.addIceCandidate(e.candidate).catch(() => undefined);
  };
  receiver.onicecandidate = (e) => {
    if (e.candidate !== null) void sender.addIceCandidate(e.candidate).catch(() => undefined);
  };
  receiver.ontrack = (e) => {
    if (remote !== null) return;
    remote = e.streams[0] ?? new MediaStream([e.track]);
    record.remote = remote;
    for (const l of [...streamListeners]) l(remote);
  };
  receiver.onconnectionstatechange = () => {
    if (receiver.connectionState === 'connected') setState('connected');
  };
  for (const track of options.localStream.getTracks()) sender.addTrack(track, options.localStream);
  void (async () => {
    const offer = await sender.createOffer();
    await sender.setLocalDescription(offer);
    await receiver.setRemoteDescription(offer);
    const answer = await receiver.createAnswer();
    await receiver.setLocalDescription(answer);
    await sender.setRemoteDescription(answer);
    // One signal the real way: through the local service and the hub's socket.
    options.signaling.send({ description: { type: 'answer', sdp: answer.sdp ?? '' } });
  })();
  const stopHearing = options.signaling.onSignal((signal) => ctl.heard.push(signal));

  /** What arrives at the far end and leaves this one, in the shape of ui/call's media statistics. */
  const getStats = async () => {
    const inbound = { video: { framesDecoded: 0, bytesReceived: 0 }, audio: { bytesReceived: 0 } };
    let bytesSent = 0;
    (await receiver.getStats()).forEach(
      (s: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') {
          inbound.video.framesDecoded += s.framesDecoded ?? 0;
          inbound.video.bytesReceived += s.bytesReceived ?? 0;
        } else if (s.kind === 'audio') inbound.audio.bytesReceived += s.bytesReceived ?? 0;
      },
    );
    (await sender.getStats()).forEach((s: { type: string; bytesSent?: number }) => {
      if (s.type === 'outbound-rtp') bytesSent += s.bytesSent ?? 0;
    });
    return { inbound, outbound: { bytesSent }, route: null };
  };

  record.stats = getStats;

  // Built apart from the return: it also carries what later versions of the interface ask (getStats).
  const session = {
    getStats,
    get state() {
      return state;
    },
    get remoteStream() {
      return remote;
    },
    onStateChange(listener: (state: CallMediaState) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onRemoteStream(listener: (stream: MediaStream) => void) {
      streamListeners.add(listener);
      return () => streamListeners.delete(listener);
    },
    setMuted(muted: boolean) {
      record.muted = muted;
      for (const track of options.localStream.getAudioTracks()) track.enabled = !muted;
    },
    close() {
      if (record.closed) return;
      record.closed = true;
      stopHearing();
      sender.close();
      receiver.close();
      if (!ctl.keepTracksOnClose) for (const track of options.localStream.getTracks()) track.stop();
      setState('ended');
    },
  };
  return session;
};
