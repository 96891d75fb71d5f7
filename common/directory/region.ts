import { PROVINCE_LEVEL_CODES } from '../province-codes';
import { DIRECTORY_KINDS, type DirectoryKind } from './kinds';

/**
 * GB/T 2260 administrative division codes and which offices a terminal lists.
 *
 * A code is six digits: province (2), city (2), county/district (2).
 * 420000 湖北省 · 420100 武汉市 · 420111 武汉市洪山区.
 */

export type RegionLevel = 'province' | 'city' | 'county';

/** Why `code` is not a region code, or undefined when it is one. */
export function regionCodeProblem(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return `"${code}" is not a region code: expected 6 digits (GB/T 2260), e.g. "420111"`;
  if (!PROVINCE_LEVEL_CODES.has(code.slice(0, 2)))
    return `"${code}" is not a region code: no province starts with ${code.slice(0, 2)}`;
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00')
    return `"${code}" is not a region code: a county code needs its city digits (${code.slice(0, 2)}XX${code.slice(4)})`;
  return undefined;
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

export const provinceOf = (code: string): string => `${code.slice(0, 2)}0000`;
export const cityOf = (code: string): string => `${code.slice(0, 4)}00`;

/**
 * The regions `code` lies in, itself first, then its city, then its
 * province: 420111 → 420111, 420100, 420000; a city 420100 → 420100,
 * 420000; a province → itself.
 */
export function enclosingRegions(code: string): string[] {
  const level = regionLevel(code);
  if (level === 'province') return [code];
  if (level === 'city') return [code, provinceOf(code)];
  return [code, cityOf(code), provinceOf(code)];
}

/** Whether a terminal in `terminal` lies in `region` (is it, or a region under it): 420000 and 420100 contain 420111. */
export const regionContains = (region: string, terminal: string): boolean =>
  enclosingRegions(terminal).includes(region);

/**
 * How an office's region stands to the terminal's, nearest first:
 *
 * - `local`: the terminal's own region (420111 for a terminal in 420111);
 * - `city`: the city the terminal's county belongs to (420100);
 * - `nearby`: another region of the same city (420106 武昌区) — for a
 *   province-level terminal, any region of the province;
 * - `province`: the province (420000).
 *
 * Undefined: an office the terminal does not list (another city or province).
 */
export const DIRECTORY_SCOPES = ['local', 'city', 'nearby', 'province'] as const;
export type DirectoryScope = (typeof DIRECTORY_SCOPES)[number];

export function directoryScope(terminal: string, office: string): DirectoryScope | undefined {
  if (office === terminal) return 'local';
  const level = regionLevel(terminal);
  if (level === 'province') return office.startsWith(terminal.slice(0, 2)) ? 'nearby' : undefined;
  if (level === 'county' && office === cityOf(terminal)) return 'city';
  if (office.startsWith(terminal.slice(0, 4)) && office !== provinceOf(terminal)) return 'nearby';
  if (office === provinceOf(terminal)) return 'province';
  return undefined;
}

export interface DirectoryOffice {
  id: string;
  kind: DirectoryKind;
  name: string;
  regionCode: string;
}

const byName = new Intl.Collator('zh-CN');

/**
 * The offices a terminal in region `terminal` lists, optionally of one kind:
 * nearest region first (see {@link directoryScope}), then by kind in the
 * order of {@link DIRECTORY_KINDS}, then by name (pinyin order), then id.
 */
export function officesForTerminal<T extends DirectoryOffice>(
  offices: readonly T[],
  terminal: string,
  kind?: DirectoryKind,
): (T & { scope: DirectoryScope })[] {
  const out: (T & { scope: DirectoryScope })[] = [];
  for (const o of offices) {
    if (kind !== undefined && o.kind !== kind) continue;
    const scope = directoryScope(terminal, o.regionCode);
    if (scope !== undefined) out.push({ ...o, scope });
  }
  return out.sort(
    (a, b) =>
      DIRECTORY_SCOPES.indexOf(a.scope) - DIRECTORY_SCOPES.indexOf(b.scope) ||
      DIRECTORY_KINDS.indexOf(a.kind) - DIRECTORY_KINDS.indexOf(b.kind) ||
      byName.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
