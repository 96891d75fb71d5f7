import type { KioskSummary } from '../../../common/hub/api/kiosks';

/** The kiosks by region, regions in code order, each region's kiosks by name. */
export function groupByRegion(kiosks: readonly KioskSummary[]): [string, KioskSummary[]][] {
  const groups = new Map<string, KioskSummary[]>();
  for (const k of kiosks) groups.set(k.regionCode, [...(groups.get(k.regionCode) ?? []), k]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, list]) => [region, list.sort((a, b) => a.displayName.localeCompare(b.displayName))]);
}
