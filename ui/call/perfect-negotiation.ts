import type { CallSignal } from '../../common/hub/api/calls';
import type { SignalingChannel } from './call-types';

/**
 * Perfect negotiation, as in the W3C webrtc-pc example ("Perfect
 * Negotiation Example"): either end may renegotiate at any time (an ICE
 * restart, a track added) and offers that cross never deadlock. When they
 * cross, the impolite end ignores the other's offer and keeps its own; the
 * polite end lets its own go (setRemoteDescription rolls it back) and
 * answers the other's.
 *
 * The impolite end (the lawyer's console) makes the first offer. The polite
 * end (the kiosk) adds its camera and microphone only when that offer
 * arrives (`beforeFirstAnswer`), so both ends do not open with an offer
 * each; its tracks then take the transceivers the offer made and ride in
 * the answer.
 */

export interface NegotiationOptions {
  polite: boolean;
  /** Called once, when the first offer has been applied and before it is answered. */
  beforeFirstAnswer?: () => void;
  onError: (error: unknown) => void;
}

function descriptionSignal(description: RTCSessionDescription): CallSignal {
  return { description: { type: description.type, sdp: description.sdp } };
}

function candidateSignal(candidate: RTCIceCandidate | null): CallSignal {
  if (candidate === null) return { candidate: null };
  return {
    candidate: {
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid,
      sdpMLineIndex: candidate.sdpMLineIndex,
      usernameFragment: candidate.usernameFragment,
    },
  };
}

/** Runs perfect negotiation on `pc` over `signaling`; returns a function that stops it. */
export function negotiate(pc: RTCPeerConnection, signaling: SignalingChannel, opts: NegotiationOptions): () => void {
  let makingOffer = false;
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;
  let answeredOnce = false;

  const onNegotiationNeeded = async (): Promise<void> => {
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      if (pc.localDescription !== null) signaling.send(descriptionSignal(pc.localDescription));
    } catch (error) {
      opts.onError(error);
    } finally {
      makingOffer = false;
    }
  };

  const onIceCandidate = (event: RTCPeerConnectionIceEvent): void => signaling.send(candidateSignal(event.candidate));

  const onSignal = async (signal: CallSignal): Promise<void> => {
    try {
      if ('description' in signal) {
        const { description } = signal;
        const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || isSettingRemoteAnswerPending);
        const offerCollision = description.type === 'offer' && !readyForOffer;
        ignoreOffer = !opts.polite && offerCollision;
        if (ignoreOffer) return;
        isSettingRemoteAnswerPending = description.type === 'answer';
        try {
          // On the polite end, an offer that crossed ours rolls ours back here.
          await pc.setRemoteDescription(description);
        } finally {
          isSettingRemoteAnswerPending = false;
        }
        if (description.type === 'offer') {
          if (!answeredOnce) {
            answeredOnce = true;
            opts.beforeFirstAnswer?.();
          }
          await pc.setLocalDescription();
          if (pc.localDescription !== null) signaling.send(descriptionSignal(pc.localDescription));
        }
      } else {
        try {
          // `null` is the end of the other end's candidates.
          await pc.addIceCandidate(signal.candidate ?? undefined);
        } catch (error) {
          // Candidates of an offer this end ignored do not fit; they are dropped with it.
          if (!ignoreOffer) throw error;
        }
      }
    } catch (error) {
      opts.onError(error);
    }
  };

  const negotiationNeeded = (): void => void onNegotiationNeeded();
  pc.addEventListener('negotiationneeded', negotiationNeeded);
  pc.addEventListener('icecandidate', onIceCandidate);
  const stopHearing = signaling.onSignal((signal) => void onSignal(signal));
  return () => {
    stopHearing();
    pc.removeEventListener('negotiationneeded', negotiationNeeded);
    pc.removeEventListener('icecandidate', onIceCandidate);
  };
}
