import type { Database } from 'better-sqlite3';
import { DailyUsageCount } from '../../common/hub/api/kiosks';
import { localDay } from '../../common/local-date';

/**
 * The usage figures on their way to the hub: the heartbeat carries the
 * `daily_stats` days the hub has not confirmed, oldest first, each day
 * whole (the hub replaces the kiosk's day with what arrives), at most
 * USAGE_BYTES_PER_HEARTBEAT of them (the hub takes a heartbeat of 16 KiB
 * at most, over HTTP and its socket alike): a day is a kilobyte or two, so
 * a backlog of weeks offline goes over a few dozen beats. Today is sent at every beat with its running counts, and
 * once a day is over and the hub has confirmed it, it is not sent again.
 *
 * What is confirmed is one day in records.db's `meta`: every day up to it
 * is at the hub. Days go oldest first and a heartbeat's days are stored in
 * one commit, so the confirmed days are always the oldest ones.
 */

/** The usage's share of the heartbeat's 16 KiB; the rest of the report is well under 4 KiB. */
export const USAGE_BYTES_PER_HEARTBEAT = 10 * 1024;
/** KioskHeartbeat's bound on `usage` rows. */
const MAX_ROWS = 2_000;
const CONFIRMED_KEY = 'usage-confirmed-through';

export function usageConfirmedThrough(db: Database): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(CONFIRMED_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

const sizeOf = (row: DailyUsageCount): number => Buffer.byteLength(JSON.stringify(row)) + 1;

/** The rows for the next heartbeat; undefined when there is nothing to send. */
export function usageForHeartbeat(db: Database, maxBytes = USAGE_BYTES_PER_HEARTBEAT): DailyUsageCount[] | undefined {
  const rows = db
    .prepare('SELECT day, metric, key, count FROM daily_stats WHERE day > ? ORDER BY day, metric, key')
    .all(usageConfirmedThrough(db) ?? '') as unknown[];
  const out: DailyUsageCount[] = [];
  let bytes = 0;
  let day: DailyUsageCount[] = [];
  const flush = (): boolean => {
    const size = day.reduce((sum, r) => sum + sizeOf(r), 0);
    if (out.length > 0 && (bytes + size > maxBytes || out.length + day.length > MAX_ROWS)) return false;
    if (size <= maxBytes && day.length <= MAX_ROWS) {
      out.push(...day);
      bytes += size;
    } else {
      // A single day larger than a beat (never seen: keys are topic and template codes) goes as its
      // largest counts, rather than holding back every day after it.
      for (const r of [...day].sort((a, b) => b.count - a.count)) {
        if (bytes + sizeOf(r) > maxBytes || out.length >= MAX_ROWS) break;
        out.push(r);
        bytes += sizeOf(r);
      }
    }
    day = [];
    return true;
  };
  for (const r of rows) {
    // A row the hub's contract would refuse (never written: daily-stats.ts checks keys) stays at the kiosk.
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
