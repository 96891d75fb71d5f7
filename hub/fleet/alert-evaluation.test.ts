import { describe, expect, it } from 'vitest';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { OFFLINE_AFTER_MS } from '../../common/hub/fleet-timing';
import { DEFAULT_OPENING_HOURS } from '../../common/hub/opening-hours';
import { createLogger } from '../../server-kit/logger';
import { createInProcessBus, type LiveEvent } from '../live/live-bus';
import { openAlert, openAlertsOf } from '../storage/alerts';
import { healthHistory } from '../storage/health-samples';
import { revokeKiosk } from '../storage/kiosks';
import { openHubStorage } from '../storage/open-storage';
import { setOpeningHours } from '../storage/opening-hours';
import { openSession } from '../storage/sessions';
import { HEALTHY_HEARTBEAT, heartbeatWithDevices } from '../../common/hub/sample-heartbeats';
import { ENGINES } from '../testing/test-storage';
import { T0, useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';
import { startAlertSweep, sweepAlerts, takeHeartbeat } from './alert-evaluation';

const healthy = HEALTHY_HEARTBEAT;
const printer = (state: string): KioskHeartbeat => heartbeatWithDevices('ok', state);

async function beat(hub: TestHub, kiosk: TestKiosk, report: KioskHeartbeat = healthy) {
  const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/heartbeat', body: report });
  expect(res.statusCode, res.body).toBe(200);
}

/** The kiosk's alerts, open and cleared, oldest first, as [kind, opened, cleared]. */
async function alertsOf(hub: TestHub, kioskId: number) {
  const rows = await hub.storage.storage.db
    .selectFrom('kiosk_alerts')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .orderBy('id')
    .execute();
  return rows.map((r) => [r.kind, r.opened_at, r.cleared_at]);
}

/** Lets the in-process bus hand its events on. */
const settle = () => new Promise((r) => setTimeout(r, 0));
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe.each(ENGINES)('alerts from heartbeats on %s', (engine) => {
  const hub = useTestHub(engine);

  it('a heartbeat opens what it shows and the next one clears what is gone, keeping the history', async () => {
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk);
    expect(await alertsOf(hub, kiosk.id)).toEqual([]);

    hub.advance(30_000);
    await beat(hub, kiosk, { ...printer('unavailable:paper-out'), clockOffsetMs: -90_000 });
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['printer-paper-out', at(30_000), null],
      ['clock-off', at(30_000), null],
    ]);
    expect((await openAlertsOf(hub.storage.storage.db, kiosk.id)).map((a) => a.detail)).toEqual([
      'unavailable:paper-out',
      '-90000',
    ]);
    // The same again changes nothing: one open alert per kind.
    hub.advance(30_000);
    await beat(hub, kiosk, { ...printer('unavailable:paper-out'), clockOffsetMs: -90_000 });
    hub.advance(30_000);
    await beat(hub, kiosk, { ...printer('unavailable:cover-open'), clockOffsetMs: -90_000 });
    hub.advance(30_000);
    await beat(hub, kiosk);
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['printer-paper-out', at(30_000), at(90_000)],
      ['clock-off', at(30_000), at(120_000)],
      ['printer-cover-open', at(90_000), at(120_000)],
    ]);
    await settle();
    // Told once per beat that changed something, not for the beats that changed nothing.
    expect(hub.events.filter((e) => e.type === 'alerts-changed')).toEqual(
      [30_000, 90_000, 120_000].map(() => ({ type: 'alerts-changed', kioskId: kiosk.id, regionCode: '420111' })),
    );
  });

  it('a kiosk heard from again has its offline alert cleared by that beat', async () => {
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk);
    hub.advance(OFFLINE_AFTER_MS + 1);
    expect(await sweepAlerts(hub.storage.storage.db, hub.now())).toEqual([{ kioskId: kiosk.id, regionCode: '420111' }]);
    hub.advance(10_000);
    await beat(hub, kiosk);
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['offline', at(OFFLINE_AFTER_MS + 1), at(OFFLINE_AFTER_MS + 10_001)],
    ]);
  });

  it('revoking a kiosk clears its open alerts and tells the consoles', async () => {
    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk, { ...printer('unavailable:paper-out'), diskFreeBytes: 0 });
    hub.advance(60_000);
    const res = await hub.call({ method: 'POST', path: '/api/kiosks/revoke', token, body: { kioskId: kiosk.id } });
    expect(res.statusCode).toBe(200);
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['printer-paper-out', at(0), at(60_000)],
      ['disk-low', at(0), at(60_000)],
    ]);
    await settle();
    expect(hub.events.filter((e) => e.type === 'alerts-changed').at(-1)).toEqual({
      type: 'alerts-changed',
      kioskId: kiosk.id,
      regionCode: '420111',
    });
  });

  it('two evaluations of one kiosk at once, as two hub instances, open one alert', async () => {
    const kiosk = await hub.addKiosk('approved');
    // PostgreSQL: two pools, as two instances. SQLite: one connection per
    // process (a second one in this thread would wait on itself), so the
    // evaluations share it and interleave their statements.
    const other =
      engine === 'postgres' ? await openHubStorage(hub.storage.target, { create: false }) : hub.storage.storage;
    try {
      const dbs = [hub.storage.storage.db, other.db];
      const report = printer('unavailable:paper-out');
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((n) => takeHeartbeat(dbs[n % 2]!, kiosk.id, report, hub.now())),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      const direct = await Promise.all(
        [0, 1, 2, 3].map((n) =>
          openAlert(dbs[n % 2]!, { kioskId: kiosk.id, kind: 'disk-low', detail: '1', at: hub.now() }),
        ),
      );
      expect(direct.filter(Boolean)).toHaveLength(1);
      expect((await openAlertsOf(hub.storage.storage.db, kiosk.id)).map((a) => a.kind)).toEqual([
        'printer-paper-out',
        'disk-low',
      ]);
    } finally {
      if (other !== hub.storage.storage) await other.close();
    }
  });

  it('keeps a health sample when something changes and otherwise one an hour', async () => {
    const kiosk = await hub.addKiosk('approved');
    // Two hours of beats every half minute, the disk filling slowly, and the printer out of paper for a while.
    for (let n = 0; n <= 240; n++) {
      const report = { ...(n >= 100 && n < 110 ? printer('unavailable:paper-out') : healthy), diskFreeBytes: 1e10 - n };
      await takeHeartbeat(hub.storage.storage.db, kiosk.id, report, hub.now());
      hub.advance(30_000);
    }
    const samples = await healthHistory(hub.storage.storage.db, kiosk.id, T0, 100);
    expect(samples.map((s) => [s.at, s.devices[1]!.state, s.diskFreeBytes])).toEqual([
      [at(0), 'ok', 1e10],
      [at(100 * 30_000), 'unavailable:paper-out', 1e10 - 100],
      [at(110 * 30_000), 'ok', 1e10 - 110],
      [at(230 * 30_000), 'ok', 1e10 - 230],
    ]);
    // A page gets the newest when there are more than it shows.
    expect((await healthHistory(hub.storage.storage.db, kiosk.id, T0, 2)).map((s) => s.at)).toEqual([
      at(110 * 30_000),
      at(230 * 30_000),
    ]);
  });
});

