/**
 * 经济补偿 when a labour contract ends (劳动合同法 第四十七条), and the
 * 赔偿金 of twice that when the employer ended it unlawfully (第八十七条).
 *
 * 第四十七条: one month's wage per full year of service; six months or more
 * of a further part year count as a year, under six months as half a month.
 * "Monthly wage" is the average of the twelve months before the end (third
 * paragraph), counted as gross pay with bonuses and allowances, over the
 * months actually worked when fewer than twelve, and never below the local
 * minimum wage (劳动合同法实施条例 第二十七条). When the wage is above three
 * times the local average monthly wage published by the city government, the
 * wage used is three times that average and the years stop at twelve (second
 * paragraph). That average changes every year and differs by city, so it is
 * an input from the terminal's configuration, never a constant here.
 *
 * Service before 2008 (第九十七条第三款): compensation years are counted from
 * 2008-01-01, the day the law took effect; for the earlier years the rules of
 * the time apply (they depended on the ground of termination and are not
 * implemented). The breakdown then says the earlier period was left out.
 * 赔偿金 under 第八十七条 is different: its years count from the first day of
 * work, earlier years included (实施条例 第二十五条), and it replaces the
 * compensation.
 *
 * Whether compensation is due at all (第四十六条 lists the cases) is for the
 * citizen's situation and is not judged here; the breakdown says so.
 *
 * Rounding: the average wage is rounded half up to the 分, then the amount
 * (wage × months, months possibly x.5) is rounded half up to the 分.
 */
import { assertFen, mulDivRoundHalfUp } from '../money/fen';
import { article, step, type Calculation, type Step } from './breakdown';
import { formatIsoDate, monthSpan, parseIsoDate } from './dates';

const LAW = '劳动合同法';
const REGULATION = '劳动合同法实施条例';

/** 劳动合同法 第九十八条: 本法自2008年1月1日起施行. */
export const LABOUR_CONTRACT_LAW_EFFECTIVE_DATE = '2008-01-01';

/** The wage cap is this many times the local average monthly wage (第四十七条第二款). */
export const WAGE_CAP_MULTIPLE = 3;
/** Years are capped at this many when the wage is capped (第四十七条第二款). */
export const CAPPED_MAX_YEARS = 12;

/**
 * - average-monthly-wage {totalFen, months, averageFen}: the wages given, averaged
 * - minimum-wage-floor {averageFen, minimumWageFen}: the average was below the local minimum wage and is raised to it
 * - wage-within-cap {wageFen, localAverageFen, capFen}: not above three times the local average; no caps apply
 * - wage-above-cap {wageFen, localAverageFen, capFen}: above it; the wage used is capFen and years stop at twelve
 * - service-period {fromDate, toDate, years, months, days}: the service counted (toDate inclusive)
 * - full-years {years, monthsOfWage}: one month's wage per full year
 * - part-year-six-months-or-more {months, days, monthsOfWage}: counts as a year (monthsOfWage 1)
 * - part-year-under-six-months {months, days, monthsOfWage}: half a month (monthsOfWage 0.5)
 * - years-capped {monthsOfWage, cappedMonthsOfWage}: the count before and after the twelve-year cap
 * - compensation {wageFen, monthsOfWage, amountFen}: wage × months
 * - unlawful-termination-damages {compensationFen, multiple, amountFen}: 赔偿金, twice the compensation
 */
export const ECONOMIC_COMPENSATION_STEPS = [
  'average-monthly-wage',
  'minimum-wage-floor',
  'wage-within-cap',
  'wage-above-cap',
  'service-period',
  'full-years',
  'part-year-six-months-or-more',
  'part-year-under-six-months',
  'years-capped',
  'compensation',
  'unlawful-termination-damages',
] as const;
export type EconomicCompensationStep = (typeof ECONOMIC_COMPENSATION_STEPS)[number];

