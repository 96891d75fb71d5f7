import type { DailyUsageCount } from '../../common/hub/api/kiosks';
import type { HubDb } from '../storage/schema';

/**
 * A kiosk's daily usage counts as its heartbeat carries them (records.db
 * `daily_stats`, whole per day): each day that arrives replaces what the
 * hub held of that kiosk's day, so a day sent twice (an answer lost, today
 * sent again at every beat until it is over) is counted once. The region
 * is the kiosk's when the day arrived: a kiosk moved later keeps its past
 * in the region where it was used. Runs inside the heartbeat's commit;
 * answers the days stored, which the kiosk need not send again.
 */
export async function storeUsageDays(
  trx: HubDb,
  kioskId: number,
  usage: readonly DailyUsageCount[] | undefined,
  at: Date,
): Promise<string[]> {
  if (usage === undefined || usage.length === 0) return [];
  const kiosk = await trx
    .selectFrom('kiosks')
    .select(['status', 'region_code'])
    .where('id', '=', kioskId)
    .executeTakeFirst();
  // Revoked between the guard and the commit: nothing stored, nothing acknowledged.
  if (kiosk?.status !== 'approved') return [];
  const byDay = new Map<string, Map<string, DailyUsageCount>>();
  for (const row of usage) {
    const day = byDay.get(row.day) ?? new Map<string, DailyUsageCount>();
    // A row repeated within one report is the same count sent twice, not two counts.
    day.set(`${row.metric}\u0000${row.key}`, row);
    byDay.set(row.day, day);
  }
  const days = [...byDay.keys()].sort();
  await trx.deleteFrom('kiosk_usage_daily').where('kiosk_id', '=', kioskId).where('day', 'in', days).execute();
  const receivedAt = at.toISOString();
  const rows = [...byDay.values()].flatMap((day) =>
    [...day.values()].map((r) => ({
      kiosk_id: kioskId,
      day: r.day,
      metric: r.metric,
      key: r.key,
      count: r.count,
      region_code: kiosk.region_code,
      received_at: receivedAt,
    })),
  );
  // Chunks keep each statement under the engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('kiosk_usage_daily')
      .values(rows.slice(i, i + 200))
      .execute();
  return days;
}
