import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDay,
  chinaDayStart,
  chinaMonth,
  daysSpanned,
  isDay,
  monthSoFar,
  monthsSpanned,
} from './china-days';

describe('days and months in China time', () => {
  it('dates an instant by the day in China, not UTC’s', () => {
    expect(chinaDay(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaDay(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(chinaMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01');
    expect(chinaDayStart('2026-04-01').toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(monthSoFar(new Date('2026-02-28T16:30:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('knows which days exist', () => {
    for (const day of ['2026-02-28', '2024-02-29', '2026-12-31']) expect(isDay(day), day).toBe(true);
    for (const day of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-3-1', ' 2026-03-01', ''])
      expect(isDay(day), day).toBe(false);
  });

  it('counts days and months spanned, both ends included', () => {
    expect(daysSpanned('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysSpanned('2024-01-01', '2024-12-31')).toBe(366);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(monthsSpanned('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsSpanned('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});
