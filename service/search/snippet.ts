/**
 * A short excerpt of `text` around the first place a search term occurs, with
 * the ranges to highlight. Offsets are UTF-16 code units into the snippet
 * (what JavaScript string indices and the DOM use), so a highlight never cuts
 * a character in half — CJK characters are one unit, emoji two.
 */
export interface Snippet {
  text: string;
  highlights: [start: number, end: number][];
}

const ELLIPSIS = '…';

/** All ranges where any of `terms` occurs in `text`, merged and sorted. */
export function findRanges(text: string, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const term of new Set(terms.map((t) => t.toLowerCase()).filter((t) => t !== ''))) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length))
      ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function makeSnippet(text: string, terms: readonly string[], maxChars = 90): Snippet {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const all = findRanges(flat, terms);
  const first = all[0]?.[0] ?? 0;
  // Some context before the first hit, but the hit itself always in view.
  let start = Math.max(0, first - Math.floor(maxChars / 5));
  let end = Math.min(flat.length, start + maxChars);
  start = Math.max(0, end - maxChars);
  // Never split a surrogate pair at either edge.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start] ?? '')) start++;
  if (end < flat.length && /[\uD800-\uDBFF]/.test(flat[end - 1] ?? '')) end--;
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < flat.length ? ELLIPSIS : '';
  const highlights = all
    .filter(([a, b]) => a < end && b > start)
    .map(([a, b]): [number, number] => [
      Math.max(a, start) - start + prefix.length,
      Math.min(b, end) - start + prefix.length,
    ]);
  return { text: prefix + flat.slice(start, end) + suffix, highlights };
}
