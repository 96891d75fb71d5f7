import type { HubDb } from '../storage/schema';

/**
 * How long a caller is told they will wait: their place in line times the
 * median time callers of their region waited lately before a lawyer
 * answered (the last ESTIMATE_SAMPLE answered calls within
 * ESTIMATE_LOOKBACK_MS). Those waits already hold how many lawyers were on
 * duty and how long calls took, without modelling either. With fewer than
 * ESTIMATE_MIN_SAMPLES answered calls to go by, DEFAULT_WAIT_PER_PLACE_MS
 * per place: a guess, said as a guess would be, in whole minutes on the
 * kiosk.
 */

export const ESTIMATE_SAMPLE = 50;
export const ESTIMATE_MIN_SAMPLES = 5;
export const ESTIMATE_LOOKBACK_MS = 30 * 86_400_000;
export const DEFAULT_WAIT_PER_PLACE_MS = 60_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median wait before an answer in the region lately, in ms; undefined with too few answered calls. */
export async function recentAnswerWaitMs(db: HubDb, regionCode: string, now: Date): Promise<number | undefined> {
  const rows = await db
    .selectFrom('calls')
    .select(['created_at', 'answered_at'])
    .where('region_code', '=', regionCode)
    .where('answered_at', 'is not', null)
    .where('created_at', '>=', new Date(now.getTime() - ESTIMATE_LOOKBACK_MS).toISOString())
    .orderBy('created_at', 'desc')
    .limit(ESTIMATE_SAMPLE)
    .execute();
  if (rows.length < ESTIMATE_MIN_SAMPLES) return undefined;
  return median(rows.map((r) => Date.parse(r.answered_at!) - Date.parse(r.created_at)));
}

/** Seconds a caller at `position` is told to expect. */
export function estimatedWaitSeconds(position: number, perPlaceMs: number | undefined): number {
  return Math.max(0, Math.round(((perPlaceMs ?? DEFAULT_WAIT_PER_PLACE_MS) * position) / 1000));
}
