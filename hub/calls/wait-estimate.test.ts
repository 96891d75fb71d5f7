import { describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/test-storage';
import { T0, useTestHub } from '../testing/test-hub';
import { DEFAULT_WAIT_PER_PLACE_MS, estimatedWaitSeconds, median, recentAnswerWaitMs } from './wait-estimate';

describe('the expected wait', () => {
  it('is the place in line times the wait per place, a default one without history', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(estimatedWaitSeconds(3, 40_000)).toBe(120);
    expect(estimatedWaitSeconds(2, undefined)).toBe((2 * DEFAULT_WAIT_PER_PLACE_MS) / 1000);
  });
});

describe.each(ENGINES)('the wait per place, from the region’s recent answers, on %s', (engine) => {
  const hub = useTestHub(engine);

  it('is the median wait before an answer of the region’s last answered calls, once there are enough', async () => {
    const db = hub.storage.storage.db;
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const lawyer = await hub.addAccount('lawyer.1', 'lawyer', '420100');
    const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
    const add = async (n: number, waitMs: number, regionCode = '420111') =>
      db
        .insertInto('calls')
        .values({
          id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          kiosk_id: kiosk.id,
          region_code: regionCode,
          topic: 'labour',
          caller_name: null,
          caller_name_masked: null,
          state: 'ended',
          lawyer_id: lawyer.id,
          created_at: at(n * 600_000),
          answered_at: at(n * 600_000 + waitMs),
          ended_at: at(n * 600_000 + waitMs + 60_000),
          end_reason: 'completed',
          max_wait_until: at(n * 600_000 + 600_000),
          kiosk_seen_at: at(n * 600_000),
        })
        .execute();
    for (const [n, wait] of [10_000, 20_000, 30_000, 40_000].entries()) await add(n, wait);
    // Another region's waits do not count.
    await add(9, 1_000_000, '440111');
    const now = new Date(T0.getTime() + 86_400_000);
    expect(await recentAnswerWaitMs(db, '420111', now)).toBeUndefined();
    await add(4, 50_000);
    expect(await recentAnswerWaitMs(db, '420111', now)).toBe(30_000);
  });
});
