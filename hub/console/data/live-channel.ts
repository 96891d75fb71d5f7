import { createContext, useContext } from 'react';
import type { LiveServerMessage } from '../../../common/hub/api/live';
import { LiveRequestError, type LiveRequest, type LiveSocket, type LiveState } from './live-socket';

/**
 * The tab's one live socket as the pages use it: what it hears, whether it
 * carries, and a way to send on it. The page keeps one channel for its
 * life; the socket behind it is opened at sign-in and closed at sign-out,
 * so a page that holds the channel never holds a dead socket.
 */
export interface LiveChannel {
  state(): LiveState;
  onState(listener: (state: LiveState) => void): () => void;
  onMessage(listener: (message: LiveServerMessage) => void): () => void;
  request(message: LiveRequest): Promise<LiveServerMessage>;
  send(message: LiveRequest): boolean;
}

/** The channel and the hooks the socket's owner feeds it through. */
export interface LiveChannelSource extends LiveChannel {
  attach(socket: LiveSocket | null): void;
  hearState(state: LiveState): void;
  hearMessage(message: LiveServerMessage): void;
}

export function createLiveChannel(): LiveChannelSource {
  let socket: LiveSocket | null = null;
  let state: LiveState = 'connecting';
  const stateListeners = new Set<(state: LiveState) => void>();
  const messageListeners = new Set<(message: LiveServerMessage) => void>();
  const listen = <T>(set: Set<T>, listener: T): (() => void) => {
    set.add(listener);
    return () => set.delete(listener);
  };
  return {
    state: () => state,
    onState: (listener) => listen(stateListeners, listener),
    onMessage: (listener) => listen(messageListeners, listener),
    request: (message) =>
      socket === null ? Promise.reject(new LiveRequestError('not-connected')) : socket.request(message),
    send: (message) => socket?.send(message) ?? false,
    attach(next) {
      socket = next;
    },
    hearState(next) {
      state = next;
      for (const listener of [...stateListeners]) listener(next);
    },
    hearMessage(message) {
      for (const listener of [...messageListeners]) listener(message);
    },
  };
}

/** The signed-in tab's live channel; null before sign-in. */
export const LiveChannelContext = createContext<LiveChannel | null>(null);

export function useLiveChannel(): LiveChannel {
  const channel = useContext(LiveChannelContext);
  if (channel === null) throw new Error('useLiveChannel outside LiveChannelContext');
  return channel;
}
