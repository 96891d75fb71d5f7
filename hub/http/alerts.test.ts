import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { FleetAlert, KioskDetailResponse } from '../../common/hub/api/alerts';
import type { KioskHeartbeat, KioskSummary } from '../../common/hub/api/kiosks';
import { OFFLINE_AFTER_MS } from '../../common/hub/fleet-timing';
import { DEFAULT_OPENING_HOURS } from '../../common/hub/opening-hours';
import { sweepAlerts } from '../fleet/alert-evaluation';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { HEALTHY_HEARTBEAT, heartbeatWithDevices } from '../../common/hub/sample-heartbeats';
import { ENGINES } from '../testing/test-storage';
import { T0, useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return { user, token: await openSession(hub.storage.storage.db, user.id, 'full', hub.now()) };
}

const report = (printer: string, diskFreeBytes = HEALTHY_HEARTBEAT.diskFreeBytes): KioskHeartbeat => ({
  ...heartbeatWithDevices('ok', printer),
  diskFreeBytes,
  outboxDepth: 2,
});

const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe.each(ENGINES)('alerts and a kiosk’s page over HTTP on %s', (engine) => {
  const hub = useTestHub(engine);
  const beat = async (kiosk: TestKiosk, body: KioskHeartbeat) =>
    expect((await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/heartbeat', body })).statusCode).toBe(200);
  const alerts = async (token: string) => {
    const res = await hub.call({ method: 'GET', path: '/api/alerts', token });
    expect(res.statusCode).toBe(200);
    return res.json<{ alerts: FleetAlert[] }>().alerts;
  };
  const detail = (token: string, kioskId: number) =>
    hub.call({ method: 'POST', path: '/api/kiosks/detail', token, body: { kioskId } });

  it('lists the open alerts of the caller’s regions only, and the kiosks’ list says which are open', async () => {
    const admin = await sessionFor(hub, 'admin', 'administrator');
    const wuhan = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    const hongshan = await hub.addKiosk('approved', { regionCode: '420111' });
    const guangzhou = await hub.addKiosk('approved', { regionCode: '440111' });
    await beat(hongshan, report('unavailable:paper-out'));
    await beat(guangzhou, report('ok', 0));

    expect((await alerts(admin.token)).map((a) => [a.kioskId, a.kind, a.regionCode])).toEqual([
      [hongshan.id, 'printer-paper-out', '420111'],
      [guangzhou.id, 'disk-low', '440111'],
    ]);
    expect(await alerts(wuhan.token)).toEqual([
      {
        id: expect.any(Number),
        kioskId: hongshan.id,
        kind: 'printer-paper-out',
        detail: 'unavailable:paper-out',
        openedAt: at(0),
        clearedAt: null,
        terminalId: expect.any(String),
        displayName: '测试终端',
        regionCode: '420111',
        site: null,
      },
    ]);
    const kiosks = (await hub.call({ method: 'GET', path: '/api/kiosks', token: admin.token })).json<{
      kiosks: KioskSummary[];
    }>().kiosks;
    expect(kiosks.map((k) => [k.id, k.openAlerts])).toEqual([
      [hongshan.id, ['printer-paper-out']],
      [guangzhou.id, ['disk-low']],
    ]);

    // Cleared when the cause goes.
    hub.advance(30_000);
    await beat(hongshan, report('ok'));
    expect(await alerts(wuhan.token)).toEqual([]);
  });

  it('a kiosk’s page: its latest heartbeat, alerts open and past, health history, opening hours', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const kiosk = await hub.addKiosk('approved');
    await beat(kiosk, report('ok'));
    hub.advance(60_000);
    await beat(kiosk, report('unavailable:paper-out'));
    hub.advance(60_000);
    await beat(kiosk, report('ok'));
    hub.advance(OFFLINE_AFTER_MS + 1);
    await sweepAlerts(hub.storage.storage.db, hub.now());

    const res = await detail(token, kiosk.id);
    expect(res.statusCode).toBe(200);
    const page = res.json<KioskDetailResponse>();
    expect(page.kiosk).toMatchObject({ id: kiosk.id, status: 'approved', openAlerts: ['offline'] });
    expect(page.openingHours).toEqual(DEFAULT_OPENING_HOURS);
    expect(page.openingHoursAreDefault).toBe(true);
    expect(page.latestHeartbeat).toEqual({ receivedAt: at(120_000), report: report('ok') });
    expect(page.openAlerts.map((a) => [a.kind, a.detail])).toEqual([['offline', at(120_000)]]);
    expect(page.alertHistory.map((a) => [a.kind, a.openedAt, a.clearedAt])).toEqual([
      ['offline', at(120_000 + OFFLINE_AFTER_MS + 1), null],
      ['printer-paper-out', at(60_000), at(120_000)],
    ]);
    expect(page.healthHistory.map((s) => [s.at, s.devices[1]!.state, s.outboxDepth])).toEqual([
      [at(0), 'ok', 2],
      [at(60_000), 'unavailable:paper-out', 2],
      [at(120_000), 'ok', 2],
    ]);
  });

  it('a regional administrator gets 404 for a kiosk outside their regions, as for none', async () => {
    const { token } = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    const mine = await hub.addKiosk('approved', { regionCode: '420111' });
    const theirs = await hub.addKiosk('approved', { regionCode: '440111' });
    expect((await detail(token, mine.id)).statusCode).toBe(200);
    expect((await detail(token, theirs.id)).statusCode).toBe(404);
    expect((await detail(token, 999)).statusCode).toBe(404);
    const setHours = await hub.call({
      method: 'POST',
      path: '/api/kiosks/opening-hours',
      token,
      body: { kioskId: theirs.id, hours: null },
    });
    expect(setHours.statusCode).toBe(404);
  });

  it('opening hours: set, checked with every problem named, audited, back to the default, refused for a revoked kiosk', async () => {
    const { token, user } = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    const kiosk = await hub.addKiosk('approved');
    const setHours = (hours: unknown) =>
      hub.call({ method: 'POST', path: '/api/kiosks/opening-hours', token, body: { kioskId: kiosk.id, hours } });
    const weekdays = { ...DEFAULT_OPENING_HOURS, mon: ['14:00-17:30', '08:30-12:00'], sat: [], sun: [] };

    const refused = await setHours({ ...weekdays, tue: ['17:30-08:30'], wed: ['8:30-17:30'] });
    expect(refused.json()).toEqual({
      outcome: 'refused',
      problems: [
        { day: 'tue', problem: 'closes-before-opens', range: '17:30-08:30' },
        { day: 'wed', problem: 'range-invalid', range: '8:30-17:30' },
      ],
    });
    // A day missing, or an unknown one, is the shape's problem: 400.
    expect((await setHours({ mon: [] })).statusCode).toBe(400);
    expect((await setHours({ ...weekdays, holiday: [] })).statusCode).toBe(400);

    const set = await setHours(weekdays);
    expect(set.json()).toEqual({
      outcome: 'set',
      openingHours: { ...weekdays, mon: ['08:30-12:00', '14:00-17:30'] },
      openingHoursAreDefault: false,
    });
    const page = (await detail(token, kiosk.id)).json<KioskDetailResponse>();
    expect(page.openingHours.mon).toEqual(['08:30-12:00', '14:00-17:30']);
    expect(page.openingHoursAreDefault).toBe(false);
    const [audited] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(audited).toMatchObject({
      actor: `user:${user.id}`,
      action: 'kiosk.opening-hours',
      target: `kiosk:${kiosk.id}`,
      details: {
        from: DEFAULT_OPENING_HOURS,
        to: { ...weekdays, mon: ['08:30-12:00', '14:00-17:30'] },
        default: false,
      },
    });

    expect((await setHours(null)).json()).toEqual({
      outcome: 'set',
      openingHours: DEFAULT_OPENING_HOURS,
      openingHoursAreDefault: true,
    });
    expect((await detail(token, kiosk.id)).json<KioskDetailResponse>().openingHoursAreDefault).toBe(true);

    await hub.call({ method: 'POST', path: '/api/kiosks/revoke', token, body: { kioskId: kiosk.id } });
    expect((await setHours(weekdays)).statusCode).toBe(409);
  });
});
