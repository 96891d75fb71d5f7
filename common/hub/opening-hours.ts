import { err, ok, type Result } from '../result';

/**
 * When a kiosk's site is open, per weekday, in China time. The hub raises
 * an offline alert only inside these hours: a kiosk switched off with its
 * service hall at night is not an outage, and an alarm every night teaches
 * staff to ignore alarms.
 *
 * China time is UTC+8 all year (no daylight saving since 1991), so the
 * hub works it out with a fixed offset instead of depending on the time
 * zone database of whatever machine it runs on.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Each weekday's opening ranges, `HH:MM-HH:MM`, in order and apart; none
 * for a day the site is closed. Several ranges for a lunch break (many
 * service halls close 12:00–14:00). `24:00` closes at midnight; a range
 * never runs past midnight (a site open all night says 00:00-24:00 on both
 * days).
 */
export type OpeningHours = Record<Weekday, string[]>;

/** At most this many ranges a day: a morning, an afternoon, an evening, and one spare. */
export const MAX_RANGES_PER_DAY = 4;

export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Until an administrator says otherwise: office hours, every day. Community
 * service halls commonly open at weekends too; a closed day is set once,
 * whereas hours that were too short would hide real outages.
 */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: ['08:30-17:30'],
  tue: ['08:30-17:30'],
  wed: ['08:30-17:30'],
  thu: ['08:30-17:30'],
  fri: ['08:30-17:30'],
  sat: ['08:30-17:30'],
  sun: ['08:30-17:30'],
};

export const OPENING_HOURS_PROBLEMS = ['range-invalid', 'closes-before-opens', 'overlap', 'too-many-ranges'] as const;
export type OpeningHoursProblemCode = (typeof OPENING_HOURS_PROBLEMS)[number];

export interface OpeningHoursProblem {
  day: Weekday;
  problem: OpeningHoursProblemCode;
  /** The range as given, when the problem is one range's. */
  range?: string;
}

const RANGE = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM-HH:MM`'s two ends; undefined unless well-formed (24:00 only as an end). */
export function parseRange(text: string): { opens: number; closes: number } | undefined {
  const m = RANGE.exec(text);
  if (m === null) return undefined;
  const opens = Number(m[1]) * 60 + Number(m[2]);
  const closes = Number(m[3]) * 60 + Number(m[4]);
  if (opens >= 24 * 60 || closes > 24 * 60) return undefined;
  return { opens, closes };
}

/**
 * Checks hours as given (surrounding spaces allowed) and answers them
 * tidied, each day's ranges sorted; or every problem, with its day.
 */
export function checkOpeningHours(hours: OpeningHours): Result<OpeningHours, OpeningHoursProblem[]> {
  const problems: OpeningHoursProblem[] = [];
  const tidy = {} as OpeningHours;
  for (const day of WEEKDAYS) {
    const ranges = hours[day].map((r) => r.trim());
    if (ranges.length > MAX_RANGES_PER_DAY) problems.push({ day, problem: 'too-many-ranges' });
    const parsed: { text: string; opens: number; closes: number }[] = [];
    for (const text of ranges) {
      const range = parseRange(text);
      if (range === undefined) problems.push({ day, problem: 'range-invalid', range: text });
      else if (range.closes <= range.opens) problems.push({ day, problem: 'closes-before-opens', range: text });
      else parsed.push({ text, ...range });
    }
    parsed.sort((a, b) => a.opens - b.opens);
    for (let i = 1; i < parsed.length; i++)
      if (parsed[i]!.opens < parsed[i - 1]!.closes) problems.push({ day, problem: 'overlap', range: parsed[i]!.text });
    tidy[day] = parsed.map((r) => r.text);
  }
  return problems.length === 0 ? ok(tidy) : err(problems);
}

/** The weekday and minute since midnight of `at` in China time. */
export function chinaTimeOf(at: Date): { day: Weekday; minute: number } {
  const local = new Date(at.getTime() + CHINA_UTC_OFFSET_MS);
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday, as Chinese calendars do.
  return { day: WEEKDAYS[(local.getUTCDay() + 6) % 7]!, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** Whether the site is open at `at` by its hours (China time). */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const { day, minute } = chinaTimeOf(at);
  return hours[day].some((text) => {
    const range = parseRange(text);
    return range !== undefined && minute >= range.opens && minute < range.closes;
  });
}
