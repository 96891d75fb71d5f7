import type { RosterEntry } from '../../common/hub/duty-roster';
import { regionWithin } from '../../common/hub/rights';
import { appendAudit, type AuditActor } from './audit-log';
import type { HubDb } from './schema';

/** Duty rosters (common/hub/duty-roster.ts) in storage, per region. */

export const regionTarget = (code: string): string => `region:${code}`;

/** The roster set for exactly this region, sorted by weekday and start (as checkRoster keeps them). */
export async function rosterOf(db: HubDb, regionCode: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('duty_roster')
    .select(['weekday', 'hours', 'lawyer_id'])
    .where('region_code', '=', regionCode)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, hours: r.hours, lawyerId: r.lawyer_id }));
}

/** The regions that may cover a kiosk's: its own, its city's, its province's (GB/T 2260). */
function regionsAbove(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

/** Every entry that covers a kiosk of this region: its own region's and those of the regions it lies within. */
export async function rosterCovering(db: HubDb, kioskRegion: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('duty_roster')
    .select(['region_code', 'weekday', 'hours', 'lawyer_id'])
    .where('region_code', 'in', regionsAbove(kioskRegion))
    .execute();
  return rows
    .filter((r) => regionWithin(r.region_code, kioskRegion))
    .map((r) => ({ weekday: r.weekday, hours: r.hours, lawyerId: r.lawyer_id }));
}

/** Replaces the region's roster whole (checked already), audited with its entries before and after. */
export async function setRoster(
  db: HubDb,
  regionCode: string,
  entries: readonly RosterEntry[],
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await rosterOf(trx, regionCode);
    await trx.deleteFrom('duty_roster').where('region_code', '=', regionCode).execute();
    if (entries.length > 0)
      await trx
        .insertInto('duty_roster')
        .values(
          entries.map((e) => ({ region_code: regionCode, weekday: e.weekday, hours: e.hours, lawyer_id: e.lawyerId })),
        )
        .execute();
    await appendAudit(
      trx,
      { actor, action: 'duty.roster', target: regionTarget(regionCode), details: { from: before, to: entries } },
      now,
    );
  });
}
