import type { Logger } from 'pino';
import WebSocket from 'ws';
import { ApiErrorBody } from '../../common/api/errors';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import type { HeartbeatResponse, KioskHeartbeat } from '../../common/hub/api/kiosks';
import {
  LIVE_CLOSE,
  LIVE_MAX_MESSAGE_BYTES,
  LIVE_SOCKETS,
  LiveServerMessage,
  type LiveClientMessage,
} from '../../common/hub/api/live';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { HEARTBEAT_MAX_BACKOFF_MS } from './heartbeat-sender';
import { HubRefusedError, HubUnreachableError } from './hub-client';
import type { KioskIdentity } from './hub-identity';

/**
 * The kiosk's one WebSocket to its hub (common/hub/api/live.ts), opened
 * once it is enrolled, with its signed-request headers. Heartbeats go over
 * it while it is open; the heartbeat sender falls back to HTTP when it is
 * not, so nothing waits for it. When it closes or cannot open, it is
 * opened again after a wait drawn at random between nothing and a window
 * that doubles with each failure in a row, up to ten minutes ("full
 * jitter"): after a hub restarts, its kiosks come back spread over the
 * window instead of in the same second. The window starts small again
 * once a heartbeat has been acknowledged on a socket (a healthy one, not
 * merely one that opened).
 */

/** The first reconnect comes within this long; each failure in a row doubles it. */
export const RECONNECT_BASE_MS = 10_000;
const ACK_TIMEOUT_MS = 15_000;
const HANDSHAKE_TIMEOUT_MS = 15_000;

/** The wait before reconnect attempt `failures` (0 after the first failure): uniform in [0, min(cap, base·2^failures)). */
export function reconnectDelay(failures: number, random: number): number {
  const window = Math.min(HEARTBEAT_MAX_BACKOFF_MS, RECONNECT_BASE_MS * 2 ** Math.min(failures, 20));
  return Math.floor(random * window);
}

/** While a call waits or runs: at least this long between attempts, so a hub that refuses at once is not hammered… */
export const CALL_RECONNECT_MIN_MS = 250;
/** …then a window of a second, doubling per failure up to this: every wait stays well inside the hub's grace for a caller. */
export const CALL_RECONNECT_BASE_MS = 1_000;
export const CALL_RECONNECT_MAX_WINDOW_MS = 4_000;

/** The wait before a reconnect while a call waits or runs: CALL_RECONNECT_MIN_MS plus a uniform draw over a window of 1–4 s. */
export function callReconnectDelay(failures: number, random: number): number {
  const window = Math.min(CALL_RECONNECT_MAX_WINDOW_MS, CALL_RECONNECT_BASE_MS * 2 ** Math.min(failures, 20));
  return CALL_RECONNECT_MIN_MS + Math.floor(random * window);
}

export type HubLinkState =
  /** Not enrolled, or stopped. */
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** The hub did not answer the last attempt (network, TLS, timeout, a 5xx). */
  | { kind: 'unreachable'; detail: string }
  /** The hub refused this kiosk (revoked, not approved yet, a key it does not know): the hub's words. */
  | { kind: 'refused'; detail: string };

export interface HubLinkOptions {
  logger: Logger;
  /** 0 ≤ x < 1; a test passes its own. */
  random?: () => number;
  ackTimeoutMs?: number;
  /** Told each reconnect wait as it is drawn (tests, to see the spread). */
  onReconnectWait?: (ms: number) => void;
}

