/**
 * Calendar dates for the labour calculators, as day numbers (days since
 * 1970-01-01) so that comparing and subtracting them is plain arithmetic.
 * Only calendar dates: no time of day and no time zone, because the law
 * counts days and the citizen types a date, not an instant.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** YYYY-MM-DD → day number. Throws a RangeError naming `what` for anything else. */
export function parseIsoDate(text: string, what = 'the date'): number {
  const m = ISO_DATE.exec(text);
  if (m !== null) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (y >= 1900 && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / MS_PER_DAY;
  }
  throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
}

export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The day `months` calendar months after `day`, on the same day of the month,
 * or the month's last day when that month is shorter (2024-01-31 + 1 month →
 * 2024-02-29). This is how 民法典 第二百零二条 finds the end of a period
 * counted in months, used here for every "满 N 个月" and "满一年".
 */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
}

/** A span in whole months and the days left over. */
export interface MonthSpan {
  months: number;
  days: number;
  /** Length in days of the month the leftover days fall in (from the last whole month to the next). */
  daysInPartMonth: number;
}

/**
 * Whole months from `start` to `endExclusive`, counted on `start`'s day of the
 * month (addMonths), and the days left. 2020-01-15 → 2021-03-20 is 14 months
 * and 5 days.
 */
export function monthSpan(start: number, endExclusive: number): MonthSpan {
  if (endExclusive < start) throw new RangeError('a span cannot end before it starts');
  const s = new Date(start * MS_PER_DAY);
  const e = new Date(endExclusive * MS_PER_DAY);
  let months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + (e.getUTCMonth() - s.getUTCMonth());
  if (addMonths(start, months) > endExclusive) months--;
  const anchor = addMonths(start, months);
  return { months, days: endExclusive - anchor, daysInPartMonth: addMonths(start, months + 1) - anchor };
}
