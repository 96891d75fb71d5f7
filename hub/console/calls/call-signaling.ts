import type { CallSignal } from '../../../common/hub/api/calls';
import type { SignalingChannel } from '../../../ui/call/call-types';
import type { LiveChannel } from '../data/live-channel';

/**
 * A call's signaling over the console's live socket: what the session
 * sends goes to the hub as `call-signal` for this call, and the other
 * end's signals come back the same way. While the socket is down, signals
 * wait and go in order once it carries again, so an ICE restart begun
 * during a blip is not lost.
 */
export interface CallSignaling extends SignalingChannel {
  /** Stops hearing and drops what still waits (the call is over). */
  close(): void;
}

export function callSignaling(channel: LiveChannel, callId: string): CallSignaling {
  const waiting: CallSignal[] = [];
  let closed = false;
  const flush = (): void => {
    while (!closed && waiting.length > 0) {
      if (!channel.send({ type: 'call-signal', callId, signal: waiting[0]! })) return;
      waiting.shift();
    }
  };
  const stopState = channel.onState((state) => {
    if (state === 'live') flush();
  });
  const listeners = new Set<() => void>();
  return {
    send(signal) {
      if (closed) return;
      waiting.push(signal);
      flush();
    },
    onSignal(listener) {
      const stop = channel.onMessage((message) => {
        if (!closed && message.type === 'call-signal' && message.callId === callId) listener(message.signal);
      });
      listeners.add(stop);
      return () => {
        stop();
        listeners.delete(stop);
      };
    },
    close() {
      closed = true;
      waiting.length = 0;
      stopState();
      for (const stop of listeners) stop();
      listeners.clear();
    },
  };
}
