import { addDays, chinaDayStart } from '../../common/hub/china-days';
import { regionPrefix } from '../../common/hub/rights';
import type { HubDb } from '../storage/schema';
import type { FigureInputs } from './call-figures';
import { kioskNameOf } from './desk-snapshot';

/**
 * What the call figures are tallied from (calls/call-figures.ts), read for
 * a range of China days and a region (and those within it, by the GB/T 2260
 * prefix; null for every region): the calls queued in the range with the
 * referral of each finished record, the refused requests counted on its
 * days, and the offers of its calls that rang out. Only counts, times and
 * names of kiosks and lawyers: no caller's name, no record's text.
 */
export async function readFigureInputs(
  db: HubDb,
  range: { from: string; to: string; regionCode: string | null },
): Promise<FigureInputs> {
  const start = chinaDayStart(range.from).toISOString();
  const end = chinaDayStart(addDays(range.to, 1)).toISOString();
  const within = range.regionCode === null ? null : `${regionPrefix(range.regionCode)}%`;

  const calls = await db
    .selectFrom('calls')
    .innerJoin('kiosks', 'kiosks.id', 'calls.kiosk_id')
    .leftJoin('users', 'users.id', 'calls.lawyer_id')
    .leftJoin('call_records', 'call_records.call_id', 'calls.id')
    .select([
      'calls.kiosk_id',
      'calls.region_code',
      'calls.lawyer_id',
      'calls.created_at',
      'calls.answered_at',
      'calls.ended_at',
      'calls.end_reason',
      'kiosks.display_name',
      'kiosks.site',
      'users.display_name as lawyer_display_name',
      'users.login as lawyer_login',
      'call_records.referral',
      'call_records.finished_at as record_finished_at',
    ])
    .where('calls.created_at', '>=', start)
    .where('calls.created_at', '<', end)
    .$if(within !== null, (q) => q.where('calls.region_code', 'like', within!))
    .execute();

  const refusals = await db
    .selectFrom('call_refusals')
    .innerJoin('kiosks', 'kiosks.id', 'call_refusals.kiosk_id')
    .select([
      'call_refusals.day',
      'call_refusals.kiosk_id',
      'call_refusals.region_code',
      'call_refusals.reason',
      'call_refusals.requests',
      'kiosks.display_name',
      'kiosks.site',
    ])
    .where('call_refusals.day', '>=', range.from)
    .where('call_refusals.day', '<=', range.to)
    .$if(within !== null, (q) => q.where('call_refusals.region_code', 'like', within!))
    .execute();

  const offers = await db
    .selectFrom('call_offers')
    .innerJoin('calls', 'calls.id', 'call_offers.call_id')
    .innerJoin('users', 'users.id', 'call_offers.lawyer_id')
    .select(['call_offers.lawyer_id', 'users.display_name', 'users.login'])
    .where('call_offers.outcome', '=', 'timed-out')
    .where('calls.created_at', '>=', start)
    .where('calls.created_at', '<', end)
    .$if(within !== null, (q) => q.where('calls.region_code', 'like', within!))
    .execute();

  return {
    ...range,
    calls: calls.map((c) => ({
      kioskId: c.kiosk_id,
      kioskName: kioskNameOf(c),
      kioskRegion: c.region_code,
      lawyerId: c.lawyer_id,
      lawyerName: c.lawyer_id === null ? null : (c.lawyer_display_name ?? c.lawyer_login),
      createdAt: c.created_at,
      answeredAt: c.answered_at,
      endedAt: c.ended_at,
      endReason: c.end_reason,
      referral: c.record_finished_at === null || c.referral === null ? undefined : c.referral,
    })),
    refusals: refusals.map((r) => ({
      day: r.day,
      kioskId: r.kiosk_id,
      kioskName: kioskNameOf(r),
      kioskRegion: r.region_code,
      reason: r.reason,
      requests: r.requests,
    })),
    unansweredOffers: offers.map((o) => ({ lawyerId: o.lawyer_id, lawyerName: o.display_name ?? o.login })),
  };
}
