import { describe, expect, it } from 'vitest';
import { HEALTHY_HEARTBEAT, heartbeatWithDevices } from '../../common/hub/sample-heartbeats';
import { latestHeartbeat } from '../storage/kiosks';
import { openAlertsOf } from '../storage/alerts';
import { ENGINES } from '../testing/test-storage';
import { useTestHub } from '../testing/test-hub';
import { HeartbeatCommitter } from './heartbeat-committer';

describe.each(ENGINES)('heartbeats committed together on %s', (engine) => {
  const hub = useTestHub(engine);

  it('commits the beats that arrive during a commit together, and answers each only with its own result', async () => {
    const db = hub.storage.storage.db;
    const kiosks = await Promise.all(Array.from({ length: 40 }, () => hub.addKiosk('approved')));
    const commits: number[] = [];
    const committer = new HeartbeatCommitter(db, { onCommit: (n) => commits.push(n) });
    const results = await Promise.all(
      kiosks.map((k, i) =>
        committer.take(
          k.id,
          {
            ...(i % 4 === 0
              ? heartbeatWithDevices('ok', 'unavailable:paper-out')
              : { ...HEALTHY_HEARTBEAT, uptimeSeconds: i }),
            // Every third carries a day of usage, stored in the same commit.
            ...(i % 3 === 0
              ? { usage: [{ day: '2026-03-01', metric: 'consultation', key: 'labour-wages', count: i }] }
              : {}),
          },
          hub.now(),
        ),
      ),
    );
    // The first went alone; the rest waited for it and went together.
    expect(commits.reduce((a, b) => a + b, 0)).toBe(40);
    expect(commits.length).toBeLessThan(40);
    expect(commits[0]).toBe(1);
    // Each answer is its own beat's: an alert opened for every fourth kiosk only, usage stored for every third.
    results.forEach((r, i) =>
      expect(r).toEqual({
        alerts: i % 4 === 0 ? { kioskId: kiosks[i]!.id, regionCode: '420111' } : undefined,
        usageDaysStored: i % 3 === 0 ? ['2026-03-01'] : [],
        releaseEventsStored: [],
      }),
    );
    const usage = await db.selectFrom('kiosk_usage_daily').select(['kiosk_id', 'count']).orderBy('kiosk_id').execute();
    expect(usage).toEqual(
      kiosks
        .flatMap((k, i) => (i % 3 === 0 ? [{ kiosk_id: k.id, count: i }] : []))
        .sort((a, b) => a.kiosk_id - b.kiosk_id),
    );
    for (const [i, k] of kiosks.entries()) {
      const stored = await latestHeartbeat(db, k.id);
      expect(stored?.report.uptimeSeconds).toBe(i % 4 === 0 ? HEALTHY_HEARTBEAT.uptimeSeconds : i);
      expect((await openAlertsOf(db, k.id)).map((a) => a.kind)).toEqual(i % 4 === 0 ? ['printer-paper-out'] : []);
    }
  });

  it('fails only the beat that cannot be committed, not the others of its batch', async () => {
    const db = hub.storage.storage.db;
    const [a, b] = [await hub.addKiosk('approved'), await hub.addKiosk('approved')];
    const committer = new HeartbeatCommitter(db);
    // A first beat holds the commit, so the next three go in one batch: one of them for a kiosk that does not exist.
    const first = committer.take(a.id, HEALTHY_HEARTBEAT, hub.now());
    const outcomes = await Promise.allSettled([
      committer.take(a.id, { ...HEALTHY_HEARTBEAT, uptimeSeconds: 7 }, hub.now()),
      committer.take(999_999, HEALTHY_HEARTBEAT, hub.now()),
      committer.take(b.id, { ...HEALTHY_HEARTBEAT, uptimeSeconds: 8 }, hub.now()),
    ]);
    await first;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await latestHeartbeat(db, a.id))?.report.uptimeSeconds).toBe(7);
    expect((await latestHeartbeat(db, b.id))?.report.uptimeSeconds).toBe(8);
    expect(await latestHeartbeat(db, 999_999)).toBeUndefined();
  });
});
