import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiErrorBody } from '../../common/api/errors';
import { bearerProtocol, EVENTS_PROTOCOL, ServiceEvent } from '../../common/api/events';
import { Health } from '../../common/api/health';
import { runtimeFilePath } from '../../service/runtime-file';
import { useKiosk } from './fixture';
import { startKiosk } from './harness';

const { kiosk } = useKiosk();

const api = (path: string, init: RequestInit & { secret?: boolean } = {}) => {
  const headers = new Headers(init.headers);
  if (init.secret !== false) headers.set('authorization', `Bearer ${kiosk.secret}`);
  return fetch(`${kiosk.origin}${path}`, { ...init, headers });
};

describe('local service API', () => {
  it('listens on loopback only and prints a URL carrying the secret in its fragment', () => {
    expect(kiosk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[A-Za-z0-9_-]{40,}$/);
  });

  it('answers /api/health with version, uptime, configuration and every subsystem', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const health = Health.parse(await res.json());
    expect(health.configName).toBe('demo.json');
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.subsystems.storage.state).toBe('ok');
    expect(health.subsystems.hub).toMatchObject({ state: 'off', reason: 'not-configured' });
    // The demo runs simulated devices in-process.
    expect(health.subsystems.receiptPrinter).toMatchObject({ state: 'ok', detail: 'simulated' });
    expect(health.subsystems.idCardReader).toMatchObject({ state: 'ok', detail: 'simulated' });
    expect(health.features).toHaveLength(7);
  });

  it('refuses a request without the secret: 401', async () => {
    const res = await api('/api/health', { secret: false });
    expect(res.status).toBe(401);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('unauthorized');
  });

  it('refuses a foreign Origin even with the secret: 403', async () => {
    const res = await api('/api/health', { headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    expect(ApiErrorBody.parse(await res.json()).error.message).toMatch(/Origin/);
  });

  it('refuses a rebound Host name: 403', async () => {
    // fetch() will not let us set Host, so speak HTTP directly.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: kiosk.port,
          path: '/api/health',
          headers: { host: `evil.example:${kiosk.port}`, authorization: `Bearer ${kiosk.secret}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('rejects a malformed body with 400 naming the field and what was expected', async () => {
    const res = await api('/api/client-log', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'loud', message: 'x' }),
    });
    expect(res.status).toBe(400);
    const body = ApiErrorBody.parse(await res.json());
    expect(body.error.problems).toEqual([
      { path: 'body.level', message: expect.stringMatching(/expected one of "info"\|"warn"\|"error".*got "loud"/) },
    ]);
    expect(body.error.message).toContain('body.level');
  });

  it('rejects broken JSON and a missing body with a clear 400', async () => {
    const broken = await api('/api/client-log', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"level":',
    });
    expect(broken.status).toBe(400);
    expect(ApiErrorBody.parse(await broken.json()).error.message).toMatch(/not valid JSON/);
    const missing = await api('/api/client-log', { method: 'POST' });
    expect(missing.status).toBe(400);
    expect(ApiErrorBody.parse(await missing.json()).error.problems?.[0]?.path).toBe('body');
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const res = await api('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(ApiErrorBody.parse(await res.json()).error.message).toContain('/api/nothing-here');
  });

  it('serves the UI with a CSP that forbids inline and eval’d script', async () => {
    const res = await fetch(`${kiosk.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root"');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('masks personal data before it reaches the log', async () => {
    const res = await api('/api/client-log', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'warn', message: 'card 420111199001011234 phone 13812345678', screen: 'home' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => kiosk.stdout.find((l) => l.includes('"source":"renderer"'))).toBeDefined();
    const line = kiosk.stdout.find((l) => l.includes('"source":"renderer"'))!;
    expect(JSON.parse(line)).toMatchObject({
      level: 'warn',
      screen: 'home',
      msg: 'card 420***********1234 phone 138****5678',
    });
    expect(kiosk.stdout.join('\n')).not.toContain('420111199001011234');
  });

  it('leaves a runtime file for kioskctl, readable by its owner only', () => {
    const info = JSON.parse(readFileSync(runtimeFilePath(kiosk.dataDir), 'utf8')) as { port: number; secret: string };
    expect(info.port).toBe(kiosk.port);
    expect(info.secret).toBe(kiosk.secret);
  });
});

describe('event socket', () => {
  const connect = (protocols: string[], origin?: string) =>
    new WebSocket(`ws://127.0.0.1:${kiosk.port}/api/events`, protocols, origin === undefined ? {} : { origin });

  it('greets a UI carrying the secret with hello and the current health', async () => {
    const ws = connect([EVENTS_PROTOCOL, bearerProtocol(kiosk.secret)], kiosk.origin);
    const events: ServiceEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        events.push(ServiceEvent.parse(JSON.parse(String(data))));
        if (events.length === 2) resolve();
      });
      ws.on('error', reject);
    });
    expect(ws.protocol).toBe(EVENTS_PROTOCOL);
    expect(events.map((e) => e.type)).toEqual(['hello', 'health']);
    ws.close();
  });

  it('refuses a socket without the secret (401) or from a foreign origin (403)', async () => {
    const status = (ws: WebSocket) =>
      new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status(connect([EVENTS_PROTOCOL]))).toBe(401);
    expect(await status(connect([EVENTS_PROTOCOL, bearerProtocol(kiosk.secret)], 'http://evil.example'))).toBe(403);
  });
});

describe('shutdown', () => {
  it('stops cleanly on SIGTERM and removes its runtime file', async () => {
    const own = await startKiosk();
    const file = runtimeFilePath(own.dataDir);
    expect(readFileSync(file, 'utf8')).toContain(String(own.port));
    own.child.kill('SIGTERM');
    expect(await own.exited).toBe(0);
    expect(() => readFileSync(file)).toThrow();
    await own.stop();
  });
});

describe('records database', () => {
  it('is created in the data directory in WAL mode at start', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    expect(existsSync(join(kiosk.dataDir, 'records.db'))).toBe(true);
    expect(existsSync(join(kiosk.dataDir, 'records.db-wal'))).toBe(true);
  });

  it('written by a newer version is refused: storage is reported unavailable, the kiosk still serves', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-newer-'));
    const db = new Database(join(dataDir, 'records.db'));
    db.pragma('user_version = 99');
    db.close();
    const own = await startKiosk({ dataDir });
    try {
      const res = await fetch(`${own.origin}/api/health`, { headers: { authorization: `Bearer ${own.secret}` } });
      const health = Health.parse(await res.json());
      expect(health.subsystems.storage).toMatchObject({ state: 'unavailable', reason: 'records-too-new' });
      expect(health.subsystems.storage.detail).toMatch(/schema version 99, but this kiosk software supports up to \d+/);
      expect(health.subsystems.content.state).toBe('ok');
    } finally {
      await own.stop();
    }
  });
});
