import type { LanguageTag } from '../../common/i18n/catalogue';

/**
 * Dates as a citizen reads them. Law version dates come from the content
 * release as ISO dates, sometimes only a year or a year and month
 * ("2023" for the Criminal Law's latest amendment); they are shown as
 * precisely as they are known, never with an invented day.
 */
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ISO_PARTIAL = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** 2012-12-28 → 2012年12月28日 (zh-CN) or 28 December 2012 (en); anything unexpected is shown as it is. */
export function formatLegalDate(value: string, language: LanguageTag): string {
  const m = ISO_PARTIAL.exec(value.trim());
  if (m === null) return value;
  const year = m[1]!;
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return value;
  if (day !== undefined && (day < 1 || day > 31)) return value;
  if (language === 'zh-CN')
    return `${year}年${month === undefined ? '' : `${month}月`}${day === undefined ? '' : `${day}日`}`;
  const monthName = month === undefined ? undefined : MONTHS_EN[month - 1];
  return [day, monthName, year].filter((p) => p !== undefined).join(' ');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The kiosk's local time on a receipt: 2025年1月15日 14:05 / 15 January 2025, 14:05. */
export function formatPrintedAt(date: Date, language: LanguageTag): string {
  const iso = `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return language === 'zh-CN'
    ? `${formatLegalDate(iso, language)} ${time}`
    : `${formatLegalDate(iso, language)}, ${time}`;
}
