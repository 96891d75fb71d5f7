import { phoneDigits } from '../../common/redact';

/**
 * The phone numbers a receipt prints whole: the hotlines this terminal is
 * configured with and the offices its content release lists (a receipt
 * sends the citizen there). Any other number on a receipt is masked. Without
 * a content release only the hotlines are kept.
 */
export function publicPhones(
  hotlines: readonly string[],
  directoryPhones: () => readonly (string | null)[],
): ReadonlySet<string> {
  let listed: readonly (string | null)[] = [];
  try {
    listed = directoryPhones();
  } catch {
    // No usable content release: the offices' numbers are masked with the rest.
  }
  return new Set(
    [...hotlines, ...listed].flatMap((n) => (n === null ? [] : [phoneDigits(n)])).filter((d) => d.length > 0),
  );
}
