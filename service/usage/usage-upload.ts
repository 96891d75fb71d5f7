import type { Database } from 'better-sqlite3';
import { DailyUsageCount } from '../../common/hub/api/kiosks';
import { localDay } from '../../common/local-date';

/**
 * The usage figures on their way to the hub: the heartbeat carries the
 * `daily_stats` days the hub has not confirmed, oldest first, each day
 * whole (the hub replaces the kiosk's day with what arrives), at most
 * USAGE_ROWS_PER_HEARTBEAT rows; a backlog of weeks offline goes over a
 * few beats. Today is sent at every beat with its running counts, and
 * once a day is over and the hub has confirmed it, it is not sent again.
 *
 * What is confirmed is one day in records.db's `meta`: every day up to it
 * is at the hub. Days go oldest first and a heartbeat's days are stored in
 * one commit, so the confirmed days are always the oldest ones.
 */

/** Within KioskHeartbeat's bound on `usage`. */
export const USAGE_ROWS_PER_HEARTBEAT = 2_000;
const CONFIRMED_KEY = 'usage-confirmed-through';

export function usageConfirmedThrough(db: Database): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(CONFIRMED_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/** The rows for the next heartbeat; undefined when there is nothing to send. */
export function usageForHeartbeat(db: Database, maxRows = USAGE_ROWS_PER_HEARTBEAT): DailyUsageCount[] | undefined {
  const rows = db
    .prepare('SELECT day, metric, key, count FROM daily_stats WHERE day > ? ORDER BY day, metric, key')
    .all(usageConfirmedThrough(db) ?? '') as unknown[];
  const out: DailyUsageCount[] = [];
  let day: DailyUsageCount[] = [];
  const flush = (): boolean => {
    if (out.length > 0 && out.length + day.length > maxRows) return false;
    // A single day larger than the bound (never seen: keys are topic and template codes) goes as its
    // largest counts, rather than holding back every day after it.
    out.push(...(day.length > maxRows ? [...day].sort((a, b) => b.count - a.count).slice(0, maxRows) : day));
    day = [];
    return true;
  };
  for (const r of rows) {
    // A figure this hub's contract does not know (written by a newer build) stays at the kiosk.
    const parsed = DailyUsageCount.safeParse(r);
    if (!parsed.success) continue;
    if (day.length > 0 && day[0]!.day !== parsed.data.day && !flush()) return out;
    day.push(parsed.data);
  }
  if (day.length > 0) flush();
  return out.length === 0 ? undefined : out;
}

/**
 * The hub stored `storedDays` of a heartbeat built at `builtAt`: the days of
 * them that were over by then are confirmed (a day still running when it was
 * sent goes again, so its last counts reach the hub).
 */
export function confirmUsageDays(db: Database, storedDays: readonly string[], builtAt: Date): void {
  const today = localDay(builtAt);
  const over = storedDays.filter((d) => d < today).sort();
  const latest = over.at(-1);
  if (latest === undefined) return;
  const before = usageConfirmedThrough(db);
  if (before !== null && before >= latest) return;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    CONFIRMED_KEY,
    latest,
  );
}
