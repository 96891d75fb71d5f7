import type { HealthSample } from '../../common/hub/api/alerts';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { heartbeatConditions } from '../../common/hub/alert-rules';
import type { HubDb } from './schema';

/**
 * A kiosk's health history: what its page draws over the last days.
 *
 * Not every heartbeat: 10,000 kiosks beating every half minute would be
 * 29 million rows a day, almost all saying "same as before". A sample is
 * kept when something one would look for changed — a device's state, the
 * software or content version, an alert condition — and otherwise once an
 * hour, which draws disk space and outbox depth well enough over two weeks
 * (at most 24 a day per quiet kiosk: 240,000 rows a day for 10,000, pruned
 * after HEALTH_SAMPLE_KEEP_MS). Offline spells are not samples: they are
 * in the alert history, with when they began and ended.
 */

/** A quiet kiosk gets a sample this often. */
export const HEALTH_SAMPLE_EVERY_MS = 60 * 60 * 1000;

/** Samples are kept this long (a little longer than a kiosk's page shows: HEALTH_HISTORY_DAYS). */
export const HEALTH_SAMPLE_KEEP_MS = 15 * 24 * 60 * 60 * 1000;

type Sample = Omit<HealthSample, 'at'>;

function sampleOf(report: KioskHeartbeat): Sample {
  return {
    appVersion: report.appVersion,
    contentVersion: report.contentVersion,
    diskFreeBytes: report.diskFreeBytes,
    outboxDepth: report.outboxDepth,
    clockOffsetMs: report.clockOffsetMs,
    devices: report.devices.map((d) => ({ device: d.device, state: d.state })),
  };
}

/** What must differ for a sample to be worth keeping before the hour is up: not the figures that move every beat. */
function signature(s: Sample): string {
  const conditions = [...heartbeatConditions({ ...s, uptimeSeconds: 0, lastCrash: null }).keys()];
  return JSON.stringify([s.appVersion, s.contentVersion, s.devices, conditions]);
}

/** Whether a heartbeat adds a sample after the kiosk's last one (none: it does). */
export function worthSampling(last: { at: string; sample: Sample } | undefined, next: Sample, now: Date): boolean {
  if (last === undefined) return true;
  if (now.getTime() - Date.parse(last.at) >= HEALTH_SAMPLE_EVERY_MS) return true;
  return signature(last.sample) !== signature(next);
}

/** Keeps a sample of the heartbeat if it is worth keeping: true if it did. */
export async function sampleHealth(db: HubDb, kioskId: number, report: KioskHeartbeat, now: Date): Promise<boolean> {
  const last = await db
    .selectFrom('kiosk_health_samples')
    .select(['at', 'sample'])
    .where('kiosk_id', '=', kioskId)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = sampleOf(report);
  if (!worthSampling(last && { at: last.at, sample: JSON.parse(last.sample) as Sample }, next, now)) return false;
  const done = await db
    .insertInto('kiosk_health_samples')
    .values({ kiosk_id: kioskId, at: now.toISOString(), sample: JSON.stringify(next) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * The kiosk's samples since `since`, oldest first, the newest `limit` of
 * them: a device flapping all day samples at every change, and a page
 * must still load.
 */
export async function healthHistory(db: HubDb, kioskId: number, since: Date, limit: number): Promise<HealthSample[]> {
  const rows = await db
    .selectFrom('kiosk_health_samples')
    .select(['at', 'sample'])
    .where('kiosk_id', '=', kioskId)
    .where('at', '>=', since.toISOString())
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ at: r.at, ...(JSON.parse(r.sample) as Sample) }));
}

/** Deletes samples older than HEALTH_SAMPLE_KEEP_MS, at most `batch` at a time so no sweep holds the database long: how many. */
export async function pruneHealthSamples(db: HubDb, now: Date, batch = 5000): Promise<number> {
  const cutoff = new Date(now.getTime() - HEALTH_SAMPLE_KEEP_MS).toISOString();
  const old = await db
    .selectFrom('kiosk_health_samples')
    .select(['kiosk_id', 'at'])
    .where('at', '<', cutoff)
    .orderBy('at')
    .limit(batch)
    .execute();
  if (old.length === 0) return 0;
  const last = old[old.length - 1]!.at;
  // Everything up to the batch's last time (ties included): one indexed range, the same rows on both engines.
  const done = await db
    .deleteFrom('kiosk_health_samples')
    .where('at', '<=', last)
    .where('at', '<', cutoff)
    .executeTakeFirst();
  return Number(done.numDeletedRows);
}
