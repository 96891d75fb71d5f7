import { sql } from 'kysely';
import type { CaseKind } from '../../common/hub/cases';
import { addDays, chinaMonth } from '../../common/hub/china-days';
import { regionPrefix } from '../../common/hub/rights';
import { readFigureInputs } from '../calls/figure-inputs';
import { kioskNameOf } from '../calls/desk-snapshot';
import type { HubDb } from '../storage/schema';
import type { YearInputs } from './year-figures';

/**
 * What the year's figures are tallied from (figures/year-figures.ts), for a
 * year, a region (and those within it, by the GB/T 2260 prefix; null for
 * every region) and a kiosk (null for all): the kiosks' usage summed per
 * month in the database, the case facts of cases submitted in the year,
 * and the year's video calls (calls/figure-inputs.ts). Counts, dates and
 * kiosk names only.
 */
export async function readYearInputs(
  db: HubDb,
  scope: { year: number; regionCode: string | null; kioskId: number | null },
): Promise<YearInputs> {
  const { year, regionCode, kioskId } = scope;
  const within = regionCode === null ? null : `${regionPrefix(regionCode)}%`;
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;

  const month = sql<string>`substr(day, 1, 7)`;
  const usage = await db
    .selectFrom('kiosk_usage_daily')
    .select([
      month.as('month'),
      'kiosk_id',
      'region_code',
      'metric',
      'key',
      // PostgreSQL sums integers as bigint, which its driver answers as text.
      sql<string | number>`sum(count)`.as('count'),
    ])
    .where('day', '>=', first)
    .where('day', '<=', last)
    .$if(within !== null, (q) => q.where('region_code', 'like', within!))
    .$if(kioskId !== null, (q) => q.where('kiosk_id', '=', kioskId!))
    .groupBy([month, 'kiosk_id', 'region_code', 'metric', 'key'])
    .execute();

  // Submitted times carry the kiosk's offset, so the text range is widened by
  // two days each side and the year decided on the instant, in China time.
  const cases = (
    await db
      .selectFrom('case_facts')
      .select(['kind', 'kiosk_id', 'region_code', 'submitted_at', 'accepted_at', 'assigned_at', 'outcome'])
      .where('submitted_at', '>=', addDays(first, -2))
      .where('submitted_at', '<', addDays(last, 3))
      .$if(within !== null, (q) => q.where('region_code', 'like', within!))
      .$if(kioskId !== null, (q) => q.where('kiosk_id', '=', kioskId!))
      .execute()
  ).filter((c) => chinaMonth(new Date(c.submitted_at)).startsWith(`${year}-`));

  const calls = (await readFigureInputs(db, { from: first, to: last, regionCode })).calls.filter(
    (c) => kioskId === null || c.kioskId === kioskId,
  );

  const ids = [
    ...new Set([...usage.map((u) => u.kiosk_id), ...cases.map((c) => c.kiosk_id), ...calls.map((c) => c.kioskId)]),
  ];
  const kiosks =
    ids.length === 0
      ? []
      : await db.selectFrom('kiosks').select(['id', 'display_name', 'site']).where('id', 'in', ids).execute();

  return {
    year,
    regionCode,
    kioskId,
    usage: usage.map((u) => ({
      month: u.month,
      kioskId: u.kiosk_id,
      regionCode: u.region_code,
      metric: u.metric,
      key: u.key,
      count: Number(u.count),
    })),
    cases: cases.map((c) => ({
      kind: c.kind as CaseKind,
      kioskId: c.kiosk_id,
      regionCode: c.region_code,
      submittedAt: c.submitted_at,
      acceptedAt: c.accepted_at,
      assignedAt: c.assigned_at,
      outcome: c.outcome,
    })),
    calls,
    kioskNames: new Map(kiosks.map((k) => [k.id, kioskNameOf(k)])),
  };
}
