import { phoneDigits } from '../../common/redact';

/**
 * The phone numbers a receipt prints whole: the hotlines this terminal is
 * configured with, and those its content release gives (the offices it
 * lists and its region's service lines): a receipt sends the citizen there.
 * Any other number on a receipt is masked. Without a content release only
 * the configured hotlines are kept.
 */
/**
 * Read from the release once rather than at every receipt printed or
 * previewed: until the content release can be read only the hotlines are
 * kept (the offices' numbers are masked with the rest), and once it has been
 * read the list is kept until another release is served (`release` names
 * the one served): a release is never changed in place, but a switch brings
 * other offices and hotlines.
 */
export function cachedPublicPhones(
  hotlines: readonly string[],
  releasePhones: () => readonly (string | null)[],
  release: () => string | null = () => null,
): () => ReadonlySet<string> {
  let kept: { release: string | null; phones: ReadonlySet<string> } | undefined;
  return () => {
    const served = release();
    if (kept !== undefined && kept.release === served) return kept.phones;
    try {
      kept = { release: served, phones: digitsOf([...hotlines, ...releasePhones()]) };
      return kept.phones;
    } catch {
      return digitsOf(hotlines);
    }
  };
}

function digitsOf(numbers: readonly (string | null)[]): ReadonlySet<string> {
  return new Set(numbers.flatMap((n) => (n === null ? [] : [phoneDigits(n)])).filter((d) => d.length > 0));
}
