/**
 * Dates as the terminal's clock and time zone give them: what receipts,
 * reference numbers, a day's figures and "today" on a form are dated by.
 */

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The local date, YYYY-MM-DD. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** The local date and time to the minute, "YYYY-MM-DD HH:MM". */
export function localDateTime(date: Date): string {
  return `${localDay(date)} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}
