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
async function lookupRefusedUntil(db: HubDb, kioskId: number, reference: string, now: Date): Promise<Date | undefined> {
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

/**
 * Starts a look-up: the try is counted first, as a miss, and only then are
 * the windows counted — with it and with every try in flight. Counting
 * before writing let tries arriving together each see a window with room
 * and all be looked up (a burst of guesses at once). Now, of tries in
 * flight together, at most the allowed number see room; the others are
 * refused and uncounted (refused tries looked nothing up, so they do not
 * hold a kiosk or a reference back longer). A try found right is
 * forgotten with `forgetLookupTry`; a wrong one stays counted.
 */
export async function startLookupTry(
  db: HubDb,
  kioskId: number,
  reference: string,
  now: Date,
): Promise<{ tryId: number } | { refusedUntil: Date }> {
  await db
    .deleteFrom('case_lookup_misses')
    .where('at', '<=', new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString())
    .execute();
  const { id } = await db
    .insertInto('case_lookup_misses')
    .values({ kiosk_id: kioskId, reference, at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const since = new Date(now.getTime() - LOOKUP_WINDOW_MS).toISOString();
  const counted = async (column: 'kiosk_id' | 'reference', value: number | string): Promise<number> => {
    const row = await db
      .selectFrom('case_lookup_misses')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where(column, '=', value)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const limit = CASE_LOOKUP_WRONG_TRIES_PER_MINUTE;
  if ((await counted('kiosk_id', kioskId)) <= limit && (await counted('reference', reference)) <= limit)
    return { tryId: id };
  await forgetLookupTry(db, id);
  // Tries found right meanwhile may have left room: then the next try is free in a second.
  return { refusedUntil: (await lookupRefusedUntil(db, kioskId, reference, now)) ?? new Date(now.getTime() + 1000) };
}

/** Uncounts a try: it was right, or refused before anything was looked up. */
export async function forgetLookupTry(db: HubDb, tryId: number): Promise<void> {
  await db.deleteFrom('case_lookup_misses').where('id', '=', tryId).execute();
}
