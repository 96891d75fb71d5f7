/**
 * Overtime pay (劳动法 第四十四条): not less than 150% of the wage for hours
 * beyond the working day, 200% for work on a rest day when no compensatory
 * rest (补休) is given, 300% on a statutory holiday. These are minimums
 * ("不低于"); a contract may promise more. The same rates, per hour, are in
 * 工资支付暂行规定 第十三条, which also says they do not apply to workers
 * under the 不定时工作制 (flexible hours) scheme.
 *
 * The hourly wage is the one the citizen gives, or the monthly wage divided by
 * 21.75 pay days × 8 hours = 174 hours. 21.75 is 月计薪天数 = (365 − 104
 * rest days) ÷ 12 from 劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资
 * 折算问题的通知》, part 二: holidays are paid days (劳动法 第五十一条), so
 * they stay in the divisor. The overtime pay is on top of the normal monthly
 * wage, which already pays for holidays as days off.
 *
 * Rounding, chosen so every line on the screen can be checked by hand: the
 * hourly wage is rounded half up to the 分 first; each class is then
 * hourly × rate × hours, rounded half up to the 分; the total is their sum.
 * Hours are taken to the nearest minute.
 */
import { assertFen, mulDivRoundHalfUp } from '../money/fen';
import { article, step, type Basis, type Calculation, type DocumentBasis, type Step } from './breakdown';

const LAW = '劳动法';

/** 月计薪天数 × 100: 21.75 days, kept as an integer so the division stays exact. */
export const PAY_DAYS_PER_MONTH_TIMES_100 = 2175;
export const HOURS_PER_DAY = 8;

export const PAY_CONVERSION_NOTICE: DocumentBasis = {
  kind: 'document',
  title: '关于职工全年月平均工作时间和工资折算问题的通知',
  documentNumber: '劳社部发〔2008〕3号',
  section: '二',
};

export const OVERTIME_CLASSES = ['extended-hours', 'rest-day', 'statutory-holiday'] as const;
export type OvertimeClass = (typeof OVERTIME_CLASSES)[number];

/** The minimum rate of each class, in percent of the wage, and the 项 of 第四十四条 that sets it. */
export const OVERTIME_RATES: Readonly<Record<OvertimeClass, { percent: number; item: number }>> = {
  'extended-hours': { percent: 150, item: 1 },
  'rest-day': { percent: 200, item: 2 },
  'statutory-holiday': { percent: 300, item: 3 },
};

/**
 * - hourly-wage-given {hourlyWageFen}
 * - hourly-wage-from-monthly {monthlyWageFen, payDaysPerMonth, hoursPerDay, hourlyWageFen}: monthly ÷ (21.75 × 8)
 * - extended-hours {hours, hourlyWageFen, ratePercent, amountFen}: 150%
 * - rest-day {hours, hourlyWageFen, ratePercent, amountFen}: 200%, rest-day hours without compensatory rest
 * - statutory-holiday {hours, hourlyWageFen, ratePercent, amountFen}: 300%
 * - total {amountFen}
 */
export const OVERTIME_STEPS = ['hourly-wage-given', 'hourly-wage-from-monthly', ...OVERTIME_CLASSES, 'total'] as const;
export type OvertimeStep = (typeof OVERTIME_STEPS)[number];

/**
 * - minimum-rates {}: the rates are the legal minimum; a contract or collective agreement may pay more
 * - rest-day-only-without-compensatory-rest {}: rest-day hours given 补休 are not paid at 200%
 * - not-for-flexible-hours {}: workers under 不定时工作制 are not paid by these rules
 * - on-top-of-normal-wage {}: overtime pay comes in addition to the normal monthly wage
 */
export const OVERTIME_NOTES = [
  'minimum-rates',
  'rest-day-only-without-compensatory-rest',
  'not-for-flexible-hours',
  'on-top-of-normal-wage',
] as const;
export type OvertimeNote = (typeof OVERTIME_NOTES)[number];

export type OvertimeWage = { kind: 'hourly'; fen: number } | { kind: 'monthly'; fen: number };

export interface OvertimeInput {
  /** The wage the rates apply to: per hour, or per month (converted at 21.75 × 8 hours). */
  wage: OvertimeWage;
  /** Hours worked beyond the normal working day (工作日延长工作时间). */
  extendedHours?: number;
  /** Hours worked on rest days for which no compensatory rest was given. */
  restDayHours?: number;
  /** Hours worked on statutory holidays (法定休假日). */
  holidayHours?: number;
}

export type OvertimePay = Calculation<OvertimeStep, OvertimeNote>;

function minutesOf(hours: number | undefined, what: string): number {
  if (hours === undefined) return 0;
  if (!Number.isFinite(hours) || hours < 0)
    throw new RangeError(`${what} must be a number of hours, 0 or more, got ${hours}`);
  return Math.round(hours * 60);
}

export function overtimePay(input: OvertimeInput): OvertimePay {
  assertFen(input.wage.fen, input.wage.kind === 'hourly' ? 'the hourly wage' : 'the monthly wage');
  const minutes: Record<OvertimeClass, number> = {
    'extended-hours': minutesOf(input.extendedHours, 'extended hours'),
    'rest-day': minutesOf(input.restDayHours, 'rest-day hours'),
    'statutory-holiday': minutesOf(input.holidayHours, 'holiday hours'),
  };

  const steps: Step<OvertimeStep>[] = [];
  let hourlyWageFen: number;
  if (input.wage.kind === 'hourly') {
    hourlyWageFen = input.wage.fen;
    steps.push(step('hourly-wage-given', { hourlyWageFen }));
  } else {
    const monthlyWageFen = input.wage.fen;
    hourlyWageFen = mulDivRoundHalfUp(monthlyWageFen, 100, PAY_DAYS_PER_MONTH_TIMES_100 * HOURS_PER_DAY);
    steps.push(
      step(
        'hourly-wage-from-monthly',
        {
          monthlyWageFen,
          payDaysPerMonth: PAY_DAYS_PER_MONTH_TIMES_100 / 100,
          hoursPerDay: HOURS_PER_DAY,
          hourlyWageFen,
        },
        PAY_CONVERSION_NOTICE,
      ),
    );
  }

  let amountFen = 0;
  const basis: Basis[] = [article(LAW, 44)];
  for (const cls of OVERTIME_CLASSES) {
    if (minutes[cls] === 0) continue;
    const { percent, item } = OVERTIME_RATES[cls];
    const classFen = mulDivRoundHalfUp(hourlyWageFen, percent * minutes[cls], 60 * 100);
    amountFen += classFen;
    steps.push(
      step(
        cls,
        { hours: minutes[cls] / 60, hourlyWageFen, ratePercent: percent, amountFen: classFen },
        article(LAW, 44, { item }),
      ),
    );
  }
  assertFen(amountFen, 'the total');
  steps.push(step('total', { amountFen }, ...basis));

  const notes: Step<OvertimeNote>[] = [
    step('minimum-rates', {}, article(LAW, 44)),
    step('on-top-of-normal-wage', {}, article(LAW, 51), PAY_CONVERSION_NOTICE),
    step('not-for-flexible-hours', {}, article('工资支付暂行规定', 13, { paragraph: 4 })),
  ];
  if (minutes['rest-day'] > 0)
    notes.push(step('rest-day-only-without-compensatory-rest', {}, article(LAW, 44, { item: 2 })));
  return { amountFen, basis, steps, notes };
}
