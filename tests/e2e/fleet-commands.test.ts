import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetCommandSummary } from '../../common/hub/api/fleet-commands';
import { findCommand } from '../../hub/storage/kiosk-commands';
import { openSession } from '../../hub/storage/sessions';
import { T0, useTestHub } from '../../hub/testing/test-hub';
import { saveIdentity } from '../../service/hub/hub-identity';
import { startInProcessKiosk, type InProcessKiosk } from '../../service/testing/in-process-service';
import { waitFor } from './content-update-rig';

/**
 * Fleet commands from a real hub to a real kiosk service: pushed over the
 * kiosk's live socket, or taken from a heartbeat's answer when the socket
 * is down, run once, and reported back on the signed route.
 */

/** A 1×1 PNG, as a shell's screenshot would be (the in-process service has no screen to take). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Forwards HTTP to the hub and nothing else: a WebSocket upgrade finds no one (the live socket stays down). */
async function httpOnlyProxy(hubPort: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: hubPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('fleet commands between a hub and a kiosk', () => {
  const hub = useTestHub('sqlite', { listen: true });
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(opts: { viaHttpOnly?: boolean; heartbeatIntervalMs?: number } = {}) {
    // The kiosk signs with its own clock: the hub's must be today's.
    hub.advance(Date.now() - T0.getTime());
    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    const added = await hub.addKiosk('approved');
    let hubUrl = `http://127.0.0.1:${hub.server.port}`;
    if (opts.viaHttpOnly === true) {
      const proxy = await httpOnlyProxy(hub.server.port);
      cleanup.push(() => new Promise<void>((r) => proxy.server.close(() => r())));
      hubUrl = proxy.url;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-commands-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    saveIdentity(dataDir, added.privateKey, {
      hubUrl,
      kioskId: added.id,
      keyFingerprint: 'test',
      enrolledAt: new Date().toISOString(),
      status: 'approved',
      checkedAt: new Date().toISOString(),
    });
    const shots: number[] = [];
    const kiosk: InProcessKiosk = await startInProcessKiosk({
      dataDir,
      screenshot: () => {
        shots.push(Date.now());
        return Promise.resolve(PNG);
      },
      // An hour: no beat comes by itself unless the test wants it to.
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 3_600_000,
    });
    cleanup.push(() => kiosk.stop());
    const send = async (kind: string): Promise<FleetCommandSummary> => {
      const res = await hub.call({
        method: 'POST',
        path: '/api/kiosks/commands/send',
        token,
        body: { kioskId: added.id, kind },
      });
      expect(res.statusCode).toBe(200);
      return res.json<FleetCommandSummary>();
    };
    const state = async (id: string) => (await findCommand(hub.storage.storage.db, id))!;
    return { kiosk, send, state, shots };
  }

  it('maintenance on, pushed over the live socket: the kiosk’s health says so and the result is at the hub', async () => {
    const { kiosk, send, state } = await start();
    await waitFor(async () => (await kiosk.ok('health')).subsystems.hub.state === 'ok');
    const sent = await send('maintenance-on');
    await waitFor(async () => (await state(sent.id)).command.state === 'done');
    expect((await state(sent.id)).command.resultDetail).toBe('maintenance mode on');
    expect((await kiosk.ok('health')).maintenance).toEqual({ since: expect.any(String) });
    const off = await send('maintenance-off');
    await waitFor(async () => (await state(off.id)).command.state === 'done');
    expect((await kiosk.ok('health')).maintenance).toBeUndefined();
  });

  it('with the live socket down, a command arrives in a heartbeat’s answer and its logs come back', async () => {
    const { kiosk, send, state } = await start({ viaHttpOnly: true, heartbeatIntervalMs: 200 });
    const sent = await send('collect-logs');
    await waitFor(async () => (await state(sent.id)).command.state === 'done');
    const { payload } = await state(sent.id);
    expect(payload).toMatchObject({ kind: 'logs', text: expect.stringContaining('command from the hub') });
    // Offered with no further beat: the kiosk's row says it ran once.
    expect(kiosk.logs().filter((l) => l['commandId'] === sent.id && l['msg'] === 'command from the hub')).toHaveLength(
      1,
    );
  });

  it('a screenshot sent while a session runs waits for the attract loop, then its result arrives', async () => {
    // Beats often: the waiting command is offered again and again, and is still run once.
    const { kiosk, send, state, shots } = await start({ heartbeatIntervalMs: 200 });
    await waitFor(async () => (await kiosk.ok('health')).subsystems.hub.state === 'ok');
    // A citizen is using the kiosk.
    await kiosk.ok('topics');
    const sent = await send('screenshot');
    await waitFor(() =>
      kiosk.logs().some((l) => l['commandId'] === sent.id && l['msg'] === 'command waits for the attract loop'),
    );
    expect((await state(sent.id)).command.state).toBe('delivered');
    // Offered again with beats meanwhile (it is open until its result arrives).
    await new Promise((r) => setTimeout(r, 1000));
    expect(shots).toEqual([]);
    // 结束使用: the attract loop; only now is the screen taken.
    await kiosk.ok('sessionEnd', { reason: 'finish' });
    await waitFor(async () => (await state(sent.id)).command.state === 'done');
    expect(shots).toHaveLength(1);
    expect(kiosk.logs().filter((l) => l['commandId'] === sent.id && l['msg'] === 'command from the hub')).toHaveLength(
      1,
    );
    expect((await state(sent.id)).payload).toEqual({ kind: 'png', base64: PNG.toString('base64') });
  });
});
