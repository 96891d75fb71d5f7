import { describe, expect, it } from 'vitest';
import { checkOpeningHours, DEFAULT_OPENING_HOURS, isOpenAt, type OpeningHours } from './opening-hours';

const weekdaysOnly: OpeningHours = {
  ...DEFAULT_OPENING_HOURS,
  mon: ['08:30-12:00', '14:00-17:30'],
  sat: [],
  sun: [],
};

describe('opening hours', () => {
  it('are read in China time (UTC+8), whatever the machine’s time zone', () => {
    // 2026-03-02 is a Monday. 00:29 UTC is 08:29 in Beijing: not yet open.
    expect(isOpenAt(DEFAULT_OPENING_HOURS, new Date('2026-03-02T00:29:00Z'))).toBe(false);
    expect(isOpenAt(DEFAULT_OPENING_HOURS, new Date('2026-03-02T00:30:00Z'))).toBe(true);
    // 17:29 open, 17:30 closed: a range includes its start and not its end.
    expect(isOpenAt(DEFAULT_OPENING_HOURS, new Date('2026-03-02T09:29:59Z'))).toBe(true);
    expect(isOpenAt(DEFAULT_OPENING_HOURS, new Date('2026-03-02T09:30:00Z'))).toBe(false);
  });

  it('follow the weekday in China, not in UTC, and a lunch break', () => {
    // Sunday 20:00 UTC is Monday 04:00 in Beijing: closed on any hours; Monday 09:00 Beijing open.
    expect(isOpenAt(weekdaysOnly, new Date('2026-03-01T20:00:00Z'))).toBe(false);
    expect(isOpenAt(weekdaysOnly, new Date('2026-03-02T01:00:00Z'))).toBe(true);
    // Monday 12:30 Beijing: lunch.
    expect(isOpenAt(weekdaysOnly, new Date('2026-03-02T04:30:00Z'))).toBe(false);
    // Saturday 10:00 Beijing: closed all day.
    expect(isOpenAt(weekdaysOnly, new Date('2026-03-07T02:00:00Z'))).toBe(false);
    expect(isOpenAt({ ...weekdaysOnly, sat: ['00:00-24:00'] }, new Date('2026-03-07T15:59:00Z'))).toBe(true);
  });

  it('are tidied when valid: spaces trimmed, each day’s ranges in order', () => {
    const r = checkOpeningHours({ ...DEFAULT_OPENING_HOURS, tue: [' 14:00-17:30', '08:30-12:00 '] });
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_OPENING_HOURS, tue: ['08:30-12:00', '14:00-17:30'] } });
  });

  it('name every problem with its day and range', () => {
    const r = checkOpeningHours({
      ...DEFAULT_OPENING_HOURS,
      mon: ['8:30-17:30'],
      tue: ['17:30-08:30', '09:00-09:00'],
      wed: ['08:00-12:00', '11:00-13:00'],
      thu: ['24:00-24:00', '23:00-24:60'],
      fri: ['01:00-02:00', '03:00-04:00', '05:00-06:00', '07:00-08:00', '09:00-10:00'],
    });
    expect(r).toEqual({
      ok: false,
      error: [
        { day: 'mon', problem: 'range-invalid', range: '8:30-17:30' },
        { day: 'tue', problem: 'closes-before-opens', range: '17:30-08:30' },
        { day: 'tue', problem: 'closes-before-opens', range: '09:00-09:00' },
        { day: 'wed', problem: 'overlap', range: '11:00-13:00' },
        { day: 'thu', problem: 'range-invalid', range: '24:00-24:00' },
        { day: 'thu', problem: 'range-invalid', range: '23:00-24:60' },
        { day: 'fri', problem: 'too-many-ranges' },
      ],
    });
  });
});
