import { EXIT_USAGE, fail } from './exit-codes';

/** A whole number 1–max given for `flag`; anything else ends the CLI with a usage error. */
export function positiveInt(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    fail(`${flag}: expected a whole number 1–${max}, got "${text}"`, EXIT_USAGE);
  return n;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration given for `flag` as a whole number and a unit (`90s`, `30m`, `24h`, `7d`), in seconds, within min–max. */
export function durationSeconds(text: string, flag: string, min: number, max: number): number {
  const match = /^(\d{1,7})([smhd])$/.exec(text.trim());
  const seconds = match === null ? NaN : Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  if (!(seconds >= min && seconds <= max))
    fail(
      `${flag}: expected a duration such as 30m, 24h or 7d, from ${min}s to ${max / 86_400}d; got "${text}"`,
      EXIT_USAGE,
    );
  return seconds;
}
