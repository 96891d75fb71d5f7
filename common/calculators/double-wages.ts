/**
 * The second wage owed for months worked without a written contract
 * (劳动合同法 第八十二条第一款: 自用工之日起超过一个月不满一年未与劳动者订立
 * 书面劳动合同的，应当向劳动者每月支付二倍的工资).
 *
 * The employer has a month from the first day of work to sign (第十条第二款),
 * so the first month is never doubled. From the second month until the
 * contract is signed, the worker is owed twice the wage each month; having
 * been paid once, the claim is the second wage. It stops at one year: on the
 * day the first year is complete, an open-ended contract is deemed concluded
 * (实施条例 第七条), so at most eleven months are doubled. A relationship
 * begun before 2008 had its month to sign from 2008-01-01 (劳动合同法
 * 第九十七条第二款), so it is counted as if work began on that day.
 *
 * Counting: employment months run from the first day of work to the same day
 * of the next month (民法典 第二百零二条 for short months). The doubled
 * period is employment months 2 to 12, [start + 1 month, start + 12 months),
 * cut short by the signing day (covered by the contract, so not doubled) or
 * by `untilDate`. 实施条例 第六条 and 第七条 word the period as "满一个月的
 * 次日" to "满一年的前一日"; readings of those words differ by a day at either
 * end, and this module uses whole employment months so that a full year gives
 * exactly the eleven months everybody agrees on.
 *
 * Rounding: a part month is paid pro rata by calendar days of that employment
 * month (courts also use 21.75 pay days a month; the difference is small and
 * the breakdown says which rule was used), rounded half up to the 分.
 */
import { assertFen, mulDivRoundHalfUp } from '../money/fen';
import { article, step, type Calculation, type Step } from './breakdown';
import { addMonths, formatIsoDate, monthSpan, parseIsoDate } from './dates';
import { LABOUR_CONTRACT_LAW_EFFECTIVE_DATE } from './economic-compensation';

const LAW = '劳动合同法';
const REGULATION = '劳动合同法实施条例';

/** At most this many months are doubled: months 2 to 12 of employment. */
export const MAX_DOUBLED_MONTHS = 11;

/**
 * - counted-from-2008 {startDate, countedFromDate}: work began before 2008; counted as if from 2008-01-01
 * - grace-month {fromDate, toDate}: the month to sign; not doubled
 * - signed-in-time {signedDate}: signed within the grace month (or before work began); nothing is owed
 * - doubled-period {fromDate, toDate, months, days}: the months owed twice (toDate inclusive)
 * - period-ends-at-signing {signedDate}: the period ends the day before the contract was signed
 * - period-ends-at-one-year {oneYearDate}: the period ends the day before the first year is complete
 * - period-ends-on-until-date {untilDate}: no contract yet (or signed later); counted up to this day
 * - full-months {months, monthlyWageFen, amountFen}: one extra wage per whole month
 * - part-month {days, daysInMonth, monthlyWageFen, amountFen}: the part month, pro rata by calendar days
 * - total {amountFen}
 */
export const DOUBLE_WAGES_STEPS = [
  'counted-from-2008',
  'grace-month',
  'signed-in-time',
  'doubled-period',
  'period-ends-at-signing',
  'period-ends-at-one-year',
  'period-ends-on-until-date',
  'full-months',
  'part-month',
  'total',
] as const;
export type DoubleWagesStep = (typeof DOUBLE_WAGES_STEPS)[number];

/**
 * - open-ended-contract-deemed {fromDate}: a year passed without a written contract; an open-ended
 *   contract is deemed concluded from that day and the employer must sign it now (实施条例 第七条)
 * - time-limit {}: a claim must be brought in time (劳动争议调解仲裁法 第二十七条); tribunals differ on
 *   whether months more than a year back are still owed
 * - other-double-wage-case {}: 第八十二条第二款 (refusing an open-ended contract) is a separate claim, not counted
 * - part-month-by-calendar-days {}: the part month was prorated by calendar days
 */
export const DOUBLE_WAGES_NOTES = [
  'open-ended-contract-deemed',
  'time-limit',
  'other-double-wage-case',
  'part-month-by-calendar-days',
] as const;
export type DoubleWagesNote = (typeof DOUBLE_WAGES_NOTES)[number];

export interface DoubleWagesInput {
  /** 用工之日, the first day of work: YYYY-MM-DD. */
  startDate: string;
  /** The day the written contract was signed, YYYY-MM-DD; absent when there is none yet. */
  signedDate?: string;
  /** Today, or the last day of work if the job has ended: YYYY-MM-DD, inclusive. */
  untilDate: string;
  /** The monthly wage, in fen. */
  monthlyWageFen: number;
}

