import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { LIVE_SOCKETS, LiveServerMessage } from '../../common/hub/api/live';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';

/**
 * The simulated fleet of `npm run bench -- hub`, in a process of its own
 * (so the hub's process holds only the hub): many kiosks, each with its
 * own key and its own WebSocket, opened with the same signed headers a real
 * kiosk sends, beating with the same message. Driven by the bench over IPC:
 *   { connect: n }                  open sockets until n are open
 *   { beat: { intervalMs, ms } }    every kiosk beats every intervalMs (at a random phase) for ms
 *   { stop: true }
 * and answers each with figures.
 */

interface Kiosk {
  id: number;
  key: KeyObject;
  socket?: WebSocket;
  /** Sent heartbeats waiting for their ack: id → when sent. */
  pending: Map<string, number>;
}

const [hubUrl, keysFile] = process.argv.slice(2);
if (hubUrl === undefined || keysFile === undefined) throw new Error('usage: hub-fleet HUB_URL KEYS_FILE');
const wsOrigin = hubUrl.replace(/^http/, 'ws');
const kiosks: Kiosk[] = readFileSync(keysFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [id, der] = line.split(' ');
    return {
      id: Number(id),
      key: createPrivateKey({ key: Buffer.from(der!, 'base64'), format: 'der', type: 'pkcs8' }),
      pending: new Map(),
    };
  });

let samples: number[] = [];
let errors = 0;
let closedUnexpectedly = 0;
let messageSeq = 0;

function report(uptimeSeconds: number): KioskHeartbeat {
  return {
    appVersion: '0.1.0',
    contentVersion: '2026.12.01',
    uptimeSeconds,
    diskFreeBytes: 20e9,
    outboxDepth: 0,
    devices: [
      { device: 'printer', state: 'ready' },
      { device: 'idcard', state: 'ready' },
    ],
    lastCrash: null,
    clockOffsetMs: 0,
  };
}

function open(kiosk: Kiosk): Promise<boolean> {
  const path = LIVE_SOCKETS.kiosk.path;
  const headers = signRequest(kiosk.key, { method: 'GET', path, kioskId: kiosk.id, time: Date.now(), body: '' });
  return new Promise((resolve) => {
    const socket = new WebSocket(`${wsOrigin}${path}`, { headers: { ...headers, [HUB_REQUEST_HEADER]: '1' } });
    let settled = false;
    socket.on('open', () => {
      settled = true;
      kiosk.socket = socket;
      resolve(true);
    });
    socket.on('message', (data: Buffer) => {
      const parsed = LiveServerMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) return void errors++;
      const message = parsed.data;
      if (message.type === 'heartbeat-ack') {
        const sentAt = kiosk.pending.get(message.id);
        if (sentAt === undefined) return;
        kiosk.pending.delete(message.id);
        samples.push(performance.now() - sentAt);
      } else if (message.type === 'error') errors++;
    });
    socket.on('error', () => {
      if (!settled) {
        settled = true;
        resolve(false);
      }
    });
    socket.on('close', () => {
      if (kiosk.socket === socket) {
        kiosk.socket = undefined;
        closedUnexpectedly++;
      }
      if (!settled) {
        settled = true;
        resolve(false);
      }
    });
  });
}

/** Opens sockets until `n` are open, a bounded number at a time (as kiosks coming back do, spread out). */
async function connect(n: number): Promise<{ connected: number; failed: number; ms: number }> {
  const started = performance.now();
  const todo = kiosks.slice(0, n).filter((k) => k.socket === undefined);
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const kiosk = todo[next++]!;
      if (!(await open(kiosk))) failed++;
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const connected = kiosks.filter((k) => k.socket !== undefined).length;
  return { connected, failed, ms: Math.round(performance.now() - started) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every open kiosk beats every intervalMs, each at its own random phase, for ms; then the figures of those beats. */
async function beat(intervalMs: number, ms: number): Promise<Record<string, number>> {
  samples = [];
  errors = 0;
  closedUnexpectedly = 0;
  const timers: NodeJS.Timeout[] = [];
  let sent = 0;
  const start = performance.now();
  for (const kiosk of kiosks) {
    if (kiosk.socket === undefined) continue;
    const send = (): void => {
      const socket = kiosk.socket;
      if (socket === undefined || performance.now() - start > ms) return;
      const id = `b${++messageSeq}`;
      kiosk.pending.set(id, performance.now());
      sent++;
      socket.send(JSON.stringify({ type: 'heartbeat', id, report: report(Math.round(performance.now() / 1000)) }));
    };
    const first = setTimeout(() => {
      send();
      timers.push(setInterval(send, intervalMs));
    }, Math.random() * intervalMs);
    timers.push(first);
  }
  await new Promise((r) => setTimeout(r, ms));
  for (const t of timers) clearTimeout(t);
  // The last beats' acks.
  await new Promise((r) => setTimeout(r, 2_000));
  let unanswered = 0;
  for (const kiosk of kiosks) {
    unanswered += kiosk.pending.size;
    kiosk.pending.clear();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    sent,
    acked: sorted.length,
    unanswered,
    errors,
    closedUnexpectedly,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    ackedPerSecond: round(sorted.length / (ms / 1000)),
  };
}

process.on('message', (command: { connect?: number; beat?: { intervalMs: number; ms: number }; stop?: true }) => {
  void (async () => {
    if (command.connect !== undefined) process.send!({ connected: await connect(command.connect) });
    else if (command.beat !== undefined) process.send!({ beat: await beat(command.beat.intervalMs, command.beat.ms) });
    else if (command.stop === true) {
      for (const k of kiosks) k.socket?.terminate();
      process.exit(0);
    }
  })();
});
process.send!({ ready: kiosks.length });
