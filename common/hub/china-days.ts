import { CHINA_UTC_OFFSET_MS } from './opening-hours';

/**
 * Calendar days and months in China time (UTC+8 all year, see
 * opening-hours.ts), as figures are counted by: a call at 23:30 on 31 March
 * in Wuhan is March's, whatever the hub's own time zone.
 */

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of the instant in China. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the instant in China. */
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** Whether `text` is a day of the calendar, `YYYY-MM-DD` (not 2026-02-30). */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (m === null) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The instant the China day `YYYY-MM-DD` begins. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_UTC_OFFSET_MS);
}

/** Days from `from` to `to`, both counted (1 for the same day). */
export function daysSpanned(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The day before or after: `YYYY-MM-DD` moved by `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every month `YYYY-MM` from the one of `from` to the one of `to`, in order. */
export function monthsSpanned(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

/** The first day of `at`'s month in China, and `at`'s own day: "this month so far". */
export function monthSoFar(at: Date): { from: string; to: string } {
  const to = chinaDay(at);
  return { from: `${to.slice(0, 7)}-01`, to };
}
