import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WebSocketServer, type WebSocket } from 'ws';
import { CallSignal, type IceConfig } from '../../../common/hub/api/calls';
import { findChromium } from '../../../scripts/lib/chromium';
import type {
  MediaStatsSnapshot,
  PeerNegotiation,
  PeerReport,
  PeerRole,
  PeerStartOptions,
  PeerTracks,
} from './rig-protocol';

/**
 * Two ends of a video call in two separate Chromium processes, with the
 * test process in the middle as the signaling server: a page that runs
 * ui/call's session (call-page.ts, bundled here with esbuild), a WebSocket
 * relay that passes CallSignal messages between the two ends of a room (and
 * can hold them, to make offers cross), and an endpoint that hands out
 * fresh ICE credentials, as the hub does before an ICE restart. Used by the
 * call media tests and by `npm run bench -- call`.
 *
 * Page-side code is called as text (`window.callRig.…`): this file is also
 * type-checked as Node code, without the DOM's types.
 */

/** Chromium with a fake camera and microphone that it grants without asking, sound that plays without a tap, and plain IP candidates (mDNS names may not resolve across two browsers). */
export const CALL_CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const PAGE_HTML = `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>通话测试</title>
<video id="remote" autoplay playsinline width="320" height="240"></video>
<video id="local" autoplay playsinline muted width="160" height="120"></video>
<video id="loopback" autoplay playsinline muted width="160" height="120"></video>
<script src="/call-page.js"></script>
</html>`;

interface Relayed {
  room: string;
  from: PeerRole;
  signal: CallSignal;
}

const other = (role: PeerRole): PeerRole => (role === 'polite' ? 'impolite' : 'polite');

/**
 * Passes each end's signals to the other end of its room, as the hub does:
 * checked against the contract (a signal the hub would refuse is counted in
 * `rejected` and dropped), kept for an end that has not connected yet, and
 * held back altogether while `hold()` is on.
 */
export class SignalRelay {
  /** Every signal passed on (or held), in order. */
  readonly log: Relayed[] = [];
  /** Messages that were not a CallSignal. */
  readonly rejected: string[] = [];
  private readonly rooms = new Map<string, { sockets: Map<PeerRole, WebSocket>; waiting: Map<PeerRole, string[]> }>();
  private holding = false;
  private readonly held: { room: string; to: PeerRole; message: string }[] = [];

  attach(socket: WebSocket, room: string, role: PeerRole): void {
    const r = this.room(room);
    r.sockets.set(role, socket);
    for (const message of r.waiting.get(role)?.splice(0) ?? []) socket.send(message);
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      let parsed: ReturnType<typeof CallSignal.safeParse>;
      try {
        parsed = CallSignal.safeParse(JSON.parse(text));
      } catch {
        return void this.rejected.push(text);
      }
      if (!parsed.success) return void this.rejected.push(`${text.slice(0, 200)}: ${parsed.error.message}`);
      this.log.push({ room, from: role, signal: parsed.data });
      if (this.holding) this.held.push({ room, to: other(role), message: text });
      else this.deliver(room, other(role), text);
    });
    socket.on('close', () => {
      if (r.sockets.get(role) === socket) r.sockets.delete(role);
    });
  }

  /** Keeps every signal back from now on, until release(). */
  hold(): void {
    this.holding = true;
  }

  /** Sends what was held, in order, and passes signals on again. */
  release(): void {
    this.holding = false;
    for (const { room, to, message } of this.held.splice(0)) this.deliver(room, to, message);
  }

  /** Offers `from` sent in `room` so far. */
  offers(room: string, from: PeerRole): number {
    return this.log.filter(
      (r) => r.room === room && r.from === from && 'description' in r.signal && r.signal.description.type === 'offer',
    ).length;
  }

  private room(name: string) {
    let r = this.rooms.get(name);
    if (r === undefined) {
      r = { sockets: new Map(), waiting: new Map([...(['polite', 'impolite'] as const)].map((p) => [p, []])) };
      this.rooms.set(name, r);
    }
    return r;
  }

  private deliver(room: string, to: PeerRole, message: string): void {
    const r = this.room(room);
    const socket = r.sockets.get(to);
    if (socket !== undefined && socket.readyState === socket.OPEN) socket.send(message);
    else r.waiting.get(to)!.push(message);
  }
}

/** One end of a call: a page of its own in one of the rig's browsers. */
export class CallPeer {
  constructor(
    readonly role: PeerRole,
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  private call<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(`window.callRig.${expression}`);
  }

