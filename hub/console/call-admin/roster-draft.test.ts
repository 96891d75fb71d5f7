import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../../common/hub/duty-roster';
import { addShifts, sortShifts, WORKDAYS } from './roster-draft';

describe('the roster as the page edits it', () => {
  it('adds a shift on each day chosen, once, in the order the hub keeps', () => {
    const start = [{ weekday: 'wed' as const, hours: '14:00-17:30', lawyerId: null }];
    const added = addShifts(start, { weekdays: WORKDAYS, opens: '09:00', closes: '12:00', lawyerId: 7 });
    expect(added.map((s) => `${s.weekday} ${s.hours} ${s.lawyerId}`)).toEqual([
      'mon 09:00-12:00 7',
      'tue 09:00-12:00 7',
      'wed 09:00-12:00 7',
      'wed 14:00-17:30 null',
      'thu 09:00-12:00 7',
      'fri 09:00-12:00 7',
    ]);
    expect(addShifts(added, { weekdays: ['mon'], opens: '09:00', closes: '12:00', lawyerId: 7 })).toEqual(added);
    // The hub's own order: what it answers after saving is what the page shows.
    const checked = checkRoster([...added].reverse());
    expect(checked.ok && checked.value).toEqual(sortShifts(added));
  });
});