export type DoubleWages = Calculation<DoubleWagesStep, DoubleWagesNote>;

export function doubleWages(input: DoubleWagesInput): DoubleWages {
  const start = parseIsoDate(input.startDate, 'the start date');
  const until = parseIsoDate(input.untilDate, 'the until date');
  const signed = input.signedDate === undefined ? undefined : parseIsoDate(input.signedDate, 'the signing date');
  if (until < start) throw new RangeError('the until date is before the start date');
  assertFen(input.monthlyWageFen, 'the monthly wage');
  const wage = input.monthlyWageFen;

  const basis = [article(LAW, 82, { paragraph: 1 })];
  const steps: Step<DoubleWagesStep>[] = [];
  const notes: Step<DoubleWagesNote>[] = [step('other-double-wage-case', {}, article(LAW, 82, { paragraph: 2 }))];

  const lawStart = parseIsoDate(LABOUR_CONTRACT_LAW_EFFECTIVE_DATE);
  const from = Math.max(start, lawStart);
  if (start < lawStart) {
    steps.push(
      step(
        'counted-from-2008',
        { startDate: formatIsoDate(start), countedFromDate: formatIsoDate(from) },
        article(LAW, 97, { paragraph: 2 }),
      ),
    );
  }
  const doubledFrom = addMonths(from, 1);
  const oneYear = addMonths(from, 12);
  steps.push(
    step(
      'grace-month',
      { fromDate: formatIsoDate(from), toDate: formatIsoDate(doubledFrom - 1) },
      article(LAW, 10, { paragraph: 2 }),
    ),
  );

  if (signed !== undefined && signed <= doubledFrom) {
    steps.push(step('signed-in-time', { signedDate: formatIsoDate(signed) }, article(LAW, 10, { paragraph: 2 })));
    steps.push(step('total', { amountFen: 0 }, ...basis));
    return { amountFen: 0, basis, steps, notes };
  }

  // The end of the doubled period, exclusive, and why it ends there.
  const candidates: [number, Step<DoubleWagesStep>][] = [
    [oneYear, step('period-ends-at-one-year', { oneYearDate: formatIsoDate(oneYear) }, article(REGULATION, 7))],
    [until + 1, step('period-ends-on-until-date', { untilDate: formatIsoDate(until) })],
  ];
  if (signed !== undefined) {
    candidates.push([
      signed,
      step('period-ends-at-signing', { signedDate: formatIsoDate(signed) }, article(REGULATION, 6, { paragraph: 2 })),
    ]);
  }
  // The earliest wins; on a tie signing explains best, then the one-year mark.
  const [endExclusive, ending] = candidates.reduce((best, c) =>
    c[0] < best[0] || (c[0] === best[0] && c[1].code === 'period-ends-at-signing') ? c : best,
  );

  if (oneYear <= until && (signed === undefined || signed > oneYear)) {
    notes.push(
      step(
        'open-ended-contract-deemed',
        { fromDate: formatIsoDate(oneYear) },
        article(REGULATION, 7),
        article(LAW, 14, { paragraph: 3 }),
      ),
    );
  }

  if (endExclusive <= doubledFrom) {
    // Still inside the grace month on the until date.
    steps.push(ending, step('total', { amountFen: 0 }, ...basis));
    return { amountFen: 0, basis, steps, notes };
  }

  // Counted on the first day of work's day of the month, so short months do not drift.
  const span = monthSpan(from, endExclusive);
  const months = span.months - 1;
  steps.push(
    step(
      'doubled-period',
      { fromDate: formatIsoDate(doubledFrom), toDate: formatIsoDate(endExclusive - 1), months, days: span.days },
      article(LAW, 82, { paragraph: 1 }),
      article(REGULATION, 6, { paragraph: 2 }),
    ),
    ending,
  );
  const fullFen = wage * months;
  if (months > 0)
    steps.push(
      step('full-months', { months, monthlyWageFen: wage, amountFen: fullFen }, article(LAW, 82, { paragraph: 1 })),
    );
  let partFen = 0;
  if (span.days > 0) {
    partFen = mulDivRoundHalfUp(wage, span.days, span.daysInPartMonth);
    steps.push(
      step(
        'part-month',
        { days: span.days, daysInMonth: span.daysInPartMonth, monthlyWageFen: wage, amountFen: partFen },
        article(LAW, 82, { paragraph: 1 }),
      ),
    );
    notes.push(step('part-month-by-calendar-days'));
  }
  const amountFen = fullFen + partFen;
  assertFen(amountFen, 'the total');
  steps.push(step('total', { amountFen }, ...basis));
  notes.push(step('time-limit', {}, article('劳动争议调解仲裁法', 27)));
  return { amountFen, basis, steps, notes };
}
