import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatIsoDate, monthSpan, parseIsoDate } from './dates';

const d = (iso: string) => parseIsoDate(iso);

describe('calendar dates', () => {
  it('reads real dates only', () => {
    expect(formatIsoDate(d('2024-02-29'))).toBe('2024-02-29');
    expect(d('1970-01-02')).toBe(1);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', '', '1899-12-31', '2024-04-31']) {
      expect(() => parseIsoDate(bad), bad).toThrow(RangeError);
    }
    expect(() => parseIsoDate('x', 'the start date')).toThrow(/the start date/);
  });

  it.each([
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-01-31', 1, '2024-02-29'], // no 31 February: the month's last day (民法典 第二百零二条)
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 2, '2024-03-31'], // counted from the start, not from 02-29
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-12-15', 1, '2024-01-15'],
    ['2023-03-01', 11, '2024-02-01'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(formatIsoDate(addMonths(d(from), months))).toBe(to);
  });

  it.each([
    ['2020-01-15', '2021-03-20', 14, 5, 31],
    ['2020-03-01', '2021-03-01', 12, 0, 31],
    ['2020-03-01', '2021-02-28', 11, 27, 28],
    ['2023-01-31', '2023-03-31', 2, 0, 30],
    ['2023-01-31', '2023-03-30', 1, 30, 31], // 02-28 → 03-31 is the part month
    ['2024-05-05', '2024-05-05', 0, 0, 31],
  ])('%s to %s is %i months and %i days (part month %i days)', (from, to, months, days, daysInPartMonth) => {
    expect(monthSpan(d(from), d(to))).toEqual({ months, days, daysInPartMonth });
  });

  it('adds up: start + months + days is the end', () => {
    const day = fc.integer({ min: d('1990-01-01'), max: d('2060-12-31') });
    fc.assert(
      fc.property(day, fc.nat(5000), (start, length) => {
        const span = monthSpan(start, start + length);
        return addMonths(start, span.months) + span.days === start + length && span.days < span.daysInPartMonth;
      }),
    );
    expect(() => monthSpan(d('2024-01-02'), d('2024-01-01'))).toThrow(RangeError);
  });
});
