import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_PORT, startInProcessKiosk, type InProcessKiosk } from './testing/in-process-service';

// The service as buildService assembles it, in-process: what holds the routes
// together rather than any one of them.

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-build-service-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a service built in-process', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk({ start: false });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('meets the same guard as over the socket: its own Host only, and a caller for every route', async () => {
    const { app } = kiosk.service.server;
    const health = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/health', headers });
    const foreignHost = await health({ host: 'kiosk.example:80' });
    expect(foreignHost.statusCode).toBe(403);
    expect(foreignHost.json()).toEqual({ error: { code: 'forbidden', message: 'Host is not this service' } });
    expect((await health({ host: `127.0.0.1:${GUARD_PORT}` })).statusCode).toBe(401);
    expect((await health({ host: `127.0.0.1:${GUARD_PORT}`, authorization: 'Bearer not-the-secret' })).statusCode).toBe(
      401,
    );
    expect((await kiosk.ok('health')).configName).toBe('demo.json');
    expect((await kiosk.ok('health', undefined, 'technician')).terminal.id).toBe('demo-0001');
  });

  it('opens the devices only when started', async () => {
    expect((await kiosk.ok('devices')).devices.map((d) => d.connection)).toEqual(['connecting', 'connecting']);
  });

  it('logs what the touchscreen reports, at its level, with personal data masked', async () => {
    await kiosk.ok('clientLog', {
      level: 'warn',
      screen: 'legal-aid',
      message: 'card 420111199001011234 did not fit the form',
    });
    const line = kiosk.logs().find((l) => l['source'] === 'renderer');
    expect(line).toMatchObject({ level: 'warn', screen: 'legal-aid' });
    expect(JSON.stringify(line)).not.toContain('420111199001011234');
  });
});

describe('a service whose data directory cannot be made', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-directory'), '');
    kiosk = await startInProcessKiosk({ start: false, dataDir: join(dir, 'not-a-directory', 'data') });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('says so, answers submissions and usage figures 503 with the reason, and serves the rest', async () => {
    expect(kiosk.service.dataDirReady).toBe(false);
    expect(kiosk.service.outbox).toBeUndefined();
    expect(kiosk.logs().map((l) => l['msg'])).toContain('data directory is not writable; storage is unavailable');
    const submit = await kiosk.refused('submit', {
      kind: 'rating',
      payload: { subject: 'overall', score: 5 },
      idempotencyKey: randomUUID(),
    });
    expect(submit).toEqual({
      status: 503,
      error: { code: 'unavailable', message: 'Submissions are unavailable: the data directory is not writable' },
    });
    expect(await kiosk.refused('usage', { metric: 'consultation', key: 'labour-wages' })).toEqual({
      status: 503,
      error: { code: 'unavailable', message: 'Usage figures are unavailable: the data directory is not writable' },
    });
    expect((await kiosk.ok('health')).subsystems.storage).toMatchObject({
      state: 'unavailable',
      reason: 'data-dir-not-writable',
    });
    expect((await kiosk.ok('topics')).topics.length).toBeGreaterThan(0);
  });
});

describe('a service stopped and built again on the same data directory', () => {
  const running: InProcessKiosk[] = [];
  afterEach(async () => {
    for (const k of running.splice(0)) await k.stop();
  });

  it('keeps what was submitted, and has a new boot id', async () => {
    const dataDir = tempDir();
    const first = await startInProcessKiosk({ dataDir });
    running.push(first);
    const { reference } = await first.ok('submit', {
      kind: 'rating',
      payload: { subject: 'overall', score: 4 },
      idempotencyKey: randomUUID(),
    });
    await first.stop();
    running.splice(0);
    // Closed, not just dropped: the last connection to records.db folded its log back in.
    expect(existsSync(join(dataDir, 'records.db-wal'))).toBe(false);

    const second = await startInProcessKiosk({ dataDir });
    running.push(second);
    expect(second.service.bootId).not.toBe(first.service.bootId);
    expect(await second.ok('submission', { reference }, 'technician')).toMatchObject({ reference, kind: 'rating' });
    await expect
      .poll(async () => (await second.ok('devices')).devices.map((d) => d.connection), { timeout: 15_000 })
      .toEqual(['connected', 'connected']);
  });
});
