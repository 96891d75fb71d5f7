import { mayManageKiosksIn, type AccountScope } from '../../../common/hub/rights';

/**
 * The regions an administrator is likely to mean, offered as they type one
 * (any other 6-digit code of theirs may still be typed): their own, and
 * the regions of the kiosks they manage with the city and province each
 * lies in (GB/T 2260: 420111 → 420100 → 420000) — a city's roster covers
 * its districts. Only regions the caller manages, in code order.
 */
export function regionOptions(actor: AccountScope, kioskRegions: readonly string[]): string[] {
  const codes = new Set<string>();
  if (actor.regionCode !== null) codes.add(actor.regionCode);
  for (const code of kioskRegions)
    for (const above of [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) codes.add(above);
  return [...codes].filter((code) => mayManageKiosksIn(actor, code)).sort();
}