describe.each(ENGINES)('the offline sweep on %s', (engine) => {
  const hub = useTestHub(engine);
  const sweep = () => sweepAlerts(hub.storage.storage.db, hub.now());

  it('never for a kiosk that has not sent a heartbeat yet, nor a pending one', async () => {
    const approved = await hub.addKiosk('approved');
    const pending = await hub.addKiosk('pending');
    hub.advance(4 * 3_600_000);
    expect(await sweep()).toEqual([]);
    expect(await alertsOf(hub, approved.id)).toEqual([]);
    expect(await alertsOf(hub, pending.id)).toEqual([]);
  });

  it('inside its hours it opens once the kiosk is silent for three beats, and clears on the next beat', async () => {
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk);
    hub.advance(OFFLINE_AFTER_MS);
    expect(await sweep()).toEqual([]);
    hub.advance(1);
    expect(await sweep()).toEqual([{ kioskId: kiosk.id, regionCode: '420111' }]);
    hub.advance(15_000);
    expect(await sweep()).toEqual([]);
    expect((await openAlertsOf(hub.storage.storage.db, kiosk.id)).map((a) => [a.kind, a.detail])).toEqual([
      ['offline', at(0)],
    ]);
    hub.advance(15_000);
    await beat(hub, kiosk);
    expect(await sweep()).toEqual([]);
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['offline', at(OFFLINE_AFTER_MS + 1), at(OFFLINE_AFTER_MS + 30_001)],
    ]);
  });

  it('outside its hours no offline alert, and one open at closing time clears', async () => {
    const kiosk = await hub.addKiosk('approved');
    // T0 is Monday 09:00 in Beijing; the kiosk goes silent at 17:00.
    hub.advance(8 * 3_600_000);
    await beat(hub, kiosk);
    hub.advance(OFFLINE_AFTER_MS + 1);
    expect(await sweep()).toHaveLength(1);
    // 17:30 in Beijing: closed, the alarm ends.
    hub.advance(30 * 60_000 - OFFLINE_AFTER_MS - 1);
    expect(await sweep()).toEqual([{ kioskId: kiosk.id, regionCode: '420111' }]);
    expect(await alertsOf(hub, kiosk.id)).toEqual([
      ['offline', at(8 * 3_600_000 + OFFLINE_AFTER_MS + 1), at(8.5 * 3_600_000)],
    ]);
    // All night: nothing.
    for (let h = 0; h < 14; h++) {
      hub.advance(3_600_000);
      expect(await sweep()).toEqual([]);
    }
    // Tuesday 08:30: open again and still silent, so offline again.
    hub.advance(60 * 60_000);
    expect(await sweep()).toHaveLength(1);
    expect(await openAlertsOf(hub.storage.storage.db, kiosk.id)).toHaveLength(1);
  });

  it('follows each kiosk’s own hours', async () => {
    const kiosk = await hub.addKiosk('approved');
    await setOpeningHours(
      hub.storage.storage.db,
      kiosk.id,
      { ...DEFAULT_OPENING_HOURS, mon: ['13:00-17:00'] },
      'hubctl',
      hub.now(),
    );
    await beat(hub, kiosk);
    // Monday 11:00 in Beijing: not open yet.
    hub.advance(2 * 3_600_000);
    expect(await sweep()).toEqual([]);
    hub.advance(2 * 3_600_000);
    expect(await sweep()).toHaveLength(1);
  });

  it('clears what a revoked kiosk still has open, and opens nothing for it', async () => {
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk, printer('unavailable:paper-out'));
    // As if a heartbeat committed its alert just after the revocation cleared the kiosk's alerts.
    await revokeKiosk(hub.storage.storage.db, kiosk.id, 'hubctl', hub.now());
    await hub.storage.storage.db
      .insertInto('kiosk_alerts')
      .values({ kiosk_id: kiosk.id, kind: 'disk-low', detail: null, opened_at: hub.now().toISOString() })
      .execute();
    hub.advance(OFFLINE_AFTER_MS + 1);
    expect(await sweep()).toEqual([{ kioskId: kiosk.id, regionCode: '420111' }]);
    expect(await openAlertsOf(hub.storage.storage.db, kiosk.id)).toEqual([]);
    expect(await sweep()).toEqual([]);
  });

  it('runs on a timer, telling the bus, until stopped', async () => {
    const kiosk = await hub.addKiosk('approved');
    await beat(hub, kiosk);
    hub.advance(OFFLINE_AFTER_MS + 1);
    const bus = createInProcessBus();
    const events: LiveEvent[] = [];
    bus.subscribe((e) => events.push(e));
    const timer = startAlertSweep({
      db: hub.storage.storage.db,
      now: hub.now,
      bus,
      logger: createLogger({ service: 'hub', level: 'silent' }),
      everyMs: 20,
    });
    await expect
      .poll(() => events, { timeout: 5_000 })
      .toEqual([{ type: 'alerts-changed', kioskId: kiosk.id, regionCode: '420111' }]);
    await timer.stop();
    expect(await openAlertsOf(hub.storage.storage.db, kiosk.id)).toHaveLength(1);
  });
});