interface Waiting {
  resolve: (answer: HeartbeatResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const identityKey = (i: KioskIdentity): string => `${i.enrollment.hubUrl} ${i.enrollment.kioskId}`;

export class HubLink {
  private identity: KioskIdentity | undefined;
  private ws: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  /**
   * Failures while a call waits or runs, counted apart: the quick tries of a
   * call do not widen the long window the kiosk falls back to afterwards,
   * or a hub away for twenty seconds during a call would leave the kiosk
   * waiting up to ten minutes once the call is over.
   */
  private urgentFailures = 0;
  private current: HubLinkState = { kind: 'idle' };
  private readonly waiting = new Map<string, Waiting>();
  private sent = 0;
  /** When the pending reconnect is due (ms since the epoch), while one is. */
  private reconnectAt: number | undefined;
  private urgent = false;
  private readonly messageListeners = new Set<(message: LiveServerMessage) => void>();
  private readonly openListeners = new Set<(open: boolean) => void>();

  constructor(private readonly opts: HubLinkOptions) {}

  state(): HubLinkState {
    return this.current;
  }

  isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.current.kind === 'connected';
  }

  /**
   * Keeps a socket open for this identity (asked at every beat, so a kiosk
   * enrolled while the service runs connects without a restart); undefined
   * (not enrolled) or another identity closes the one there was.
   */
  use(identity: KioskIdentity | undefined): void {
    if (identity !== undefined && this.identity !== undefined && identityKey(identity) === identityKey(this.identity))
      return;
    this.stop();
    this.identity = identity;
    if (identity !== undefined) this.connect();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.reconnectAt = undefined;
    const wasOpen = this.isOpen();
    const ws = this.ws;
    this.ws = undefined;
    this.identity = undefined;
    this.current = { kind: 'idle' };
    this.failures = 0;
    this.urgentFailures = 0;
    ws?.removeAllListeners();
    ws?.on('error', () => undefined);
    ws?.terminate();
    this.failAll(new HubUnreachableError('the link to the hub was closed'));
    if (wasOpen) this.tellOpen(false);
  }

  /**
   * A call waits or runs (true) or not (false): while one does, a lost
   * socket is opened again within seconds (callReconnectDelay). Turned on
   * while a long wait is pending, the socket is tried again now-ish instead.
   */
  setUrgent(urgent: boolean): void {
    if (this.urgent === urgent) return;
    this.urgent = urgent;
    if (!urgent || this.reconnectAt === undefined || this.current.kind === 'refused') return;
    const soon = callReconnectDelay(0, (this.opts.random ?? Math.random)());
    if (this.reconnectAt - Date.now() <= soon) return;
    this.scheduleReconnect(soon);
  }

  isUrgent(): boolean {
    return this.urgent;
  }

  /**
   * Sends a message of the live protocol (a call's request, signal, end…)
   * if the socket is open; false when it is not (the caller decides whether
   * to hold it for the next socket).
   */
  send(message: Exclude<LiveClientMessage, { type: 'heartbeat' }>): boolean {
    const ws = this.ws;
    if (ws === undefined || !this.isOpen()) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  /** A fresh id for a message this kiosk sends (the hub's answer names it). */
  nextMessageId(prefix: string): string {
    return `${prefix}-${++this.sent}`;
  }

  /** Hears every message from the hub but heartbeat acknowledgements; returns the unsubscribe. */
  onMessage(listener: (message: LiveServerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Told true each time a socket opens and false when an open one is lost; returns the unsubscribe. */
  onOpenChange(listener: (open: boolean) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  private tellOpen(open: boolean): void {
    for (const listener of [...this.openListeners]) {
      try {
        listener(open);
      } catch (error) {
        this.opts.logger.error({ err: error }, 'a listener of the hub link failed');
      }
    }
  }

  private scheduleReconnect(wait: number): void {
    clearTimeout(this.timer);
    this.opts.onReconnectWait?.(wait);
    this.reconnectAt = Date.now() + wait;
    this.timer = setTimeout(() => {
      this.reconnectAt = undefined;
      this.connect();
    }, wait);
    this.timer.unref();
  }

  /** Sends a heartbeat over the socket and answers once the hub has committed it. */
  heartbeat(report: KioskHeartbeat): Promise<HeartbeatResponse> {
    const ws = this.ws;
    if (ws === undefined || !this.isOpen()) return Promise.reject(new HubUnreachableError('no socket to the hub'));
    const id = this.nextMessageId('b');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new HubUnreachableError('the hub did not acknowledge the heartbeat in time'));
      }, this.opts.ackTimeoutMs ?? ACK_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ type: 'heartbeat', id, report }));
    });
  }

  private failAll(error: Error): void {
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      this.waiting.delete(id);
      w.reject(error);
    }
  }

  private connect(): void {
    const identity = this.identity;
    if (identity === undefined) return;
    const { path } = LIVE_SOCKETS.kiosk;
    const url = new URL(path, identity.enrollment.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const headers = {
      [HUB_REQUEST_HEADER]: '1',
      ...signRequest(identity.privateKey, {
        method: 'GET',
        path,
        kioskId: identity.enrollment.kioskId,
        time: Date.now(),
        body: '',
      }),
    };
    if (this.current.kind === 'idle') this.current = { kind: 'connecting' };
    const ws = new WebSocket(url, {
      headers,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      maxPayload: LIVE_MAX_MESSAGE_BYTES * 4,
      followRedirects: false,
    });
    this.ws = ws;
    // Set by the attempt's outcome; 'close' comes last and schedules the next.
    let outcome: HubLinkState | undefined;

    ws.on('open', () => {
      this.current = { kind: 'connected' };
      this.opts.logger.info('connected to the hub');
      this.tellOpen(true);
    });
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.length < 4 && chunks.push(c));
      res.on('end', () => {
        const body = ApiErrorBody.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
        const said = body.success ? body.data.error.message : `HTTP ${status}`;
        outcome =
          status === 401 || status === 403
            ? { kind: 'refused', detail: said }
            : { kind: 'unreachable', detail: `the hub answered the socket with ${said}` };
        ws.terminate();
      });
      res.on('error', () => ws.terminate());
    });
    ws.on('error', (error) => {
      outcome ??= { kind: 'unreachable', detail: `the hub at ${url.origin} does not answer: ${error.message}` };
    });
    ws.on('message', (data) => this.hear(String(data)));
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      const wasOpen = this.current.kind === 'connected';
      this.ws = undefined;
      this.failAll(new HubUnreachableError(`the socket to the hub closed (${code})`));
      if (code === LIVE_CLOSE.kioskRevoked) outcome = { kind: 'refused', detail: reason.toString() || 'kiosk revoked' };
      const next = outcome ?? { kind: 'connecting' };
      if (next.kind !== this.current.kind) this.report(next);
      this.current = next;
      if (this.urgent) this.urgentFailures++;
      else this.failures++;
      const random = (this.opts.random ?? Math.random)();
      // A refusal will not mend itself soon (an administrator must act): ask again after five to ten minutes, call or not.
      const wait =
        next.kind === 'refused'
          ? Math.floor(HEARTBEAT_MAX_BACKOFF_MS * (0.5 + random / 2))
          : this.urgent
            ? callReconnectDelay(this.urgentFailures - 1, random)
            : reconnectDelay(Math.max(0, this.failures - 1), random);
      this.scheduleReconnect(wait);
      if (wasOpen) this.tellOpen(false);
    });
  }

  private report(state: HubLinkState): void {
    if (state.kind === 'refused')
      this.opts.logger.warn({ detail: state.detail }, 'the hub refused this kiosk’s socket');
    else if (state.kind === 'unreachable')
      this.opts.logger.warn({ detail: state.detail }, 'no socket to the hub; heartbeats go over HTTP meanwhile');
    else if (state.kind === 'connecting') this.opts.logger.info('the socket to the hub closed; reconnecting');
  }

  private hear(text: string): void {
    const parsed = LiveServerMessage.safeParse(safeJson(text));
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.type === 'heartbeat-ack') {
      const w = this.waiting.get(m.id);
      if (w === undefined) return;
      this.waiting.delete(m.id);
      clearTimeout(w.timer);
      // A heartbeat went through: the socket is healthy, and the next reconnect starts from the smallest window.
      this.failures = 0;
      this.urgentFailures = 0;
      w.resolve({
        receivedAt: m.receivedAt,
        ...(m.usageDaysStored === undefined ? {} : { usageDaysStored: m.usageDaysStored }),
        ...(m.releaseEventsStored === undefined ? {} : { releaseEventsStored: m.releaseEventsStored }),
        ...(m.allowedRelease === undefined ? {} : { allowedRelease: m.allowedRelease }),
        ...(m.commands === undefined ? {} : { commands: m.commands }),
      });
    } else if (m.type === 'error' && m.inReplyTo !== undefined && this.waiting.has(m.inReplyTo)) {
      const w = this.waiting.get(m.inReplyTo)!;
      this.waiting.delete(m.inReplyTo);
      clearTimeout(w.timer);
      w.reject(new HubRefusedError(0, m.message));
    } else {
      for (const listener of [...this.messageListeners]) {
        try {
          listener(m);
        } catch (error) {
          this.opts.logger.error({ err: error, type: m.type }, 'a listener of the hub link failed');
        }
      }
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
