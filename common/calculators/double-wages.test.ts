import { describe, expect, it } from 'vitest';
import { doubleWages, MAX_DOUBLED_MONTHS, type DoubleWagesInput } from './double-wages';

const YUAN = 100;
const WAGE = 6_000 * YUAN;

function run(startDate: string, untilDate: string, signedDate?: string, monthlyWageFen = WAGE) {
  return doubleWages({ startDate, untilDate, monthlyWageFen, ...(signedDate === undefined ? {} : { signedDate }) });
}

describe('double wages without a written contract (劳动合同法 第八十二条)', () => {
  // [start, until, signed, extra wages in fen, doubled period or undefined, why]
  const CASES: [string, string, string | undefined, number, [string, string] | undefined, string][] = [
    [
      '2023-03-01',
      '2024-06-01',
      undefined,
      11 * WAGE,
      ['2023-04-01', '2024-02-29'],
      'no contract for over a year: capped at eleven months',
    ],
    ['2023-03-01', '2023-03-20', undefined, 0, undefined, 'still in the first month'],
    ['2023-03-01', '2023-03-31', undefined, 0, undefined, 'the last day of the month to sign'],
    [
      '2023-03-01',
      '2023-04-01',
      undefined,
      20_000,
      ['2023-04-01', '2023-04-01'],
      'one day into the second month: 1/30 of April',
    ],
    [
      '2023-03-01',
      '2023-06-30',
      undefined,
      3 * WAGE,
      ['2023-04-01', '2023-06-30'],
      'three whole months, still no contract',
    ],
    ['2023-03-01', '2023-12-31', '2023-03-20', 0, undefined, 'signed within the month'],
    ['2023-03-01', '2023-12-31', '2023-04-01', 0, undefined, 'signed on the first day that would be doubled'],
    ['2023-03-01', '2023-12-31', '2023-02-15', 0, undefined, 'signed before work began (第十条第三款)'],
    ['2023-03-01', '2023-12-31', '2023-04-02', 20_000, ['2023-04-01', '2023-04-01'], 'signed a day late'],
    ['2023-03-01', '2023-12-31', '2023-07-01', 3 * WAGE, ['2023-04-01', '2023-06-30'], 'signed after three months'],
    [
      '2023-03-01',
      '2023-12-31',
      '2023-07-16',
      3 * WAGE + 290_323,
      ['2023-04-01', '2023-07-15'],
      '15 of 31 July days: 2,903.2258 元 → 2,903.23',
    ],
    [
      '2023-03-01',
      '2024-06-01',
      '2024-05-01',
      11 * WAGE,
      ['2023-04-01', '2024-02-29'],
      'signed after the year: still eleven months',
    ],
    ['2023-03-01', '2024-06-01', '2024-03-01', 11 * WAGE, ['2023-04-01', '2024-02-29'], 'signed on the one-year day'],
    ['2023-03-01', '2024-02-29', undefined, 11 * WAGE, ['2023-04-01', '2024-02-29'], 'until the last doubled day'],
    [
      '2023-01-31',
      '2023-03-30',
      undefined,
      WAGE,
      ['2023-02-28', '2023-03-30'],
      'from 31 January: the month to sign ends 27 February',
    ],
    [
      '2005-05-10',
      '2009-01-15',
      undefined,
      11 * WAGE,
      ['2008-02-01', '2008-12-31'],
      'work began before 2008: counted from 2008-01-01',
    ],
    ['2005-05-10', '2009-01-15', '2006-01-01', 0, undefined, 'a contract signed before 2008'],
  ];

  it.each(CASES)('%s until %s, signed %s → %i fen %j (%s)', (start, until, signed, fen, period) => {
    const r = run(start, until, signed);
    expect(r.amountFen).toBe(fen);
    expect(r.steps.at(-1)).toMatchObject({ code: 'total', values: { amountFen: fen } });
    const doubled = r.steps.find((s) => s.code === 'doubled-period');
    if (period === undefined) expect(doubled).toBeUndefined();
    else expect([doubled?.values.fromDate, doubled?.values.toDate]).toEqual(period);
  });

  it('never doubles more than eleven months', () => {
    expect(MAX_DOUBLED_MONTHS).toBe(11);
    expect(run('2020-01-15', '2030-01-01').amountFen).toBe(11 * WAGE);
  });

  it('explains the one-year cap and the deemed open-ended contract', () => {
    const r = run('2023-03-01', '2024-06-01');
    expect(r.steps.map((s) => s.code)).toEqual([
      'grace-month',
      'doubled-period',
      'period-ends-at-one-year',
      'full-months',
      'total',
    ]);
    expect(r.steps[0]!.values).toEqual({ fromDate: '2023-03-01', toDate: '2023-03-31' });
    expect(r.steps[0]!.basis[0]).toMatchObject({ law: '劳动合同法', article: '第十条', paragraph: 2 });
    expect(r.steps[2]).toMatchObject({
      values: { oneYearDate: '2024-03-01' },
      basis: [{ law: '劳动合同法实施条例', article: '第七条' }],
    });
    expect(r.steps[3]!.values).toEqual({ months: 11, monthlyWageFen: WAGE, amountFen: 11 * WAGE });
    expect(r.notes.find((n) => n.code === 'open-ended-contract-deemed')!.values).toEqual({ fromDate: '2024-03-01' });
    expect(r.notes.map((n) => n.code)).toContain('time-limit');
    expect(r.basis[0]).toMatchObject({ law: '劳动合同法', article: '第八十二条', paragraph: 1 });
  });

  it('says why the period ends', () => {
    const ending = (r: ReturnType<typeof run>) => r.steps.find((s) => s.code.startsWith('period-ends'))?.code;
    expect(ending(run('2023-03-01', '2023-12-31', '2023-07-01'))).toBe('period-ends-at-signing');
    expect(ending(run('2023-03-01', '2023-06-30'))).toBe('period-ends-on-until-date');
    expect(ending(run('2023-03-01', '2024-06-01', '2024-03-01'))).toBe('period-ends-at-signing');
    expect(run('2023-03-01', '2024-06-01', '2024-03-01').notes.map((n) => n.code)).not.toContain(
      'open-ended-contract-deemed',
    );
  });

  it('prorates a part month by calendar days, half up', () => {
    const r = run('2023-03-01', '2023-12-31', '2023-07-16');
    expect(r.steps.find((s) => s.code === 'part-month')!.values).toEqual({
      days: 15,
      daysInMonth: 31,
      monthlyWageFen: WAGE,
      amountFen: 290_323,
    });
    expect(r.notes.map((n) => n.code)).toContain('part-month-by-calendar-days');
    expect(run('2023-03-01', '2023-04-01', undefined, 1_000_001).amountFen).toBe(33_333); // 33,333.37
    expect(run('2023-03-01', '2023-04-01', undefined, 1_000_005).amountFen).toBe(33_334); // 33,333.5
  });

  it('notes the start moved to 2008 (第九十七条第二款)', () => {
    const r = run('2005-05-10', '2009-01-15');
    expect(r.steps[0]).toMatchObject({
      code: 'counted-from-2008',
      values: { startDate: '2005-05-10', countedFromDate: '2008-01-01' },
      basis: [{ article: '第九十七条', paragraph: 2 }],
    });
  });

  it('refuses impossible input', () => {
    const ok: DoubleWagesInput = { startDate: '2023-03-01', untilDate: '2023-12-31', monthlyWageFen: WAGE };
    for (const bad of [
      { untilDate: '2023-02-28' },
      { startDate: '2023-02-30' },
      { signedDate: 'yesterday' },
      { monthlyWageFen: -1 },
      { monthlyWageFen: 0.5 },
    ] satisfies Partial<DoubleWagesInput>[]) {
      expect(() => doubleWages({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
