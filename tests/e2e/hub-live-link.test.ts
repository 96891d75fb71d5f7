import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { latestHeartbeat } from '../../hub/storage/kiosks';
import { openSession } from '../../hub/storage/sessions';
import { T0, useTestHub, type TestKiosk } from '../../hub/testing/test-hub';
import { createLogger } from '../../server-kit/logger';
import { HEARTBEAT_MAX_BACKOFF_MS, HeartbeatSender } from '../../service/hub/heartbeat-sender';
import { sendHeartbeat } from '../../service/hub/hub-client';
import { saveIdentity, type KioskIdentity } from '../../service/hub/hub-identity';
import { HubLink, RECONNECT_BASE_MS, type HubLinkState } from '../../service/hub/hub-link';
import { startInProcessKiosk } from '../../service/testing/in-process-service';

/**
 * The kiosk service's link to its hub (service/hub/hub-link.ts and the
 * heartbeat sender) against a real, listening hub in this process: its
 * socket, its HTTP fallback, and how it is refused.
 */

/** Always the same draw: a test that needs a spread uses the unit test's seeded one. */
const seeded = (x: number) => () => x / 10;

const report = (outboxDepth = 0): Omit<KioskHeartbeat, 'clockOffsetMs'> => ({
  appVersion: '0.1.0',
  contentVersion: null,
  uptimeSeconds: 1,
  diskFreeBytes: 1,
  outboxDepth,
  devices: [],
  lastCrash: null,
});

