import { CASE_LOOKUP_WRONG_TRIES_PER_MINUTE } from '../../common/hub/cases';
import type { HubDb } from './schema';

/**
 * The wrong tries of 查询进度 (migration 10), kept in the database so that
 * every hub instance counts the same ones: a stranger trying suffixes at
 * one kiosk, or one reference from many kiosks, is stopped after
 * CASE_LOOKUP_WRONG_TRIES_PER_MINUTE within a minute. The digits tried are
 * never kept.
 */

export const LOOKUP_WINDOW_MS = 60_000;

/** When the window of the kiosk's or the reference's tries frees a try again; undefined while tries are left. */
export async function lookupRefusedUntil(
  db: HubDb,
  kioskId: number,
  reference: string,
  now: Date,
): Promise<Date | undefined> {
  const since = new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString();
  const oldestCounted = async (column: 'kiosk_id' | 'reference', value: number | string) => {
    const rows = await db
      .selectFrom('case_lookup_misses')
      .select('at')
      .where(column, '=', value)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(CASE_LOOKUP_WRONG_TRIES_PER_MINUTE)
      .execute();
    // Full: the try that leaves the window first (the oldest of the last N) frees the next one.
    return rows.length < CASE_LOOKUP_WRONG_TRIES_PER_MINUTE ? undefined : rows[rows.length - 1]!.at;
  };
  const times = [await oldestCounted('kiosk_id', kioskId), await oldestCounted('reference', reference)].filter(
    (t): t is string => t !== undefined,
  );
  if (times.length === 0) return undefined;
  const latest = times.sort().at(-1)!;
  return new Date(new Date(latest).getTime() + LOOKUP_WINDOW_MS);
}

/** Counts a wrong try, and forgets the tries that left every window. */
export async function recordLookupMiss(db: HubDb, kioskId: number, reference: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('case_lookup_misses')
      .where('at', '<=', new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString())
      .execute();
    await trx
      .insertInto('case_lookup_misses')
      .values({ kiosk_id: kioskId, reference, at: now.toISOString() })
      .execute();
  });
}
