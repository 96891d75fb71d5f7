import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { LIVE_SOCKETS, LiveServerMessage } from '../../common/hub/api/live';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { ORIGIN, type TestHub, type TestKiosk } from './test-hub';

/**
 * Real `ws` clients of a listening test hub's live sockets, as a kiosk
 * and a console would open them, with what they heard kept in order.
 */

export interface LiveClient {
  ws: WebSocket;
  /** Every message the hub sent, parsed against the contract (a message outside it fails the test). */
  heard: LiveServerMessage[];
  send(message: unknown): void;
  /** The next message heard (or already heard, unread) that matches. */
  next(match?: (m: LiveServerMessage) => boolean, timeoutMs?: number): Promise<LiveServerMessage>;
  /** Resolves with the close code and reason once the hub closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
}

/** The upgrade was refused with this HTTP status. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused: HTTP ${status}`);
  }
}

/** Opens a socket at `path` of the hub with these headers and nothing else. */
export function openLive(hub: TestHub, path: string, headers: Record<string, string>): Promise<LiveClient> {
  return open(urlOf(hub, path), headers);
}

function open(url: string, headers: Record<string, string>): Promise<LiveClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const heard: LiveServerMessage[] = [];
    const waiters: (() => void)[] = [];
    let read = 0;
    ws.on('message', (data) => {
      heard.push(LiveServerMessage.parse(JSON.parse(String(data))));
      for (const w of waiters.splice(0)) w();
    });
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => {
        done({ code, reason: reason.toString() });
        for (const w of waiters.splice(0)) w();
      }),
    );
    ws.on('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0));
      res.resume();
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
    ws.on('open', () =>
      resolve({
        ws,
        heard,
        closed,
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
        next(match = () => true, timeoutMs = 5000) {
          // Made here, so a timeout points at the test line that waited.
          const silence = new Error(`nothing heard in ${timeoutMs} ms`);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(silence), timeoutMs);
            const look = (): void => {
              while (read < heard.length) {
                const m = heard[read++]!;
                if (match(m)) {
                  clearTimeout(timer);
                  return done(m);
                }
              }
              if (ws.readyState === ws.CLOSED) {
                clearTimeout(timer);
                return fail(new Error('the socket closed'));
              }
              waiters.push(look);
            };
            look();
          });
        },
      }),
    );
  });
}

const urlOf = (hub: TestHub, path: string, port = hub.server.port) => `ws://127.0.0.1:${port}${path}`;

/** A kiosk's socket (or another path, signed for it), signed with `as`'s key (default its own) at the hub's time. */
export function kioskSocket(
  hub: TestHub,
  kiosk: TestKiosk,
  opts: {
    as?: TestKiosk;
    time?: number;
    nonce?: string;
    headers?: Record<string, string>;
    path?: string;
    /** Another instance's (default the test hub's). */
    port?: number;
  } = {},
): Promise<LiveClient> {
  const path = opts.path ?? LIVE_SOCKETS.kiosk.path;
  const signed = signRequest((opts.as ?? kiosk).privateKey, {
    method: 'GET',
    path,
    kioskId: kiosk.id,
    time: opts.time ?? hub.now().getTime(),
    body: '',
    ...(opts.nonce === undefined ? {} : { nonce: opts.nonce }),
  });
  return open(urlOf(hub, path, opts.port), { [HUB_REQUEST_HEADER]: '1', ...signed, ...opts.headers });
}

/**
 * A kiosk's socket on a hub reached by its origin (a hub process, not the
 * test hub in this process): signed with the kiosk's key at this machine's time.
 */
export function kioskSocketAt(origin: string, kiosk: { id: number; privateKey: KeyObject }): Promise<LiveClient> {
  const path = LIVE_SOCKETS.kiosk.path;
  const signed = signRequest(kiosk.privateKey, { method: 'GET', path, kioskId: kiosk.id, time: Date.now(), body: '' });
  return open(`${origin.replace(/^http/, 'ws')}${path}`, { [HUB_REQUEST_HEADER]: '1', ...signed });
}

/** A console's socket on a hub reached by its origin (a hub process), with a session's token, from the hub's own page. */
export function consoleSocketAt(origin: string, token: string): Promise<LiveClient> {
  return open(`${origin.replace(/^http/, 'ws')}${LIVE_SOCKETS.console.path}`, {
    origin,
    cookie: `hub-session=${token}`,
  });
}

/** A console's socket with a session's cookie, from the hub's own page unless told (null: no Origin). */
export function consoleSocket(
  hub: TestHub,
  token: string | undefined,
  opts: { origin?: string | null; headers?: Record<string, string>; port?: number } = {},
): Promise<LiveClient> {
  const headers: Record<string, string> = { ...opts.headers };
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null) headers['origin'] = origin;
  if (token !== undefined) headers['cookie'] = `hub-session=${token}`;
  return open(urlOf(hub, LIVE_SOCKETS.console.path, opts.port), headers);
}

/** The HTTP status an upgrade was refused with, or `open` (then closed). */
export async function upgradeOutcome(opening: Promise<LiveClient>): Promise<number | 'open'> {
  try {
    const client = await opening;
    client.ws.close();
    return 'open';
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

export const SAMPLE_REPORT = {
  appVersion: '0.1.0',
  contentVersion: '2026.03.01',
  uptimeSeconds: 120,
  diskFreeBytes: 5_000_000_000,
  outboxDepth: 3,
  devices: [{ device: 'printer', state: 'ok' }],
  lastCrash: null,
  clockOffsetMs: 0,
};