const waitForAsync = async (what: () => Promise<boolean>, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const waitFor = async (what: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the kiosk’s link to a real hub', () => {
  const hub = useTestHub('sqlite', { listen: true });
  const dirs: string[] = [];
  const stops: (() => void)[] = [];
  beforeEach(() => {
    // The kiosk signs with its own clock: the hub's must be today's.
    hub.advance(Date.now() - T0.getTime());
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A data directory enrolled as `kiosk` with the test hub, as `kioskctl hub enroll` leaves it. */
  function enrolledDir(kiosk: TestKiosk): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-link-'));
    dirs.push(dataDir);
    saveIdentity(dataDir, kiosk.privateKey, {
      hubUrl: `http://127.0.0.1:${hub.server.port}`,
      kioskId: kiosk.id,
      keyFingerprint: 'test',
      enrolledAt: T0.toISOString(),
      status: 'approved',
      checkedAt: T0.toISOString(),
    });
    return dataDir;
  }

  /** A kiosk service's heartbeat sender and link, enrolled as `kiosk` with the test hub. */
  function kioskSide(kiosk: TestKiosk, random = seeded(7)) {
    const dataDir = enrolledDir(kiosk);
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => void lines.push(s) } });
    const waits: number[] = [];
    const link = new HubLink({ logger, random, onReconnectWait: (ms) => waits.push(ms) });
    const overHttp: KioskHeartbeat[] = [];
    let depth = 0;
    const sender = new HeartbeatSender({
      dataDir,
      logger,
      report: () => report(depth),
      link,
      random: () => 0.999,
      send: (identity: KioskIdentity, r: KioskHeartbeat) => {
        overHttp.push(r);
        return sendHeartbeat(identity, r);
      },
    });
    sender.start();
    stops.push(() => sender.stop());
    return { sender, link, overHttp, waits, lines, setDepth: (n: number) => (depth = n) };
  }

  const state = (link: HubLink): HubLinkState['kind'] => link.state().kind;

  it('beats over its socket once connected; the hub has each beat when it is acknowledged; health says connected', async () => {
    const kiosk = await hub.addKiosk('approved');
    const side = kioskSide(kiosk);
    await waitFor(() => state(side.link) === 'connected');
    side.setDepth(5);
    expect(await side.sender.beat()).toBe(true);
    expect(side.overHttp).toEqual([]);
    expect((await latestHeartbeat(hub.storage.storage.db, kiosk.id))?.report.outboxDepth).toBe(5);
    expect(side.sender.health()).toEqual({ state: 'ok', reason: 'connected' });
  });

  it('beats over HTTP while its socket is down, and reconnects after a wait drawn from the window', async () => {
    const kiosk = await hub.addKiosk('approved');
    // A draw of 0.5: half the first window.
    const side = kioskSide(kiosk, () => 0.5);
    await waitFor(() => state(side.link) === 'connected');
    await side.sender.beat();
    // The hub drops every socket (an instance going away behind the balancer); HTTP still answers.
    for (const client of hub.server.app.websocketServer.clients) client.close(1001, 'service stopping');
    await waitFor(() => state(side.link) === 'connecting');
    expect(side.waits).toEqual([RECONNECT_BASE_MS / 2]);
    expect(side.sender.health()).toMatchObject({ state: 'degraded', reason: 'connecting' });

    side.setDepth(9);
    expect(await side.sender.beat()).toBe(true);
    expect(side.overHttp.map((r) => r.outboxDepth)).toEqual([9]);
    expect((await latestHeartbeat(hub.storage.storage.db, kiosk.id))?.report.outboxDepth).toBe(9);
  });

  it('reconnects after each wait; the window doubles per drop and starts small again after an acknowledged beat', async () => {
    const kiosk = await hub.addKiosk('approved');
    const side = kioskSide(kiosk, () => 0.01);
    const dropAndReconnect = async () => {
      await waitFor(() => state(side.link) === 'connected');
      for (const client of hub.server.app.websocketServer.clients) client.close(1001, 'service stopping');
      await waitFor(() => state(side.link) === 'connecting');
      await waitFor(() => state(side.link) === 'connected');
    };
    await dropAndReconnect();
    await dropAndReconnect();
    expect(await side.sender.beat()).toBe(true);
    expect(side.overHttp).toEqual([]);
    await dropAndReconnect();
    // 1 % of 10 s, of 20 s, then of 10 s again.
    expect(side.waits).toEqual([RECONNECT_BASE_MS / 100, RECONNECT_BASE_MS / 50, RECONNECT_BASE_MS / 100]);
  });

  it('is refused when revoked: its socket closes at once, the hub refuses it over HTTP too, health says refused', async () => {
    const kiosk = await hub.addKiosk('approved');
    const side = kioskSide(kiosk);
    await waitFor(() => state(side.link) === 'connected');
    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    await hub.call({ method: 'POST', path: '/api/kiosks/revoke', token, body: { kioskId: kiosk.id } });
    await waitFor(() => state(side.link) === 'refused');
    // A refusal does not mend itself soon: the next try waits five to ten minutes.
    expect(side.waits[0]).toBeGreaterThanOrEqual(HEARTBEAT_MAX_BACKOFF_MS / 2);
    expect(await side.sender.beat()).toBe(false);
    expect(side.overHttp).toHaveLength(1);
    expect(side.sender.health()).toMatchObject({ state: 'unavailable', reason: 'refused' });
  });

  it('a pending kiosk is refused its socket (it asks its status over HTTP until approved), and says why', async () => {
    const kiosk = await hub.addKiosk('pending');
    const side = kioskSide(kiosk);
    await waitFor(() => state(side.link) === 'refused');
    expect(side.link.state()).toEqual({ kind: 'refused', detail: 'This kiosk waits for an administrator’s approval' });
    expect(side.sender.health()).toMatchObject({ state: 'unavailable', reason: 'refused' });
  });

  it('a kiosk not enrolled opens no socket and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-link-'));
    dirs.push(dataDir);
    const link = new HubLink({ logger: createLogger({ destination: { write: () => undefined } }) });
    const sender = new HeartbeatSender({
      dataDir,
      logger: createLogger({ destination: { write: () => undefined } }),
      report,
      link,
    });
    sender.start();
    stops.push(() => sender.stop());
    expect(link.state()).toEqual({ kind: 'idle' });
    expect(sender.health()).toEqual({ state: 'off', reason: 'not-configured' });
  });

  it('a real kiosk service, once enrolled, holds its socket and says so in its health; revoked, it says refused', async () => {
    const kiosk = await hub.addKiosk('approved');
    const service = await startInProcessKiosk({ dataDir: enrolledDir(kiosk) });
    try {
      const hubHealth = async () => (await service.ok('health')).subsystems.hub;
      await waitForAsync(async () => (await hubHealth()).state === 'ok');
      expect(await hubHealth()).toEqual({ state: 'ok', reason: 'connected' });
      // The hub counts it online from the moment its socket opened.
      const admin = await hub.addAccount('admin', 'administrator');
      const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
      const listed = await hub.call({ method: 'GET', path: '/api/kiosks', token });
      expect(listed.json<{ kiosks: { id: number; online: boolean }[] }>().kiosks).toEqual([
        expect.objectContaining({ id: kiosk.id, online: true }),
      ]);

      await hub.call({ method: 'POST', path: '/api/kiosks/revoke', token, body: { kioskId: kiosk.id } });
      await waitForAsync(async () => (await hubHealth()).reason === 'refused');
      expect(await hubHealth()).toMatchObject({ state: 'unavailable', detail: 'kiosk revoked' });
    } finally {
      await service.stop();
    }
  });
});
