import type { CallMediaState, CallSession, CallSessionOptions } from '../../../ui/call/call-types';

/**
 * Where the console's call view gets its call session (ui/call/call-types.ts):
 * the one place that names the media path, so the peer connection's own
 * module (ui/call/call-session.ts, `createCallSession`) is wired here and
 * nowhere else.
 *
 * Until that module is part of the console, the session here carries the
 * local camera and microphone only: the lawyer sees their own picture, the
 * state stays `connecting` (no remote stream ever arrives), mute works on
 * the local tracks, and closing it stops every track, as the real one must.
 */
export function startCallSession(options: CallSessionOptions): CallSession {
  return localOnlySession(options);
}

function localOnlySession({ localStream }: CallSessionOptions): CallSession {
  let state: CallMediaState = 'connecting';
  const stateListeners = new Set<(state: CallMediaState) => void>();
  return {
    get state() {
      return state;
    },
    remoteStream: null,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onRemoteStream: () => () => undefined,
    setMuted(muted) {
      for (const track of localStream.getAudioTracks()) track.enabled = !muted;
    },
    close() {
      for (const track of localStream.getTracks()) track.stop();
      if (state === 'ended') return;
      state = 'ended';
      for (const listener of [...stateListeners]) listener(state);
    },
  };
}
