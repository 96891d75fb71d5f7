import type { Database } from 'better-sqlite3';
import { DailyStat, StatKey, StatMetric } from '../../common/api/stats';
import { localDay } from '../../common/local-date';

export { localDay };

export interface DailyStats {
  /** Counts one more `metric` (with its breakdown `key`) for today. Refuses an unknown metric or a key that could hold personal data. */
  increment(metric: StatMetric, key?: string): void;
  /** Rows from `fromDay` to `toDay` (inclusive, YYYY-MM-DD), by day, metric and key. */
  read(range: { fromDay: string; toDay: string }): DailyStat[];
}

/** Usage figures in records.db's `daily_stats`; one upsert per event. */
export function createDailyStats(db: Database, now: () => Date = () => new Date()): DailyStats {
  const upsert = db.prepare(
    `INSERT INTO daily_stats (day, metric, key, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (day, metric, key) DO UPDATE SET count = count + 1`,
  );
  return {
    increment(metric, key = '') {
      const m = StatMetric.safeParse(metric);
      if (!m.success) throw new RangeError(`unknown statistics metric "${metric}"`);
      const k = StatKey.safeParse(key);
      if (!k.success) throw new RangeError(`statistics key for ${metric}: ${k.error.issues[0]?.message ?? 'invalid'}`);
      upsert.run(localDay(now()), m.data, k.data);
    },
    read: (range) => readDailyStats(db, range),
  };
}

/** Works on a read-only handle too (kioskctl stats). */
export function readDailyStats(db: Database, range: { fromDay: string; toDay: string }): DailyStat[] {
  const rows = db
    .prepare('SELECT day, metric, key, count FROM daily_stats WHERE day BETWEEN ? AND ? ORDER BY day, metric, key')
    .all(range.fromDay, range.toDay);
  // A metric a newer build counted and this one does not know is left out rather than failing the report.
  return rows.flatMap((r) => {
    const parsed = DailyStat.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}
