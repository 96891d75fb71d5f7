/**
 * An ID number in groups, for reading it against the card or a document:
 * each group is one fact the reader can check on its own.
 *
 * - 18 characters (GB 11643, also the residence permits and the 2023 foreign
 *   card): region 6, birth date 8, sequence and check character 4 —
 *   420111 19500308 0241.
 * - 15 digits (the first-generation number, before 1999): region 6, birth
 *   date without the century 6, sequence 3 — 420111 500308 024.
 * - 15 characters starting with three letters (the 2017 foreign permanent
 *   residence card): nationality 3, office of issue 4, birth date 6,
 *   sequence 2 — USA 1100 850620 21. Grouped 6-6-3 it would cut the
 *   nationality and the birth date in half.
 *
 * A number still being typed is grouped as far as it goes (region, then the
 * birth date), so the groups do not jump about under the citizen's finger.
 * Spaces are dropped and x is read as X, as the keyboard leaves it.
 */
export function groupIdNumber(text: string): string {
  const id = text.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{3}\d{12}$/.test(id)) return group(id, [3, 4, 6]);
  if (/^\d{15}$/.test(id)) return group(id, [6, 6]);
  return group(id, [6, 8]);
}

/** Cuts `id` after each of `lengths` characters, as far as it reaches; the rest is the last group. */
function group(id: string, lengths: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const length of lengths) {
    if (id.length <= at + length) break;
    parts.push(id.slice(at, at + length));
    at += length;
  }
  parts.push(id.slice(at));
  return parts.join(' ');
}
