import { describe, expect, it } from 'vitest';
import type { DailyUsageCount, KioskHeartbeat } from '../../common/hub/api/kiosks';
import { HEALTHY_HEARTBEAT } from '../../common/hub/sample-heartbeats';
import { latestHeartbeat } from '../storage/kiosks';
import { kioskSocket } from '../testing/live-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

const count = (day: string, metric: DailyUsageCount['metric'], key: string, n: number): DailyUsageCount => ({
  day,
  metric,
  key,
  count: n,
});

async function storedUsage(hub: TestHub, kioskId: number) {
  return hub.storage.storage.db
    .selectFrom('kiosk_usage_daily')
    .select(['day', 'metric', 'key', 'count', 'region_code'])
    .where('kiosk_id', '=', kioskId)
    .orderBy('day')
    .orderBy('metric')
    .orderBy('key')
    .execute();
}

describe.each(ENGINES)('a kiosk’s daily usage in its heartbeat on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true });
  const beat = async (kiosk: TestKiosk, usage: DailyUsageCount[] | undefined) => {
    const body: KioskHeartbeat = { ...HEALTHY_HEARTBEAT, ...(usage === undefined ? {} : { usage }) };
    const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/heartbeat', body });
    expect(res.statusCode).toBe(200);
    return res.json<{ receivedAt: string; usageDaysStored?: string[] }>();
  };

  it('stores each day whole, replacing the kiosk’s day when it comes again, and acknowledges the days stored', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const other = await hub.addKiosk('approved', { regionCode: '440111' });
    const day1 = [count('2026-03-01', 'consultation', 'labour-wages', 4), count('2026-03-01', 'search', 'found', 2)];
    const day2 = [count('2026-03-02', 'consultation', 'labour-wages', 1)];
    expect((await beat(kiosk, [...day1, ...day2])).usageDaysStored).toEqual(['2026-03-01', '2026-03-02']);
    await beat(other, [count('2026-03-02', 'consultation', 'labour-wages', 9)]);

    // The same beat again (its answer lost): nothing counted twice.
    await beat(kiosk, [...day1, ...day2]);
    // Today again with its running counts: the day is replaced, a figure gone from it is gone.
    expect(
      (
        await beat(kiosk, [
          count('2026-03-02', 'consultation', 'labour-wages', 3),
          count('2026-03-02', 'search', 'none', 1),
        ])
      ).usageDaysStored,
    ).toEqual(['2026-03-02']);
    expect(await storedUsage(hub, kiosk.id)).toEqual([
      { day: '2026-03-01', metric: 'consultation', key: 'labour-wages', count: 4, region_code: '420111' },
      { day: '2026-03-01', metric: 'search', key: 'found', count: 2, region_code: '420111' },
      { day: '2026-03-02', metric: 'consultation', key: 'labour-wages', count: 3, region_code: '420111' },
      { day: '2026-03-02', metric: 'search', key: 'none', count: 1, region_code: '420111' },
    ]);
    // The other kiosk's day is its own.
    expect((await storedUsage(hub, other.id)).map((r) => r.count)).toEqual([9]);
    // A beat without usage stores none and acknowledges none; the latest heartbeat is kept without its usage rows.
    expect((await beat(kiosk, undefined)).usageDaysStored).toBeUndefined();
    expect((await latestHeartbeat(hub.storage.storage.db, kiosk.id))?.report).not.toHaveProperty('usage');
  });

  it('over the kiosk’s socket too: the acknowledgement names the days stored', async () => {
    const kiosk = await hub.addKiosk('approved');
    const socket = await kioskSocket(hub, kiosk);
    const usage = [count('2026-03-01', 'dispute-screening', 'neighbour', 2)];
    socket.send({ type: 'heartbeat', id: 'b-1', report: { ...HEALTHY_HEARTBEAT, usage } });
    expect(await socket.next()).toMatchObject({ type: 'heartbeat-ack', id: 'b-1', usageDaysStored: ['2026-03-01'] });
    expect((await storedUsage(hub, kiosk.id)).map((r) => [r.metric, r.count])).toEqual([['dispute-screening', 2]]);
    socket.ws.close();
  });

  it('refuses usage that could hold personal data or is out of bounds, with where it was wrong', async () => {
    const kiosk = await hub.addKiosk('approved');
    const res = await hub.kioskCall(kiosk, {
      method: 'POST',
      path: '/api/kiosk/heartbeat',
      body: { ...HEALTHY_HEARTBEAT, usage: [count('2026-03-01', 'consultation', '13800138000', 1)] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('usage');
    expect(await storedUsage(hub, kiosk.id)).toEqual([]);
    // A figure this hub does not report yet (a kiosk updated first) is kept, not a reason to refuse the heartbeat.
    const newer = { day: '2026-03-01', metric: 'figure-of-a-newer-build', key: '', count: 2 };
    expect((await beat(kiosk, [newer])).usageDaysStored).toEqual(['2026-03-01']);
    expect((await storedUsage(hub, kiosk.id)).map((r) => r.metric)).toEqual(['figure-of-a-newer-build']);
  });
});
