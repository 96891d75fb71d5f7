import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IceConfig } from '../../common/hub/api/calls';
import { iceConfigFor } from '../calls/turn-credentials';

/**
 * A TURN server of a test's own, from Debian's `turnserver` (package
 * coturn): on loopback only, on a free port, with the TURN REST scheme the
 * hub's credentials use (`use-auth-secret`), relaying to loopback peers (a
 * production server refuses those), no TLS, no admin CLI, no daemon, its
 * pid file and user database in a temporary directory deleted by stop().
 * restart() takes it away for a while and brings it back on the SAME port,
 * as when the real one restarts: allocations are lost, and calls through it
 * must recover by an ICE restart.
 */
export interface ThrowawayCoturn {
  readonly port: number;
  /** turn:127.0.0.1:PORT?transport=udp */
  readonly url: string;
  /** Its static-auth-secret. */
  readonly secret: string;
  /** What the hub would hand to `who`: credentials for this server living `ttlSeconds`, relay forced. */
  iceConfig(who: string, ttlSeconds?: number): IceConfig;
  /** Kills it (SIGKILL: an outage, not a shutdown), waits `downMs`, starts it on the same port; resolves once it answers. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export class CoturnMissingError extends Error {}

const REALM = 'kiosk.test';

/** A loopback port free for both UDP and TCP (coturn listens on both). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const tcp = createServer();
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => tcp.close(() => resolve(true)));
    });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcpFree) return port;
  }
  throw new Error('found no loopback port free for both UDP and TCP in 20 tries');
}

/** Whether a STUN Binding request to the port is answered within `timeoutMs` (RFC 5389: 20-byte header, magic cookie). */
export function answersStun(port: number, timeoutMs = 300): Promise<boolean> {
  const transaction = randomBytes(12);
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request
  request.writeUInt16BE(0, 2); // no attributes
  request.writeUInt32BE(0x2112a442, 4);
  transaction.copy(request, 8);
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    let finished = false;
    const done = (answered: boolean): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (message) => {
      // A Binding success response (0x0101) to this very transaction.
      if (message.length >= 20 && message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(transaction))
        done(true);
    });
    // Nothing listening: the ICMP "port unreachable" comes back as an error.
    socket.on('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}

function launch(dir: string, port: number, secret: string): Promise<ChildProcess> {
  const child = spawn(
    'turnserver',
    [
      '-n', // no configuration file: only these options
      `--listening-port=${port}`,
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      `--realm=${REALM}`,
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--fingerprint',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      `--userdb=${join(dir, 'turndb')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(error);
    };
    child.on('error', (error) =>
      fail(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new CoturnMissingError(
              'turnserver is not installed, so the TURN relay tests cannot run: apt-get install coturn',
            )
          : error,
      ),
    );
    child.on('exit', (code) => fail(new Error(`turnserver exited (${code}) before it answered:\n${output}`)));
    // It logs no "listening" line: it is ready when it answers a STUN Binding request.
    void (async () => {
      const deadline = Date.now() + 10_000;
      while (!settled && Date.now() < deadline) {
        if (await answersStun(port)) {
          settled = true;
          return resolve(child);
        }
        await sleep(50);
      }
      fail(new Error(`turnserver did not answer on 127.0.0.1:${port} within 10 s:\n${output}`));
    })();
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startThrowawayCoturn(): Promise<ThrowawayCoturn> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-coturn-'));
  const secret = randomBytes(18).toString('base64url');
  const port = await freePort();
  let child: ChildProcess | undefined;
  try {
    child = await launch(dir, port, secret);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `turn:127.0.0.1:${port}?transport=udp`;
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child === undefined) return;
    const c = child;
    child = undefined;
    c.kill(signal);
    await ended(c);
  };
  return {
    port,
    url,
    secret,
    iceConfig: (who, ttlSeconds = 600) =>
      iceConfigFor({ urls: [url], secret, ttlSeconds, relayOnly: true }, who, new Date()),
    async restart(downMs) {
      await kill('SIGKILL');
      await sleep(downMs);
      child = await launch(dir, port, secret);
    },
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
