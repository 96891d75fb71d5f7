import { phoneDigits } from '../../common/redact';

/**
 * The phone numbers a receipt prints whole: the hotlines this terminal is
 * configured with and the offices its content release lists (a receipt
 * sends the citizen there). Any other number on a receipt is masked. Without
 * a content release only the hotlines are kept.
 */
/**
 * Read from the directory once rather than at every receipt printed or
 * previewed: until the content release can be read only the hotlines are
 * kept (the offices' numbers are masked with the rest), and once it has been
 * read the list is kept, since a release is never changed in place.
 */
export function cachedPublicPhones(
  hotlines: readonly string[],
  directoryPhones: () => readonly (string | null)[],
): () => ReadonlySet<string> {
  let kept: ReadonlySet<string> | undefined;
  return () => {
    if (kept !== undefined) return kept;
    try {
      kept = digitsOf([...hotlines, ...directoryPhones()]);
      return kept;
    } catch {
      return digitsOf(hotlines);
    }
  };
}

function digitsOf(numbers: readonly (string | null)[]): ReadonlySet<string> {
  return new Set(numbers.flatMap((n) => (n === null ? [] : [phoneDigits(n)])).filter((d) => d.length > 0));
}
