import type { CallSignal } from '../../../common/hub/api/calls';
import { IceConfig } from '../../../common/hub/api/calls';
import { createCallSession } from '../../../ui/call/call-session';
import type { CallSession, SignalingChannel } from '../../../ui/call/call-types';
import type { CallRigPage, PeerReport, PeerStartOptions } from './rig-protocol';

/**
 * The call test page: one end of a call, as the kiosk or the console runs
 * it, in its own Chromium. Signaling goes over a WebSocket to the relay of
 * the test process (call-rig.ts), which stands where the hub will; the
 * remote stream plays through a <video> element (with its sound, as the
 * kiosk plays it so echo cancellation works).
 */

declare global {
  interface Window {
    callRig: CallRigPage;
  }
}

const epochNow = (): number => performance.timeOrigin + performance.now();

/** A WebSocket to the relay that keeps what is sent before it opens. */
function relayChannel(url: string): SignalingChannel {
  const socket = new WebSocket(url);
  const waiting: string[] = [];
  const listeners = new Set<(signal: CallSignal) => void>();
  socket.addEventListener('open', () => {
    for (const message of waiting.splice(0)) socket.send(message);
  });
  socket.addEventListener('message', (event) => {
    const signal = JSON.parse(String(event.data)) as CallSignal;
    for (const listener of [...listeners]) listener(signal);
  });
  return {
    send(signal) {
      const message = JSON.stringify(signal);
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else waiting.push(message);
    },
    onSignal(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Resolves with when the video element presents its first frame (ms since the epoch). */
function firstFrame(video: HTMLVideoElement): Promise<number> {
  return new Promise((resolve) =>
    video.requestVideoFrameCallback((_now, metadata) => resolve(performance.timeOrigin + metadata.presentationTime)),
  );
}

function showStream(stream: MediaStream, id: string): HTMLVideoElement {
  const video = document.getElementById(id) as HTMLVideoElement;
  video.srcObject = stream;
  void video.play();
  return video;
}

let session: CallSession | undefined;
let localStream: MediaStream | undefined;
let connection: RTCPeerConnection | undefined;
const report: PeerReport = { states: [], startedAt: 0, firstFrameAt: null, renewals: 0, errors: [] };

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: start() first`);
  return value;
}

window.callRig = {
  async start(opts: PeerStartOptions) {
    localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    showStream(localStream, 'local');
    const signalUrl = new URL('/signal', location.href);
    signalUrl.protocol = 'ws:';
    signalUrl.searchParams.set('room', opts.room);
    signalUrl.searchParams.set('role', opts.role);
    report.startedAt = epochNow();
    session = createCallSession({
      signaling: relayChannel(signalUrl.href),
      polite: opts.role === 'polite',
      ice: opts.ice,
      localStream,
      ...(opts.renewIceUrl === undefined
        ? {}
        : {
            renewIce: async () => {
              report.renewals += 1;
              const answer = await fetch(opts.renewIceUrl!);
              return IceConfig.parse(await answer.json());
            },
          }),
      ...(opts.recovery === undefined ? {} : { recovery: opts.recovery }),
      onError: (error) => void report.errors.push(String(error)),
      createPeerConnection: (configuration) => (connection = new RTCPeerConnection(configuration)),
    });
    report.states.push({ state: session.state, at: epochNow() });
    session.onStateChange((state) => void report.states.push({ state, at: epochNow() }));
    session.onRemoteStream((stream) => {
      void firstFrame(showStream(stream, 'remote')).then((at) => (report.firstFrameAt ??= at));
    });
  },
  report: () => report,
  stats: () => need(session, 'stats').getStats(),
  addTransceiver(kind) {
    need(connection, 'addTransceiver').addTransceiver(kind, { direction: 'recvonly' });
  },
  negotiation() {
    const pc = need(connection, 'negotiation');
    return { signalingState: pc.signalingState, mids: pc.getTransceivers().map((t) => t.mid) };
  },
  setMuted: (muted) => need(session, 'setMuted').setMuted(muted),
  microphoneEnabled: () =>
    need(localStream, 'microphoneEnabled')
      .getAudioTracks()
      .map((t) => t.enabled),
  close: () => need(session, 'close').close(),
  tracks() {
    return {
      local: need(localStream, 'tracks')
        .getTracks()
        .map((t) => t.readyState),
      senders: need(connection, 'tracks')
        .getSenders()
        .flatMap((s) => (s.track === null ? [] : [s.track.readyState])),
    };
  },
  frameAfter(epochMs) {
    const video = document.getElementById('remote') as HTMLVideoElement;
    return new Promise((resolve) => {
      const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata): void => {
        const at = performance.timeOrigin + metadata.presentationTime;
        if (at > epochMs) resolve(at);
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    });
  },
  async loopbackFirstFrameMs() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    const started = performance.now();
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    sender.addEventListener('icecandidate', (e) => void receiver.addIceCandidate(e.candidate ?? undefined));
    receiver.addEventListener('icecandidate', (e) => void sender.addIceCandidate(e.candidate ?? undefined));
    const shown = new Promise<number>((resolve) =>
      receiver.addEventListener('track', (e) => {
        if (e.track.kind !== 'video') return;
        void firstFrame(showStream(e.streams[0]!, 'loopback')).then(resolve);
      }),
    );
    for (const track of stream.getTracks()) sender.addTrack(track, stream);
    await sender.setLocalDescription();
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription();
    await sender.setRemoteDescription(receiver.localDescription!);
    const at = await shown;
    const ms = at - performance.timeOrigin - started;
    sender.close();
    receiver.close();
    for (const track of stream.getTracks()) track.stop();
    return ms;
  },
};
