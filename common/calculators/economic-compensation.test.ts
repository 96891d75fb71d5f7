import { describe, expect, it } from 'vitest';
import { economicCompensation, type EconomicCompensationInput } from './economic-compensation';

const YUAN = 100;
// A made-up local average, as configuration would give it: 8,000 元, so the cap is 24,000 元.
const AVERAGE = 8_000 * YUAN;
const twelve = (yuan: number) => Array<number>(12).fill(yuan * YUAN);

function run(startDate: string, endDate: string, wageYuan: number, extra: Partial<EconomicCompensationInput> = {}) {
  return economicCompensation({
    startDate,
    endDate,
    monthlyWagesFen: twelve(wageYuan),
    localAverageMonthlyWageFen: AVERAGE,
    ...extra,
  });
}

describe('economic compensation (劳动合同法 第四十七条)', () => {
  // [start, last day, monthly wage 元, months of wage, amount 元, why]
  const CASES: [string, string, number, number, number, string][] = [
    ['2010-01-01', '2023-06-30', 30_000, 12, 288_000, 'acceptance: 13.5 years above the cap → 12 × 3 × average'],
    ['2010-01-01', '2023-06-30', 10_000, 14, 140_000, '13 years 6 months: the part year counts as a year'],
    ['2010-01-01', '2023-06-30', 24_000, 14, 336_000, 'exactly three times the average is not "高于": no cap'],
    ['2010-01-01', '2029-12-31', 10_000, 20, 200_000, '20 years below the cap: years are not capped'],
    ['2011-01-01', '2023-03-31', 30_000, 12, 288_000, '12 years 3 months above the cap: 12.5 → 12'],
    ['2012-01-01', '2023-03-31', 30_000, 11.5, 276_000, '11 years 3 months above the cap: under twelve, kept'],
    ['2020-03-01', '2021-02-28', 6_000, 1, 6_000, 'exactly one year'],
    ['2020-03-01', '2021-02-27', 6_000, 1, 6_000, 'one day short of a year: 11 months 27 days → one year'],
    ['2020-03-01', '2020-08-31', 6_000, 1, 6_000, 'exactly six months: 以上 includes six'],
    ['2020-03-01', '2020-08-30', 6_000, 0.5, 3_000, 'one day short of six months: half a month'],
    ['2020-03-01', '2020-03-01', 6_000, 0.5, 3_000, 'a single day'],
    ['2019-03-01', '2022-05-31', 6_000, 3.5, 21_000, '3 years 3 months'],
    ['2020-02-29', '2021-02-27', 6_000, 1, 6_000, 'from 29 February the year is complete on 27 February'],
    ['2005-06-01', '2010-06-30', 6_000, 3, 18_000, 'service before 2008 left out: 2 years 6 months from 2008-01-01'],
    ['2000-01-01', '2007-06-30', 6_000, 0, 0, 'all service before 2008'],
  ];

  it.each(CASES)('%s to %s at %i 元: %f months, %i 元 (%s)', (start, end, wage, months, yuan) => {
    const r = run(start, end, wage);
    expect(r.amountFen).toBe(yuan * YUAN);
    expect(r.steps.find((s) => s.code === 'compensation')?.values.monthsOfWage).toBe(months);
    expect(r.steps.at(-1)?.code).toBe('compensation');
  });

  it('shows the caps in the acceptance case', () => {
    const r = run('2010-01-01', '2023-06-30', 30_000);
    const codes = r.steps.map((s) => s.code);
    expect(codes).toEqual([
      'average-monthly-wage',
      'wage-above-cap',
      'service-period',
      'full-years',
      'part-year-six-months-or-more',
      'years-capped',
      'compensation',
    ]);
    expect(r.steps[1]!.values).toEqual({ wageFen: 3_000_000, localAverageFen: AVERAGE, capFen: 2_400_000 });
    expect(r.steps[1]!.basis[0]).toMatchObject({ law: '劳动合同法', article: '第四十七条', paragraph: 2 });
    expect(r.steps.find((s) => s.code === 'years-capped')!.values).toEqual({
      monthsOfWage: 14,
      cappedMonthsOfWage: 12,
    });
    expect(r.steps.find((s) => s.code === 'service-period')!.values).toEqual({
      fromDate: '2010-01-01',
      toDate: '2023-06-30',
      years: 13,
      months: 6,
      days: 0,
    });
    expect(r.basis).toEqual([
      expect.objectContaining({ law: '劳动合同法', article: '第四十七条', number: { ordinal: 47, sub: 0 } }),
    ]);
    expect(r.notes.map((n) => n.code)).toEqual(['grounds-not-checked', 'wage-is-gross-pay']);
  });

  it('caps from one 分 above three times the average', () => {
    const r = economicCompensation({
      startDate: '2010-01-01',
      endDate: '2023-06-30',
      monthlyWagesFen: [24_000 * YUAN + 1],
      localAverageMonthlyWageFen: AVERAGE,
    });
    expect(r.amountFen).toBe(12 * 24_000 * YUAN);
  });

  it('doubles the amount for unlawful termination (第八十七条), caps included', () => {
    const r = run('2010-01-01', '2023-06-30', 30_000, { unlawfulTermination: true });
    expect(r.amountFen).toBe(2 * 288_000 * YUAN);
    expect(r.steps.at(-1)).toMatchObject({
      code: 'unlawful-termination-damages',
      values: { compensationFen: 28_800_000, multiple: 2, amountFen: 57_600_000 },
    });
    expect(r.basis[0]).toMatchObject({ law: '劳动合同法', article: '第八十七条' });
    expect(r.notes.map((n) => n.code)).toContain('damages-replace-compensation');
  });

  it('leaves out service before 2008 for compensation and says so (第九十七条第三款)', () => {
    const r = run('2005-06-01', '2010-06-30', 6_000);
    expect(r.steps.find((s) => s.code === 'service-period')!.values).toMatchObject({
      fromDate: '2008-01-01',
      years: 2,
      months: 6,
    });
    const note = r.notes.find((n) => n.code === 'service-before-2008-not-included')!;
    expect(note.values).toEqual({ fromDate: '2005-06-01', toDate: '2007-12-31' });
    expect(note.basis[0]).toMatchObject({ article: '第九十七条', paragraph: 3 });
  });

  it('counts damages from the first day of work, before 2008 too (实施条例 第二十五条)', () => {
    const r = run('2005-06-01', '2010-06-30', 6_000, { unlawfulTermination: true });
    // 5 years 1 month → 5.5 months, twice.
    expect(r.amountFen).toBe(2 * 5.5 * 6_000 * YUAN);
    expect(r.notes.find((n) => n.code === 'damages-counted-from-first-day')!.basis[0]).toMatchObject({
      law: '劳动合同法实施条例',
      article: '第二十五条',
    });
    expect(r.notes.map((n) => n.code)).not.toContain('service-before-2008-not-included');
  });

  it('averages the wages given, rounding half up, and raises it to the minimum wage', () => {
    const one = (wages: number[], extra: Partial<EconomicCompensationInput> = {}) =>
      economicCompensation({
        startDate: '2023-01-01',
        endDate: '2023-12-31',
        monthlyWagesFen: wages,
        localAverageMonthlyWageFen: AVERAGE,
        ...extra,
      });
    expect(one([100, 100, 101]).amountFen).toBe(100); // 100.33
    expect(one([1, 2]).amountFen).toBe(2); // 1.5 → 2
    const floored = one([1_500 * YUAN], { localMinimumWageFen: 2_000 * YUAN });
    expect(floored.amountFen).toBe(2_000 * YUAN);
    expect(floored.steps[1]).toMatchObject({
      code: 'minimum-wage-floor',
      values: { averageFen: 150_000, minimumWageFen: 200_000 },
    });
    expect(one([3_000 * YUAN], { localMinimumWageFen: 2_000 * YUAN }).steps.map((s) => s.code)).not.toContain(
      'minimum-wage-floor',
    );
    // A year of service but one figure given: said in a note.
    expect(one([3_000 * YUAN]).notes.map((n) => n.code)).toContain('fewer-wage-months-than-service');
  });

  it('rounds a half month half up to the 分', () => {
    const r = economicCompensation({
      startDate: '2024-01-01',
      endDate: '2024-01-31',
      monthlyWagesFen: [1_000_001],
      localAverageMonthlyWageFen: AVERAGE,
    });
    expect(r.amountFen).toBe(500_001); // 500,000.5
  });

  it('refuses impossible input', () => {
    const ok: EconomicCompensationInput = {
      startDate: '2020-01-01',
      endDate: '2021-01-01',
      monthlyWagesFen: [100],
      localAverageMonthlyWageFen: AVERAGE,
    };
    for (const bad of [
      { endDate: '2019-12-31' },
      { endDate: '2021-02-30' },
      { monthlyWagesFen: [] },
      { monthlyWagesFen: Array<number>(13).fill(100) },
      { monthlyWagesFen: [-1] },
      { monthlyWagesFen: [1.5] },
      { localAverageMonthlyWageFen: 0 },
      { localMinimumWageFen: -5 },
    ] satisfies Partial<EconomicCompensationInput>[]) {
      expect(() => economicCompensation({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
