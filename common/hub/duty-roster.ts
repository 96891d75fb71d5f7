import { err, ok, type Result } from '../result';
import { CHINA_UTC_OFFSET_MS, chinaTimeOf, parseRange, WEEKDAYS, type Weekday } from './opening-hours';

/**
 * The duty roster (排班) of a region: when lawyers answer video calls from
 * its kiosks, per weekday, in China time (as opening hours are, see
 * opening-hours.ts). A region's hours are those of its own entries and of
 * every region above it (a city's roster covers its districts); a region
 * no entry covers has no hours set, and its calls are taken whenever a
 * lawyer is on duty. An entry may name the lawyer on duty then: the
 * console shows it; who is rung is decided by the lawyers' duty status and
 * queues, not by the roster.
 */

export interface RosterEntry {
  weekday: Weekday;
  /** `HH:MM-HH:MM`, as an opening-hours range; never past midnight. */
  hours: string;
  lawyerId: number | null;
}

/** Entries a region's roster may have: a few shifts a day for a week, with room. */
export const MAX_ROSTER_ENTRIES = 200;

export const ROSTER_PROBLEMS = ['range-invalid', 'closes-before-opens', 'lawyer-unknown', 'too-many-entries'] as const;
export type RosterProblemCode = (typeof ROSTER_PROBLEMS)[number];

export interface RosterProblem {
  /** The entry's place in the list as given; absent for a problem of the whole list. */
  index?: number;
  problem: RosterProblemCode;
}

/**
 * Checks a roster's entries as given (surrounding spaces allowed) and
 * answers them tidied and sorted by weekday and start; or every problem,
 * with its entry. Entries may overlap: two lawyers on duty at once is a
 * roster, not a mistake.
 */
export function checkRoster(entries: readonly RosterEntry[]): Result<RosterEntry[], RosterProblem[]> {
  const problems: RosterProblem[] = [];
  if (entries.length > MAX_ROSTER_ENTRIES) problems.push({ problem: 'too-many-entries' });
  const tidy: (RosterEntry & { opens: number })[] = [];
  entries.forEach((entry, index) => {
    const hours = entry.hours.trim();
    const range = parseRange(hours);
    if (range === undefined) problems.push({ index, problem: 'range-invalid' });
    else if (range.closes <= range.opens) problems.push({ index, problem: 'closes-before-opens' });
    else tidy.push({ ...entry, hours, opens: range.opens });
  });
  if (problems.length > 0) return err(problems);
  tidy.sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.opens - b.opens);
  return ok(tidy.map(({ weekday, hours, lawyerId }) => ({ weekday, hours, lawyerId })));
}

/** Whether `at` falls in one of the entries' hours. */
export function onDutyAt(entries: readonly Pick<RosterEntry, 'weekday' | 'hours'>[], at: Date): boolean {
  const { day, minute } = chinaTimeOf(at);
  return entries.some((e) => {
    const range = e.weekday === day ? parseRange(e.hours) : undefined;
    return range !== undefined && minute >= range.opens && minute < range.closes;
  });
}

const DAY_MS = 86_400_000;

/** When the next shift of the entries starts after `at`, within a week; null for a roster with none. */
export function nextDutyStart(entries: readonly Pick<RosterEntry, 'weekday' | 'hours'>[], at: Date): Date | null {
  // Midnight of `at`'s day in China time, as an instant.
  const local = at.getTime() + CHINA_UTC_OFFSET_MS;
  const midnight = local - (local % DAY_MS) - CHINA_UTC_OFFSET_MS;
  let next: number | null = null;
  for (let d = 0; d <= 7; d++) {
    const dayStart = midnight + d * DAY_MS;
    const { day } = chinaTimeOf(new Date(dayStart));
    for (const e of entries) {
      const range = e.weekday === day ? parseRange(e.hours) : undefined;
      if (range === undefined) continue;
      const start = dayStart + range.opens * 60_000;
      if (start > at.getTime() && (next === null || start < next)) next = start;
    }
    if (next !== null) break;
  }
  return next === null ? null : new Date(next);
}
