import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { AlertsResponse } from '../../common/hub/api/alerts';
import { LIVE_CLOSE, LIVE_SOCKETS, LiveServerMessage } from '../../common/hub/api/live';
import { HEALTHY_HEARTBEAT, heartbeatWithDevices } from '../../common/hub/sample-heartbeats';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { hashPassword } from '../../hub/accounts/passwords';
import { totpCode } from '../../hub/accounts/totp';
import { migrateHub } from '../../hub/storage/migrate';
import { openHubStorage, storageTarget } from '../../hub/storage/open-storage';
import { addUser } from '../../hub/storage/users';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../hub/testing/throwaway-postgres';
import { startThrowawayRedis, type ThrowawayRedis } from '../../hub/testing/throwaway-redis';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { programArgs } from '../../hub/testing/programs';

/**
 * Two hub instances as `npm run hub` starts them, on one PostgreSQL and one
 * Redis, as a hub grows past one machine: a kiosk on instance A, the
 * console on instance B. What happens at A reaches B's console through
 * Redis (an alert opened and cleared; a kiosk revoked at B is cut off at A).
 */

const PASSWORD = 'Qu-yu-guan-li-2026!';

let pg: ThrowawayPostgres;
let redis: ThrowawayRedis;
let dataDir: string;
let dbUrl: string;
const hubs: ChildProcess[] = [];
const logs: string[] = [];

function startHub(): Promise<string> {
  const config = join(dataDir, 'hub.json');
  writeFileSync(config, JSON.stringify({ listen: { port: 0 } }));
  const child = spawn(process.execPath, [...programArgs('hub'), '--config', config, '--data-dir', dataDir], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], HUB_DATABASE_URL: dbUrl, HUB_REDIS_URL: redis.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hubs.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      logs.push(d.toString());
      const line = out.split('\n').find((l) => l.startsWith('HUB_URL='));
      if (line !== undefined) resolve(line.slice('HUB_URL='.length));
    });
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    child.on('exit', (code) => reject(new Error(`a hub exited (${code}) before it was ready:\n${logs.join('')}`)));
  });
}

/** A live socket's messages, as they come, to wait on. */
function collect(socket: WebSocket): { messages: LiveServerMessage[]; closed: Promise<number> } {
  const messages: LiveServerMessage[] = [];
  socket.on('message', (data: Buffer) => messages.push(LiveServerMessage.parse(JSON.parse(data.toString()))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return { messages, closed };
}

async function until<T>(what: string, check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`socket refused: HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

/** Signs a regional administrator in at `hub`, TOTP set up on the way; answers the session cookie. */
async function signInWithTotp(hub: string): Promise<string> {
  const post = async (path: string, body: object, cookie?: string) => {
    const res = await fetch(`${hub}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: hub,
        [HUB_REQUEST_HEADER]: '1',
        ...(cookie === undefined ? {} : { cookie }),
      },
      body: JSON.stringify(body),
    });
    return { res, body: (await res.json()) as Record<string, unknown> };
  };
  const first = await post('/api/session/sign-in', { login: 'wuhan.admin', password: PASSWORD });
  expect(first.body['outcome']).toBe('totp-setup-required');
  const cookie = first.res.headers.get('set-cookie')!.split(';')[0]!;
  const start = await post('/api/session/totp/start', {}, cookie);
  const confirm = await post(
    '/api/session/totp/confirm',
    { code: totpCode(String(start.body['secret']), new Date()) },
    cookie,
  );
  expect(confirm.body['outcome']).toBe('confirmed');
  return cookie;
}

