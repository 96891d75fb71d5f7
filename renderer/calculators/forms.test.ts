import { describe, expect, it } from 'vitest';
import {
  type CalculatorDraft,
  EMPTY_DATE,
  checkAmount,
  checkDate,
  cleanAmount,
  cleanDigits,
  dateDraft,
  emptyDraft,
  inputSummary,
  parseDraft,
  runCalculator,
  stepDatePart,
  stepHours,
  wageMonths,
} from './forms';

const defaults = { today: '2025-03-07', localAverageMonthlyWageFen: 800_000 };

describe('drafts', () => {
  it('start with today as the end day and the configured local average wage', () => {
    const d = emptyDraft('economic-compensation', defaults);
    expect(d).toMatchObject({
      endDate: { year: '2025', month: '3', day: '7' },
      startDate: EMPTY_DATE,
      localAverage: '8000',
      unlawful: false,
    });
    expect(emptyDraft('economic-compensation', { ...defaults, localAverageMonthlyWageFen: 812_345 })).toMatchObject({
      localAverage: '8123.45',
    });
    expect(emptyDraft('economic-compensation', { ...defaults, localAverageMonthlyWageFen: null })).toMatchObject({
      localAverage: '',
    });
    expect(emptyDraft('double-wages', defaults)).toMatchObject({
      untilDate: { year: '2025', month: '3', day: '7' },
      signed: false,
    });
  });

  it('keep what a field can hold from what the 123 keyboard sends', () => {
    expect(cleanAmount('12X3-4.5')).toBe('1234.5');
    expect(cleanAmount('１２３')).toBe('123');
    expect(cleanDigits('20X1-0', 4)).toBe('2010');
    expect(cleanDigits('123', 2)).toBe('12');
  });
});

describe('− and +', () => {
  const today = dateDraft('2025-03-07');
  it('start from today when the field is empty, then move one at a time within the calendar', () => {
    expect(stepDatePart(EMPTY_DATE, 'year', -1, today)).toEqual({ year: '2025', month: '', day: '' });
    expect(stepDatePart({ year: '2025', month: '', day: '' }, 'year', -1, today).year).toBe('2024');
    expect(stepDatePart({ year: '2024', month: '12', day: '1' }, 'month', 1, today).month).toBe('12');
    expect(stepDatePart({ year: '2024', month: '1', day: '1' }, 'month', -1, today).month).toBe('1');
    expect(stepDatePart({ year: '2024', month: '2', day: '29' }, 'day', 1, today).day).toBe('29');
    expect(stepDatePart({ year: '2023', month: '2', day: '28' }, 'day', 1, today).day).toBe('28');
    expect(stepDatePart({ year: '2023', month: '3', day: '30' }, 'day', 1, today).day).toBe('31');
  });
  it('count hours from 0, never below', () => {
    expect(stepHours('', 1)).toBe('1');
    expect(stepHours('0', -1)).toBe('0');
    expect(stepHours('7', -1)).toBe('6');
  });
});

