/**
 * Text cut into plain and highlighted runs, for drawing search hits with
 * <mark>. Offsets are UTF-16 code units (what JavaScript strings index), as
 * the service sends them; they are not trusted: out-of-range, reversed,
 * overlapping or unsorted ranges are cleaned up, and a range edge that falls
 * inside a surrogate pair is widened so an emoji or a rare Han character is
 * never cut in half.
 */
export interface TextSegment {
  text: string;
  mark: boolean;
}

export type Range = readonly [start: number, end: number];

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves an offset that would split a surrogate pair to the pair's start (`start`) or end (`end`). */
function snap(text: string, offset: number, edge: 'start' | 'end'): number {
  if (offset <= 0 || offset >= text.length) return offset;
  const splitsPair = isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  if (!splitsPair) return offset;
  return edge === 'start' ? offset - 1 : offset + 1;
}

/** Sorted, non-overlapping, non-empty ranges inside `text`. */
export function normalizeRanges(text: string, ranges: readonly Range[]): [number, number][] {
  const clean = ranges
    .map(([a, b]): [number, number] => {
      const lo = Math.max(0, Math.min(a, b, text.length));
      const hi = Math.min(text.length, Math.max(a, b, 0));
      return [snap(text, Math.trunc(lo), 'start'), snap(text, Math.ceil(hi), 'end')];
    })
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const range of clean) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function highlightSegments(text: string, ranges: readonly Range[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of normalizeRanges(text, ranges)) {
    if (start > at) segments.push({ text: text.slice(at, start), mark: false });
    segments.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

/** Every place `needle` occurs in `text` (case-insensitive for Latin letters), as ranges for {@link highlightSegments}. */
export function findRanges(text: string, needle: string): [number, number][] {
  const query = needle.trim().toLowerCase();
  if (query === '') return [];
  const haystack = text.toLowerCase();
  // Lower-casing can change the length of a few exotic characters; then offsets would not fit the original.
  if (haystack.length !== text.length) return [];
  const ranges: [number, number][] = [];
  for (let i = haystack.indexOf(query); i !== -1; i = haystack.indexOf(query, i + query.length))
    ranges.push([i, i + query.length]);
  return ranges;
}
