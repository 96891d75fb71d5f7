import { describe, expect, it } from 'vitest';
import { overtimePay, type OvertimeInput, type OvertimeWage } from './overtime-pay';

const monthly = (fen: number): OvertimeWage => ({ kind: 'monthly', fen });
const hourly = (fen: number): OvertimeWage => ({ kind: 'hourly', fen });

describe('overtime pay (劳动法 第四十四条)', () => {
  // [wage, extended h, rest-day h, holiday h, hourly base fen, total fen, why]
  const CASES: [OvertimeWage, number, number, number, number, number, string][] = [
    [monthly(500_000), 10, 0, 0, 2_874, 43_110, '5,000 元 a month: 28.7356 → 28.74 元 an hour; 10 h × 150%'],
    [monthly(500_000), 0, 8, 0, 2_874, 45_984, 'a rest day without compensatory rest: 8 h × 200%'],
    [monthly(500_000), 0, 0, 8, 2_874, 68_976, 'a statutory holiday: 8 h × 300%'],
    [monthly(500_000), 10, 8, 8, 2_874, 158_070, 'all three classes'],
    [monthly(217_500), 1, 0, 0, 1_250, 1_875, '2,175 元 divides exactly: 12.50 元 an hour'],
    [monthly(100), 1, 0, 0, 1, 2, '1 元 a month: 0.57 分 an hour → 1 分; 1.5 分 → 2'],
    [hourly(3_000), 1.5, 0, 0, 3_000, 6_750, 'an hourly wage, one and a half hours'],
    [hourly(3_000), 1 / 3, 0, 0, 3_000, 1_500, 'twenty minutes'],
    [hourly(1), 1, 0, 0, 1, 2, 'half a 分 rounds up'],
    [hourly(1), 0, 0, 0, 1, 0, 'no overtime'],
    [
      hourly(3_333),
      0.25,
      0.5,
      0.75,
      3_333,
      1_250 + 3_333 + 7_499,
      '15 minutes × 150% = 1,249.875; 30 min × 200%; 45 min × 300% = 7,499.25',
    ],
  ];

  it.each(CASES)(
    '%j, %f/%f/%f h → hourly %i, total %i fen (%s)',
    (wage, extendedHours, restDayHours, holidayHours, hourlyFen, totalFen) => {
      const r = overtimePay({ wage, extendedHours, restDayHours, holidayHours });
      expect(r.steps[0]!.values.hourlyWageFen).toBe(hourlyFen);
      expect(r.amountFen).toBe(totalFen);
      expect(r.steps.at(-1)).toMatchObject({ code: 'total', values: { amountFen: totalFen } });
    },
  );

  it('shows the 21.75-day conversion and cites each item', () => {
    const r = overtimePay({ wage: monthly(500_000), extendedHours: 10, restDayHours: 8, holidayHours: 8 });
    expect(r.steps[0]).toMatchObject({
      code: 'hourly-wage-from-monthly',
      values: { monthlyWageFen: 500_000, payDaysPerMonth: 21.75, hoursPerDay: 8, hourlyWageFen: 2_874 },
      basis: [{ kind: 'document', documentNumber: '劳社部发〔2008〕3号', section: '二' }],
    });
    expect(r.steps.slice(1, 4).map((s) => [s.code, s.values.ratePercent, s.values.amountFen, s.basis[0]])).toEqual([
      ['extended-hours', 150, 43_110, expect.objectContaining({ law: '劳动法', article: '第四十四条', item: 1 })],
      ['rest-day', 200, 45_984, expect.objectContaining({ item: 2 })],
      ['statutory-holiday', 300, 68_976, expect.objectContaining({ item: 3 })],
    ]);
    expect(r.notes.map((n) => n.code)).toEqual([
      'minimum-rates',
      'on-top-of-normal-wage',
      'not-for-flexible-hours',
      'rest-day-only-without-compensatory-rest',
    ]);
  });

  it('leaves out classes with no hours', () => {
    const r = overtimePay({ wage: hourly(3_000), holidayHours: 2 });
    expect(r.steps.map((s) => s.code)).toEqual(['hourly-wage-given', 'statutory-holiday', 'total']);
    expect(r.notes.map((n) => n.code)).not.toContain('rest-day-only-without-compensatory-rest');
  });

  it('refuses impossible input', () => {
    for (const bad of [
      { wage: hourly(-1) },
      { wage: monthly(1.5) },
      { extendedHours: -1 },
      { restDayHours: Number.NaN },
      { holidayHours: Number.POSITIVE_INFINITY },
    ] satisfies Partial<OvertimeInput>[]) {
      expect(() => overtimePay({ wage: hourly(3_000), ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
