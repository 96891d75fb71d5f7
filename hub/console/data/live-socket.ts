import { LIVE_CLOSE, LIVE_SOCKETS, LiveServerMessage, type LiveClientMessage } from '../../../common/hub/api/live';

/**
 * The console's one live socket (`/api/live`, common/hub/api/live.ts),
 * kept open while the person is signed in. The hub pushes only what changed
 * (`kiosk-changed`, `alerts-changed`, with the kiosk's id), never the data:
 * the pages read that again over HTTP, under their own rights.
 *
 * When it drops it is opened again after a random wait over a window that
 * doubles per failure (so a restarted hub is not met by every console at
 * the same instant), except when the hub closed it because the session
 * ended: then the person must sign in again, and trying would only be
 * refused. A socket that stops answering pings is taken for dropped: a
 * proxy or a sleeping laptop can leave a socket that looks open and
 * carries nothing.
 *
 * The same socket carries a lawyer's calls (common/hub/api/live.ts): the
 * page sends messages on it, and an answer is routed back to its request
 * by the id the request carried (`inReplyTo`). Every message heard goes to
 * `onMessage`, the pushes (queue, call-gone, signals) as well as answers.
 */

export type LiveState =
  /** The first connection is being made. */
  | 'connecting'
  /** Open, and answered a ping: pushes arrive. */
  | 'live'
  /** Dropped or never opened: waiting to try again, or trying. */
  | 'reconnecting'
  /** Closed for good (signed out, or the session ended). */
  | 'closed';

/** What the pages hear: a kiosk changed, or `resync` — anything may have changed (missed while the socket was down). */
export type LiveEvent =
  | { type: 'kiosk-changed' | 'alerts-changed'; kioskId: number }
  /** A case of the session's regions changed status. */
  | { type: 'cases-changed' }
  | { type: 'resync' };

/** The part of the browser's WebSocket used here (a test gives a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveSocketOptions {
  /** The hub's origin, as the page has it (`http://…` or `https://…`). */
  origin: string;
  onEvent: (event: LiveEvent) => void;
  onState: (state: LiveState) => void;
  /** The hub closed the socket because the session ended: the console shows the sign-in page. */
  onSessionEnded: () => void;
  /** Every message the hub sent, as the contract has it (calls: queue, call-gone, call-signal…). */
  onMessage?: (message: LiveServerMessage) => void;
  /**
   * An attempt was refused before the socket opened. A browser does not say
   * why (a refused upgrade, a hub down): the console asks the hub over HTTP,
   * whose 401 says whether the session is what ended.
   */
  onRefused?: () => void;
  openSocket?: (url: string) => SocketLike;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The first reconnect window; it doubles per failure up to the most. */
export const LIVE_RECONNECT_BASE_MS = 1_000;
export const LIVE_RECONNECT_MAX_MS = 60_000;
/** How often an open socket is asked whether it still carries, and how long its `pong` may take. */
export const LIVE_PING_MS = 25_000;
export const LIVE_PONG_TIMEOUT_MS = 10_000;
/** While the socket is down the pages still refresh this often, so what they show is never far behind. */
export const LIVE_FALLBACK_REFRESH_MS = 60_000;
/** A close code of the page's own: the socket stopped answering pings. */
const CLOSE_SILENT = 4000;
const OPEN = 1;

