import { describe, expect, it } from 'vitest';
import { checkRoster, nextDutyStart, onDutyAt } from './duty-roster';

// 2026-03-02 is a Monday; 01:00 UTC is 09:00 in China.
const MONDAY_0900 = new Date('2026-03-02T01:00:00Z');

describe('the duty roster', () => {
  const roster = [
    { weekday: 'mon', hours: '08:30-12:00', lawyerId: null },
    { weekday: 'mon', hours: '14:00-17:30', lawyerId: 7 },
    { weekday: 'fri', hours: '09:00-12:00', lawyerId: null },
  ] as const;

  it('is on duty inside a shift, China time, and off at its end', () => {
    expect(onDutyAt(roster, MONDAY_0900)).toBe(true);
    expect(onDutyAt(roster, new Date('2026-03-02T04:00:00Z'))).toBe(false); // 12:00, lunch
    expect(onDutyAt(roster, new Date('2026-03-02T06:00:00Z'))).toBe(true); // 14:00
    expect(onDutyAt(roster, new Date('2026-03-03T01:00:00Z'))).toBe(false); // Tuesday
    // Sunday 23:30 UTC is Monday 07:30 in China: not yet.
    expect(onDutyAt(roster, new Date('2026-03-01T23:30:00Z'))).toBe(false);
  });

  it('says when the next shift starts: later today, later this week, or next week', () => {
    expect(nextDutyStart(roster, MONDAY_0900)).toEqual(new Date('2026-03-02T06:00:00Z'));
    expect(nextDutyStart(roster, new Date('2026-03-02T10:00:00Z'))).toEqual(new Date('2026-03-06T01:00:00Z'));
    expect(nextDutyStart(roster, new Date('2026-03-06T05:00:00Z'))).toEqual(new Date('2026-03-09T00:30:00Z'));
    expect(nextDutyStart([], MONDAY_0900)).toBeNull();
    // Across China's midnight: Sunday 20:00 UTC is Monday 04:00 in China.
    expect(nextDutyStart(roster, new Date('2026-03-01T20:00:00Z'))).toEqual(new Date('2026-03-02T00:30:00Z'));
  });

  it('checks each entry, tidies and sorts them, and lets shifts overlap', () => {
    expect(
      checkRoster([
        { weekday: 'tue', hours: ' 09:00-12:00 ', lawyerId: null },
        { weekday: 'mon', hours: '14:00-17:00', lawyerId: 1 },
        { weekday: 'mon', hours: '09:00-15:00', lawyerId: 2 },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { weekday: 'mon', hours: '09:00-15:00', lawyerId: 2 },
        { weekday: 'mon', hours: '14:00-17:00', lawyerId: 1 },
        { weekday: 'tue', hours: '09:00-12:00', lawyerId: null },
      ],
    });
    expect(
      checkRoster([
        { weekday: 'mon', hours: '25:00-26:00', lawyerId: null },
        { weekday: 'mon', hours: '12:00-09:00', lawyerId: null },
      ]),
    ).toEqual({
      ok: false,
      error: [
        { index: 0, problem: 'range-invalid' },
        { index: 1, problem: 'closes-before-opens' },
      ],
    });
  });
});