/**
 * - grounds-not-checked {}: whether compensation (第四十六条) or damages (第四十八条) are due is not judged
 * - wage-is-gross-pay {}: the monthly wage means pay due before deductions, bonuses and allowances included
 * - service-before-2008-not-included {fromDate, toDate}: that period follows the rules of the time; ask a lawyer
 * - damages-counted-from-first-day {fromDate}: 赔偿金 years include service before 2008
 * - damages-replace-compensation {}: with 赔偿金 no compensation is paid on top
 * - fewer-wage-months-than-service {monthsGiven}: the average is over fewer months than the twelve before the end
 */
export const ECONOMIC_COMPENSATION_NOTES = [
  'grounds-not-checked',
  'wage-is-gross-pay',
  'service-before-2008-not-included',
  'damages-counted-from-first-day',
  'damages-replace-compensation',
  'fewer-wage-months-than-service',
] as const;
export type EconomicCompensationNote = (typeof ECONOMIC_COMPENSATION_NOTES)[number];

export interface EconomicCompensationInput {
  /** 用工之日, the first day of work: YYYY-MM-DD. */
  startDate: string;
  /** The day the contract was ended or terminated (解除或者终止之日), the last day of service: YYYY-MM-DD, inclusive. */
  endDate: string;
  /**
   * Gross pay of each of the last twelve months before the end, in fen, in
   * any order (fewer when the worker worked fewer months; one figure when only
   * the average is known). 1 to 12 entries.
   */
  monthlyWagesFen: readonly number[];
  /** 本地区上年度职工月平均工资 as published by the city government; from configuration. */
  localAverageMonthlyWageFen: number;
  /** 当地最低工资标准, if known: a lower average is raised to it (实施条例 第二十七条). */
  localMinimumWageFen?: number;
  /** The employer ended the contract unlawfully and the worker does not ask to keep the job: 赔偿金 (第八十七条). */
  unlawfulTermination?: boolean;
}

export type EconomicCompensation = Calculation<EconomicCompensationStep, EconomicCompensationNote>;