describe('checking', () => {
  it('dates: all three parts, a real day', () => {
    expect(checkDate(EMPTY_DATE)).toEqual({ ok: false, error: 'required' });
    expect(checkDate({ year: '2020', month: '', day: '1' })).toEqual({ ok: false, error: 'date-incomplete' });
    expect(checkDate({ year: '2023', month: '2', day: '29' })).toEqual({ ok: false, error: 'date-invalid' });
    expect(checkDate({ year: '20', month: '2', day: '1' })).toEqual({ ok: false, error: 'date-invalid' });
    expect(checkDate({ year: '2024', month: '2', day: '29' })).toEqual({ ok: true, value: '2024-02-29' });
  });
  it('amounts: yuan to fen, more than 0', () => {
    expect(checkAmount('')).toEqual({ ok: false, error: 'required' });
    expect(checkAmount('0')).toEqual({ ok: false, error: 'amount-zero' });
    expect(checkAmount('1.2.3')).toEqual({ ok: false, error: 'amount-invalid' });
    expect(checkAmount('9999999999999')).toEqual({ ok: false, error: 'amount-too-large' });
    expect(checkAmount('100000')).toEqual({ ok: true, value: 10_000_000 });
  });

  it('says which fields need changing, and why', () => {
    const draft: CalculatorDraft = {
      ...emptyDraft('economic-compensation', defaults),
      startDate: { year: '2026', month: '1', day: '1' },
      averageWage: '0',
    } as CalculatorDraft;
    expect(parseDraft(draft)).toEqual({ ok: false, error: { endDate: 'before-start', averageWage: 'amount-zero' } });
    expect(parseDraft({ ...emptyDraft('overtime-pay', defaults), wage: '5000' } as CalculatorDraft)).toEqual({
      ok: false,
      error: { extendedHours: 'hours-none' },
    });
    expect(parseDraft(emptyDraft('court-fee', defaults))).toEqual({ ok: false, error: { claim: 'required' } });
    const signedWithoutDate = {
      ...emptyDraft('double-wages', defaults),
      startDate: dateDraft('2024-01-01'),
      monthlyWage: '4000',
      signed: true,
    } as CalculatorDraft;
    expect(parseDraft(signedWithoutDate)).toEqual({ ok: false, error: { signedDate: 'required' } });
  });
});

describe('from a draft to a figure', () => {
  it('severance: the one average stands for the twelve months before the end', () => {
    const parsed = parseDraft({
      calculator: 'economic-compensation',
      startDate: dateDraft('2010-01-01'),
      endDate: dateDraft('2023-06-30'),
      averageWage: '30000',
      localAverage: '8000',
      unlawful: false,
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.calculator === 'economic-compensation' && parsed.value.input.monthlyWagesFen).toEqual(
      Array(12).fill(3_000_000),
    );
    const calc = runCalculator(parsed.value);
    expect(calc.amountFen).toBe(28_800_000);
    // No note about missing months: the citizen gave the twelve-month average.
    expect(calc.notes.map((n) => n.code)).not.toContain('fewer-wage-months-than-service');
    expect(inputSummary(parsed.value)[2]).toEqual({ field: 'averageWage', value: { kind: 'yuan', fen: 3_000_000 } });
  });

  it('severance for a short job averages over the months worked', () => {
    expect(wageMonths('2024-01-15', '2024-04-20')).toBe(4);
    expect(wageMonths('2024-01-15', '2024-01-20')).toBe(1);
    expect(wageMonths('2010-01-01', '2023-06-30')).toBe(12);
  });

  it('court fee: 100,000 元 costs 2,300 元; halving grounds are kept in their order, once each', () => {
    const parsed = parseDraft({ calculator: 'court-fee', claim: '100000', halving: [] });
    expect(parsed.ok && runCalculator(parsed.value).amountFen).toBe(230_000);
    const halved = parseDraft({
      calculator: 'court-fee',
      claim: '100000',
      halving: ['counterclaim-or-third-party', 'simple-procedure'],
    });
    expect(halved.ok && halved.value.calculator === 'court-fee' && halved.value.input.halving).toEqual([
      'simple-procedure',
      'counterclaim-or-third-party',
    ]);
    expect(halved.ok && runCalculator(halved.value).amountFen).toBe(115_000);
  });

  it('double wages without a signing day; overtime from a monthly wage', () => {
    const dw = parseDraft({
      calculator: 'double-wages',
      startDate: dateDraft('2024-01-01'),
      signed: false,
      signedDate: EMPTY_DATE,
      untilDate: dateDraft('2024-04-01'),
      monthlyWage: '4000',
    });
    expect(dw.ok && dw.value.calculator === 'double-wages' && dw.value.input.signedDate).toBe(undefined);
    expect(dw.ok && runCalculator(dw.value).amountFen).toBeGreaterThan(0);
    const ot = parseDraft({
      calculator: 'overtime-pay',
      wageKind: 'monthly',
      wage: '6960',
      extendedHours: '10',
      restDayHours: '',
      holidayHours: '0',
    });
    // 6960 ÷ 174 = 40 元 an hour; 10 h × 150% = 600 元.
    expect(ot.ok && runCalculator(ot.value).amountFen).toBe(60_000);
  });
});