/** The wait before attempt `failures` (1 for the first after a drop): between half and all of the window. */
export function reconnectWaitMs(failures: number, random: () => number): number {
  const window = Math.min(LIVE_RECONNECT_MAX_MS, LIVE_RECONNECT_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(window / 2 + (random() * window) / 2);
}

/** The socket's address on the page's own origin (ws: for http:, wss: for https:). */
export function liveSocketUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}${LIVE_SOCKETS.console.path}`;
}

/** A client message without its id: the socket gives each one its own. */
export type LiveRequest = WithoutId<LiveClientMessage>;
type WithoutId<M> = M extends unknown ? Omit<M, 'id'> : never;

/** A message could not be sent or was not answered: the socket is down, it dropped, or the hub refused it. */
export class LiveRequestError extends Error {
  constructor(
    readonly reason: 'not-connected' | 'dropped' | 'timeout' | 'refused',
    /** The hub's error code when it refused the message. */
    readonly code?: string,
    detail?: string,
  ) {
    super(detail ?? `live message not answered: ${reason}`);
  }
}

/** How long the hub may take to answer a request (a claim is one commit; a busy database may be slow). */
export const LIVE_ANSWER_TIMEOUT_MS = 15_000;

export interface LiveSocket {
  state(): LiveState;
  /**
   * Sends a message and answers with the hub's reply to it (the first
   * message naming its id). Refused at once while the socket is not open:
   * a lawyer's 接听 must not wait for a reconnect and land minutes later.
   */
  request(message: LiveRequest): Promise<LiveServerMessage>;
  /** Sends a message no answer is waited for; false when the socket is not open (nothing was sent). */
  send(message: LiveRequest): boolean;
  /** Closes it for good (signing out). */
  close(): void;
}

export function openLiveSocket(opts: LiveSocketOptions): LiveSocket {
  const openSocket = opts.openSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const random = opts.random ?? Math.random;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const url = liveSocketUrl(opts.origin);

  let state: LiveState = 'connecting';
  let socket: SocketLike | null = null;
  let failures = 0;
  let pingCount = 0;
  let requestCount = 0;
  /** Requests sent and not yet answered, by id: settled by their answer, a timeout, or the socket dropping. */
  const pending = new Map<string, { settle: (m: LiveServerMessage | LiveRequestError) => void; timer: unknown }>();
  const settleAll = (reason: LiveRequestError['reason']): void => {
    for (const p of [...pending.values()]) p.settle(new LiveRequestError(reason));
  };
  const timers = { retry: null as unknown, ping: null as unknown, pong: null as unknown, fallback: null as unknown };
  const stop = (name: keyof typeof timers): void => {
    if (timers[name] !== null) clearTimer(timers[name]);
    timers[name] = null;
  };

  const setState = (next: LiveState): void => {
    if (next === state) return;
    state = next;
    opts.onState(next);
  };

  const ping = (): void => {
    if (socket === null || socket.readyState !== OPEN) return;
    socket.send(JSON.stringify({ type: 'ping', id: `p${++pingCount}` }));
    stop('pong');
    timers.pong = setTimer(() => socket?.close(CLOSE_SILENT, 'no pong'), LIVE_PONG_TIMEOUT_MS);
  };

  /** While not live: refresh now and then, as if everything had changed. */
  const fallback = (): void => {
    stop('fallback');
    timers.fallback = setTimer(() => {
      opts.onEvent({ type: 'resync' });
      fallback();
    }, LIVE_FALLBACK_REFRESH_MS);
  };

  const connect = (): void => {
    const s = openSocket(url);
    socket = s;
    let opened = false;
    s.onopen = () => {
      opened = true;
      ping();
    };
    s.onmessage = (ev) => {
      if (socket !== s || typeof ev.data !== 'string') return;
      let parsed;
      try {
        parsed = LiveServerMessage.safeParse(JSON.parse(ev.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      const answers = 'inReplyTo' in message ? message.inReplyTo : undefined;
      if (answers !== undefined) pending.get(answers)?.settle(message);
      if (message.type !== 'pong' && message.type !== 'error') opts.onMessage?.(message);
      if (message.type === 'pong') {
        stop('pong');
        if (state !== 'live') {
          // Carrying again: what was missed while it was down is read now, and the window starts small again.
          const missed = state === 'reconnecting';
          failures = 0;
          stop('fallback');
          setState('live');
          if (missed) opts.onEvent({ type: 'resync' });
        }
        stop('ping');
        timers.ping = setTimer(ping, LIVE_PING_MS);
      } else if (message.type === 'kiosk-changed' || message.type === 'alerts-changed')
        opts.onEvent({ type: message.type, kioskId: message.kioskId });
      else if (message.type === 'cases-changed') opts.onEvent({ type: 'cases-changed' });
    };
    s.onerror = () => undefined;
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = null;
      settleAll('dropped');
      stop('ping');
      stop('pong');
      if (state === 'closed') return;
      if (ev.code === LIVE_CLOSE.sessionEnded) {
        setState('closed');
        stop('fallback');
        opts.onSessionEnded();
        return;
      }
      if (!opened) opts.onRefused?.();
      failures += 1;
      if (state !== 'reconnecting') fallback();
      setState('reconnecting');
      timers.retry = setTimer(
        () => {
          timers.retry = null;
          if (state !== 'closed') connect();
        },
        reconnectWaitMs(failures, random),
      );
    };
  };

  /** The open socket's message with an id of its own, or null when it is not open. */
  const sendWithId = (message: LiveRequest): string | null => {
    if (socket === null || socket.readyState !== OPEN) return null;
    const id = `r${++requestCount}`;
    socket.send(JSON.stringify({ ...message, id }));
    return id;
  };

  connect();
  return {
    state: () => state,
    send: (message) => sendWithId(message) !== null,
    request(message) {
      const id = sendWithId(message);
      if (id === null) return Promise.reject(new LiveRequestError('not-connected'));
      return new Promise((resolve, reject) => {
        const settle = (answer: LiveServerMessage | LiveRequestError): void => {
          const entry = pending.get(id);
          if (entry === undefined) return;
          pending.delete(id);
          clearTimer(entry.timer);
          if (answer instanceof LiveRequestError) reject(answer);
          else if (answer.type === 'error') reject(new LiveRequestError('refused', answer.code, answer.message));
          else resolve(answer);
        };
        pending.set(id, {
          settle,
          timer: setTimer(() => settle(new LiveRequestError('timeout')), LIVE_ANSWER_TIMEOUT_MS),
        });
      });
    },
    close() {
      settleAll('dropped');
      setState('closed');
      for (const name of Object.keys(timers) as (keyof typeof timers)[]) stop(name);
      const s = socket;
      socket = null;
      s?.close(1000, 'signed out');
    },
  };
}