export function economicCompensation(input: EconomicCompensationInput): EconomicCompensation {
  const start = parseIsoDate(input.startDate, 'the start date');
  const end = parseIsoDate(input.endDate, 'the end date');
  if (end < start) throw new RangeError('the end date is before the start date');
  const wages = input.monthlyWagesFen;
  if (wages.length < 1 || wages.length > 12) throw new RangeError('give the wages of 1 to 12 months');
  wages.forEach((w, i) => assertFen(w, `the wage of month ${i + 1}`));
  assertFen(input.localAverageMonthlyWageFen, 'the local average monthly wage');
  if (input.localAverageMonthlyWageFen === 0) throw new RangeError('the local average monthly wage must be above zero');
  if (input.localMinimumWageFen !== undefined) assertFen(input.localMinimumWageFen, 'the local minimum wage');
  const unlawful = input.unlawfulTermination === true;

  const steps: Step<EconomicCompensationStep>[] = [];
  const notes: Step<EconomicCompensationNote>[] = [
    step('grounds-not-checked', {}, unlawful ? article(LAW, 48) : article(LAW, 46)),
    step('wage-is-gross-pay', {}, article(REGULATION, 27)),
  ];

  // The monthly wage.
  const totalFen = wages.reduce((a, b) => a + b, 0);
  let wageFen = mulDivRoundHalfUp(totalFen, 1, wages.length);
  steps.push(
    step(
      'average-monthly-wage',
      { totalFen, months: wages.length, averageFen: wageFen },
      article(LAW, 47, { paragraph: 3 }),
      article(REGULATION, 27),
    ),
  );
  if (input.localMinimumWageFen !== undefined && wageFen < input.localMinimumWageFen) {
    steps.push(
      step(
        'minimum-wage-floor',
        { averageFen: wageFen, minimumWageFen: input.localMinimumWageFen },
        article(REGULATION, 27),
      ),
    );
    wageFen = input.localMinimumWageFen;
  }
  const localAverageFen = input.localAverageMonthlyWageFen;
  const capFen = WAGE_CAP_MULTIPLE * localAverageFen;
  // 高于 is strict: a wage of exactly three times the average is not capped.
  const capped = wageFen > capFen;
  steps.push(
    step(
      capped ? 'wage-above-cap' : 'wage-within-cap',
      { wageFen, localAverageFen, capFen },
      article(LAW, 47, { paragraph: 2 }),
    ),
  );
  if (capped) wageFen = capFen;

  // The service counted.
  const lawStart = parseIsoDate(LABOUR_CONTRACT_LAW_EFFECTIVE_DATE);
  const from = unlawful ? start : Math.max(start, lawStart);
  const endExclusive = end + 1;
  const span = monthSpan(Math.min(from, endExclusive), endExclusive);
  const years = Math.floor(span.months / 12);
  const partMonths = span.months % 12;
  const serviceBasis = [article(LAW, 47, { paragraph: 1 })];
  if (start < lawStart) serviceBasis.push(unlawful ? article(REGULATION, 25) : article(LAW, 97, { paragraph: 3 }));
  // Service wholly before 2008 counts nothing here; the note below says why.
  if (from <= end)
    steps.push(
      step(
        'service-period',
        { fromDate: formatIsoDate(from), toDate: formatIsoDate(end), years, months: partMonths, days: span.days },
        ...serviceBasis,
      ),
    );
  if (start < lawStart) {
    notes.push(
      unlawful
        ? step('damages-counted-from-first-day', { fromDate: formatIsoDate(start) }, article(REGULATION, 25))
        : step(
            'service-before-2008-not-included',
            { fromDate: formatIsoDate(start), toDate: formatIsoDate(Math.min(end, lawStart - 1)) },
            article(LAW, 97, { paragraph: 3 }),
          ),
    );
  }
  if (span.months >= 12 && wages.length < 12)
    notes.push(
      step('fewer-wage-months-than-service', { monthsGiven: wages.length }, article(LAW, 47, { paragraph: 3 })),
    );

  // Months of wage, counted in halves so that x.5 stays an integer.
  let halfMonths = 2 * years;
  if (years > 0) steps.push(step('full-years', { years, monthsOfWage: years }, article(LAW, 47, { paragraph: 1 })));
  if (partMonths >= 6) {
    halfMonths += 2;
    steps.push(
      step(
        'part-year-six-months-or-more',
        { months: partMonths, days: span.days, monthsOfWage: 1 },
        article(LAW, 47, { paragraph: 1 }),
      ),
    );
  } else if (partMonths > 0 || span.days > 0) {
    halfMonths += 1;
    steps.push(
      step(
        'part-year-under-six-months',
        { months: partMonths, days: span.days, monthsOfWage: 0.5 },
        article(LAW, 47, { paragraph: 1 }),
      ),
    );
  }
  if (capped && halfMonths > 2 * CAPPED_MAX_YEARS) {
    steps.push(
      step(
        'years-capped',
        { monthsOfWage: halfMonths / 2, cappedMonthsOfWage: CAPPED_MAX_YEARS },
        article(LAW, 47, { paragraph: 2 }),
      ),
    );
    halfMonths = 2 * CAPPED_MAX_YEARS;
  }

  const compensationFen = mulDivRoundHalfUp(wageFen, halfMonths, 2);
  steps.push(
    step('compensation', { wageFen, monthsOfWage: halfMonths / 2, amountFen: compensationFen }, article(LAW, 47)),
  );
  if (!unlawful) return { amountFen: compensationFen, basis: [article(LAW, 47)], steps, notes };

  const amountFen = 2 * compensationFen;
  steps.push(step('unlawful-termination-damages', { compensationFen, multiple: 2, amountFen }, article(LAW, 87)));
  notes.push(step('damages-replace-compensation', {}, article(REGULATION, 25)));
  return { amountFen, basis: [article(LAW, 87), article(LAW, 47)], steps, notes };
}
