import { EXIT_USAGE, fail } from './exit-codes';

/** A whole number 1–max given for `flag`; anything else ends the CLI with a usage error. */
export function positiveInt(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    fail(`${flag}: expected a whole number 1–${max}, got "${text}"`, EXIT_USAGE);
  return n;
}
