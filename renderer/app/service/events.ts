import { EVENTS_PATH } from '../../../common/api/contract';
import { EVENTS_PROTOCOL, ServiceEvent, bearerProtocol } from '../../../common/api/events';

/** `ws://host:port/api/events` for a page served from `http://host:port/`. */
export function eventsUrl(origin: string): string {
  const url = new URL(EVENTS_PATH, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** A message from the socket as a {@link ServiceEvent}, or null if it is not one. */
export function parseServiceEvent(data: unknown): ServiceEvent | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = ServiceEvent.safeParse(json);
  return parsed.success ? parsed.data : null;
}

// The service is local, so reconnecting fast costs nothing; the cap keeps a
// restarted service noticed within the 2 s the restoring screen promises.
const FIRST_DELAY_MS = 250;
export const MAX_RECONNECT_DELAY_MS = 2000;

/** Wait before reconnect attempt `attempt` (0-based): 250 ms doubling, capped at 2 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_RECONNECT_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
}

type WebSocketLike = Pick<WebSocket, 'close'> & {
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
};

export interface EventStreamOptions {
  url: string;
  /** null when the shell's cookie carries it (the browser sends cookies on a WebSocket too). */
  secret: string | null;
  onEvent(event: ServiceEvent): void;
  onOpen?(): void;
  /** Called once per lost (or failed) connection, before the next attempt is scheduled. */
  onClose?(): void;
  /** A message that is not a valid {@link ServiceEvent}: the service and UI disagree. */
  onInvalidMessage?(data: unknown): void;
  WebSocketImpl?: new (url: string, protocols: string[]) => WebSocketLike;
}

export interface EventStream {
  close(): void;
}

/** Keeps a WebSocket to the service open, reconnecting with backoff until closed. */
export function openEventStream(options: EventStreamOptions): EventStream {
  const Impl = options.WebSocketImpl ?? WebSocket;
  let socket: WebSocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let closed = false;

  const connect = (): void => {
    timer = null;
    if (closed) return;
    let ws: WebSocketLike;
    try {
      // Browsers cannot set headers on a WebSocket; the secret rides as a subprotocol.
      ws = new Impl(
        options.url,
        options.secret === null ? [EVENTS_PROTOCOL] : [EVENTS_PROTOCOL, bearerProtocol(options.secret)],
      );
    } catch {
      // Only a malformed URL throws here; report it like a failed connection.
      options.onClose?.();
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      options.onOpen?.();
    };
    ws.onmessage = (ev) => {
      const event = parseServiceEvent(ev.data);
      if (event) options.onEvent(event);
      else options.onInvalidMessage?.(ev.data);
    };
    // `error` is always followed by `close`; reconnecting happens there, once.
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      options.onClose?.();
      scheduleReconnect();
    };
  };

  const scheduleReconnect = (): void => {
    if (closed || timer !== null) return;
    timer = setTimeout(connect, reconnectDelay(attempt));
    attempt += 1;
  };

  connect();

  return {
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      ws?.close();
    },
  };
}