beforeAll(async () => {
  [pg, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  dataDir = mkdtempSync(join(tmpdir(), 'hub-two-'));
  dbUrl = await pg.createDatabase('two_instances');
  const storage = await openHubStorage(storageTarget(dataDir, { HUB_DATABASE_URL: dbUrl }), { create: true });
  try {
    await migrateHub(storage, { actor: 'system' });
    await addUser(
      storage.db,
      {
        login: 'wuhan.admin',
        role: 'regional-administrator',
        regionCode: '420100',
        displayName: '武汉市管理员',
        passwordHash: await hashPassword(PASSWORD),
      },
      'hubctl',
      new Date(),
    );
  } finally {
    await storage.close();
  }
}, 60_000);

afterAll(async () => {
  for (const hub of hubs) {
    hub.kill('SIGTERM');
    if (hub.exitCode === null) await new Promise((r) => hub.once('exit', r));
  }
  await Promise.all([(pg as ThrowawayPostgres | undefined)?.stop(), (redis as ThrowawayRedis | undefined)?.stop()]);
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function seedKiosk(): Promise<{ id: number; key: KeyObject }> {
  const storage = await openHubStorage(storageTarget(dataDir, { HUB_DATABASE_URL: dbUrl }), { create: false });
  try {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const at = new Date().toISOString();
    const row = await storage.db
      .insertInto('kiosks')
      .values({
        terminal_id: 'WH-HONGSHAN-01',
        display_name: '洪山区街道服务中心',
        region_code: '420111',
        site: '洪山区街道服务中心',
        public_key: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        status: 'approved',
        enrolled_at: at,
        approved_at: at,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, key: privateKey };
  } finally {
    await storage.close();
  }
}

describe('two hub instances on one PostgreSQL and one Redis', () => {
  it('a kiosk on instance A, the console on instance B: B’s console hears A’s alert open and clear, and a revoke at B cuts the kiosk off at A', async () => {
    const [a, b] = await Promise.all([startHub(), startHub()]);
    expect(a).not.toBe(b);
    const kiosk = await seedKiosk();
    const cookie = await signInWithTotp(b);

    const console = new WebSocket(`${b.replace(/^http/, 'ws')}${LIVE_SOCKETS.console.path}`, {
      headers: { origin: b, cookie },
    });
    await opened(console);
    const heard = collect(console);

    const path = LIVE_SOCKETS.kiosk.path;
    const kioskSocket = new WebSocket(`${a.replace(/^http/, 'ws')}${path}`, {
      headers: {
        ...signRequest(kiosk.key, { method: 'GET', path, kioskId: kiosk.id, time: Date.now(), body: '' }),
        [HUB_REQUEST_HEADER]: '1',
      },
    });
    await opened(kioskSocket);
    const atKiosk = collect(kioskSocket);
    let seq = 0;
    const beat = async (report: KioskHeartbeat): Promise<void> => {
      const id = `hb-${++seq}`;
      kioskSocket.send(JSON.stringify({ type: 'heartbeat', id, report }));
      await until(`the ack of ${id} at A`, () =>
        atKiosk.messages.some((m) => m.type === 'heartbeat-ack' && m.id === id),
      );
    };
    const alertsAtB = async () => {
      const res = await fetch(`${b}/api/alerts`, { headers: { cookie, [HUB_REQUEST_HEADER]: '1' } });
      return AlertsResponse.parse(await res.json()).alerts.map((x) => [x.kioskId, x.kind]);
    };
    const alertsChangedAtB = () => heard.messages.filter((m) => m.type === 'alerts-changed' && m.kioskId === kiosk.id);

    await beat(HEALTHY_HEARTBEAT);
    // A's heartbeat reached B's console through Redis.
    await until('kiosk-changed at B', () =>
      heard.messages.some((m) => m.type === 'kiosk-changed' && m.kioskId === kiosk.id),
    );
    expect(alertsChangedAtB()).toEqual([]);

    // The printer runs out of paper at the kiosk on A: B's console is told, and B lists the alert.
    await beat(heartbeatWithDevices('ok', 'unavailable:paper-out'));
    await until('alerts-changed at B for paper out', () => alertsChangedAtB().length === 1);
    expect(await alertsAtB()).toEqual([[kiosk.id, 'printer-paper-out']]);

    // Paper is back: cleared, and told again.
    await beat(HEALTHY_HEARTBEAT);
    await until('alerts-changed at B for paper back', () => alertsChangedAtB().length === 2);
    expect(await alertsAtB()).toEqual([]);

    // Revoked at B: the kiosk's socket at A closes at once.
    const revoke = await fetch(`${b}/api/kiosks/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: b, cookie, [HUB_REQUEST_HEADER]: '1' },
      body: JSON.stringify({ kioskId: kiosk.id }),
    });
    expect(await revoke.json()).toEqual({ outcome: 'revoked' });
    expect(await atKiosk.closed).toBe(LIVE_CLOSE.kioskRevoked);
    console.close();

    // Both instances said they share events through Redis, and neither logged a secret.
    const all = logs.join('');
    expect(all.match(/live events are shared through Redis/g)).toHaveLength(2);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(cookie.split('=')[1]!);
  }, 60_000);
});
