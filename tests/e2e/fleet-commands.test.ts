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
    const kiosk: InProcessKiosk = await startInProcessKiosk({
      dataDir,
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
    return { kiosk, send, state };
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

  it('a kiosk with no shell able to take the screen answers a screenshot unsupported', async () => {
    // Taking it, while a session runs and after, is fleet-screenshot.test.ts's: the shell's socket, and Chromium.
    const { kiosk, send, state } = await start();
    await waitFor(async () => (await kiosk.ok('health')).subsystems.hub.state === 'ok');
    const sent = await send('screenshot');
    await waitFor(async () => (await state(sent.id)).command.state === 'unsupported');
    expect((await state(sent.id)).command.resultDetail).toBe('this kiosk’s shell cannot take a screenshot');
  });
});
