import type { RosterEntry } from '../../../common/hub/duty-roster';
import { WEEKDAYS, type Weekday } from '../../../common/hub/opening-hours';

/**
 * The roster as the page edits it before saving it whole: kept in the
 * order the hub keeps it (weekday, then start), so the hub's problems,
 * which name an entry by its place in the list sent, land on the row shown
 * there.
 */

export function sortShifts(shifts: readonly RosterEntry[]): RosterEntry[] {
  return [...shifts].sort(
    (a, b) =>
      WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) ||
      (a.hours < b.hours ? -1 : a.hours > b.hours ? 1 : 0) ||
      (a.lawyerId ?? 0) - (b.lawyerId ?? 0),
  );
}

/** The same shift on each weekday chosen; one already there (same day, hours and lawyer) is not added twice. */
export function addShifts(
  shifts: readonly RosterEntry[],
  add: { weekdays: readonly Weekday[]; opens: string; closes: string; lawyerId: number | null },
): RosterEntry[] {
  const hours = `${add.opens}-${add.closes}`;
  const fresh = add.weekdays
    .filter((day) => !shifts.some((s) => s.weekday === day && s.hours === hours && s.lawyerId === add.lawyerId))
    .map((weekday) => ({ weekday, hours, lawyerId: add.lawyerId }));
  return sortShifts([...shifts, ...fresh]);
}

/** The weekdays of a working week. */
export const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