  start(opts: Omit<PeerStartOptions, 'role'>): Promise<void> {
    return this.call(`start(${JSON.stringify({ ...opts, role: this.role })})`);
  }
  report(): Promise<PeerReport> {
    return this.call('report()');
  }
  async state(): Promise<string | undefined> {
    return (await this.report()).states.at(-1)?.state;
  }
  stats(): Promise<MediaStatsSnapshot> {
    return this.call('stats()');
  }
  addTransceiver(kind: 'audio' | 'video'): Promise<void> {
    return this.call(`addTransceiver(${JSON.stringify(kind)})`);
  }
  negotiation(): Promise<PeerNegotiation> {
    return this.call('negotiation()');
  }
  setMuted(muted: boolean): Promise<void> {
    return this.call(`setMuted(${muted})`);
  }
  microphoneEnabled(): Promise<boolean[]> {
    return this.call('microphoneEnabled()');
  }
  close(): Promise<void> {
    return this.call('close()');
  }
  tracks(): Promise<PeerTracks> {
    return this.call('tracks()');
  }
  frameAfter(epochMs: number): Promise<number> {
    return this.call(`frameAfter(${epochMs})`);
  }
  loopbackFirstFrameMs(): Promise<number> {
    return this.call('loopbackFirstFrameMs()');
  }
  /** Closes the page's browser context (the session with it, if still open). */
  dispose(): Promise<void> {
    return this.context.close();
  }
}

export interface CallRig {
  readonly origin: string;
  readonly relay: SignalRelay;
  /** Where a page asks for fresh ICE credentials for `who`, answered by `source` (set by setIceSource). */
  renewIceUrl(who: string): string;
  /** Where a page asks for fresh ICE credentials and never hears back (a hub that is away). */
  readonly unansweredIceUrl: string;
  setIceSource(source: (who: string) => IceConfig): void;
  /** A fresh page for one end, in that end's own browser. */
  peer(role: PeerRole): Promise<CallPeer>;
  /** A blank page in a context of its own in that end's browser, for a real page elsewhere (the lawyer's console); closing its context is the caller's. */
  blankPage(role: PeerRole): Promise<Page>;
  stop(): Promise<void>;
}

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'call-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

export interface CallRigOptions {
  /**
   * The ends the rig runs a browser for; both by default. One alone when
   * the other end is a real page elsewhere (the lawyer's console against
   * the hub): its signals reach the relay from whoever stands in for it.
   */
  ends?: readonly PeerRole[];
}

export async function startCallRig(opts: CallRigOptions = {}): Promise<CallRig> {
  const executablePath = findChromium(process.env);
  if (executablePath === undefined) throw new Error('Chromium is not installed: apt-get install chromium');
  const script = await bundlePage();
  let iceSource: ((who: string) => IceConfig) | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
    } else if (url.pathname === '/call-page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (url.pathname === '/ice-unanswered') {
      // Left open until the rig stops.
    } else if (url.pathname === '/ice' && iceSource !== undefined) {
      const config = iceSource(url.searchParams.get('who') ?? 'unknown');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(config));
    } else {
      res.writeHead(404).end();
    }
  });
  const relay = new SignalRelay();
  const sockets = new WebSocketServer({ server, path: '/signal' });
  sockets.on('connection', (socket, req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const room = url.searchParams.get('room');
    const role = url.searchParams.get('role');
    if (room === null || (role !== 'polite' && role !== 'impolite')) return socket.close(1008, 'room and role needed');
    relay.attach(socket, room, role);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const args = [...CALL_CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  // A browser process per end, as a kiosk and a lawyer's console are two machines.
  const browsers = new Map<PeerRole, Browser>();
  try {
    for (const role of opts.ends ?? (['impolite', 'polite'] as const))
      browsers.set(role, await chromium.launch({ executablePath, headless: true, args }));
  } catch (error) {
    await Promise.all([...browsers.values()].map((b) => b.close()));
    server.close();
    throw error;
  }

  return {
    origin,
    relay,
    renewIceUrl: (who) => `${origin}/ice?who=${encodeURIComponent(who)}`,
    unansweredIceUrl: `${origin}/ice-unanswered`,
    setIceSource(source) {
      iceSource = source;
    },
    async blankPage(role) {
      const browser = browsers.get(role);
      if (browser === undefined) throw new Error(`this rig runs no browser for the ${role} end`);
      return (await browser.newContext()).newPage();
    },
    async peer(role) {
      const browser = browsers.get(role);
      if (browser === undefined) throw new Error(`this rig runs no browser for the ${role} end`);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction('window.callRig !== undefined');
      return new CallPeer(role, page, context);
    },
    async stop() {
      await Promise.all([...browsers.values()].map((b) => b.close()));
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `read` until `done` says yes, or fails after `timeoutMs` saying what was last read. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
}
