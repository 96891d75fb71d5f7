import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDailyStats, localDay } from './daily-stats';
import { openRecordsDb } from './records-db';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function openTemp() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-stats-'));
  dirs.push(dir);
  return openRecordsDb(join(dir, 'records.db'));
}

describe('daily_stats', () => {
  it('counts per local day, metric and key', () => {
    const db = openTemp();
    let now = new Date(2025, 2, 14, 23, 59);
    const stats = createDailyStats(db, () => now);
    stats.increment('consultation', 'labour-wages');
    stats.increment('consultation', 'labour-wages');
    stats.increment('consultation', 'divorce');
    stats.increment('legal-aid-check', 'needs-review');
    now = new Date(2025, 2, 15, 0, 1);
    stats.increment('consultation', 'labour-wages');
    stats.increment('rating', 'consultation:5');
    stats.increment('mediation-request');
    expect(stats.read({ fromDay: '2025-03-14', toDay: '2025-03-14' })).toEqual([
      { day: '2025-03-14', metric: 'consultation', key: 'divorce', count: 1 },
      { day: '2025-03-14', metric: 'consultation', key: 'labour-wages', count: 2 },
      { day: '2025-03-14', metric: 'legal-aid-check', key: 'needs-review', count: 1 },
    ]);
    expect(stats.read({ fromDay: '2025-03-15', toDay: '2025-03-31' })).toHaveLength(3);
    db.close();
  });

  it('refuses unknown metrics and keys that could be personal data', () => {
    const db = openTemp();
    const stats = createDailyStats(db);
    expect(() => stats.increment('visits' as never)).toThrow(/unknown statistics metric/);
    expect(() => stats.increment('consultation', '13812345678')).toThrow(/long number/);
    expect(() => stats.increment('consultation', 'a b')).toThrow(RangeError);
    expect(db.prepare('SELECT count(*) AS n FROM daily_stats').get()).toEqual({ n: 0 });
    db.close();
  });

  it('dates by the local calendar', () => {
    expect(localDay(new Date(2025, 0, 5, 0, 0))).toBe('2025-01-05');
  });
});
