import type { DirectoryEntry } from '../../common/api/directory';
import { DIRECTORY_KINDS, type DirectoryKind } from '../../common/directory/kinds';
import { type DirectoryScope, regionLevel } from '../../common/directory/region';
import type { IconName } from '../../ui/icons/Icon';
import { officePageUrl } from '../../common/take-away';

/**
 * What the directory screens show about an office, as plain functions: the
 * kinds offered on the first screen, the words for where an office is as
 * seen from this terminal, and what the office's QR code holds.
 */

/** The first screen's choices: every kind, then all of them. */
export const DIRECTORY_CHOICES = [...DIRECTORY_KINDS, 'all'] as const;
export type DirectoryChoice = (typeof DIRECTORY_CHOICES)[number];

export const KIND_ICON: Readonly<Record<DirectoryChoice, IconName>> = {
  'legal-aid-centre': 'legalAid',
  'mediation-committee': 'handshake',
  'notary-office': 'scroll',
  'arbitration-commission': 'scales',
  'legal-service-centre': 'building',
  'law-firm': 'briefcase',
  all: 'directory',
};

/** The directory request for a choice: no kind means every kind. */
export function directoryRequest(choice: DirectoryChoice): { kind?: DirectoryKind } {
  return choice === 'all' ? {} : { kind: choice };
}

export function countByChoice(entries: readonly Pick<DirectoryEntry, 'kind'>[]): Record<DirectoryChoice, number> {
  const counts = Object.fromEntries(DIRECTORY_CHOICES.map((c) => [c, 0])) as Record<DirectoryChoice, number>;
  for (const e of entries) counts[e.kind] += 1;
  counts.all = entries.length;
  return counts;
}

/** Keys of `directory.scope` in the catalogue. */
export type ScopeKey =
  | 'local-county'
  | 'local-city'
  | 'local-province'
  | 'city'
  | 'nearby-county'
  | 'nearby-city'
  | 'nearby-province'
  | 'province';

/**
 * The words for an office's scope depend on the terminal's own level: "local"
 * is 本区 for a district terminal but 本市 for a city one, and "nearby" is
 * another district of the city, or anywhere in the province for a province
 * terminal (see directoryScope in common/directory/region.ts).
 */
export function scopeKey(scope: DirectoryScope, terminalRegionCode: string): ScopeKey {
  const level = regionLevel(terminalRegionCode);
  switch (scope) {
    case 'local':
      return `local-${level}`;
    case 'nearby':
      return `nearby-${level}`;
    case 'city':
    case 'province':
      return scope;
  }
}

export type OfficeQr = { kind: 'link' | 'map' | 'text'; data: string };

/**
 * With a hub, the link to its page for the office (address, hours, phone,
 * services and the map link, kept up to date by the hub). Without one, the
 * office's map link when the release has one (a phone opens the map);
 * otherwise its name, address and phone as text, which a phone keeps. The
 * text stays Chinese, as the office's own details are.
 */
export function officeQr(
  office: Pick<DirectoryEntry, 'id' | 'name' | 'address' | 'phone' | 'mapUrl'>,
  hubUrl: string | null,
): OfficeQr {
  if (hubUrl !== null) return { kind: 'link', data: officePageUrl(hubUrl, office.id) };
  if (office.mapUrl !== null && office.mapUrl.trim() !== '') return { kind: 'map', data: office.mapUrl };
  const lines = [office.name, `地址：${office.address}`];
  if (office.phone !== null && office.phone.trim() !== '') lines.push(`电话：${office.phone}`);
  return { kind: 'text', data: lines.join('\n') };
}
