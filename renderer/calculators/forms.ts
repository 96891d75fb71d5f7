import type { Calculation } from '../../common/calculators/breakdown';
import { type CourtFeeInput, HALVING_GROUNDS, type HalvingGround, courtFee } from '../../common/calculators/court-fee';
import { formatIsoDate, monthSpan, parseIsoDate } from '../../common/calculators/dates';
import { type DoubleWagesInput, doubleWages } from '../../common/calculators/double-wages';
import { type EconomicCompensationInput, economicCompensation } from '../../common/calculators/economic-compensation';
import { type OvertimeInput, overtimePay } from '../../common/calculators/overtime-pay';
import { MAX_FEN } from '../../common/money/fen';
import { parseYuan } from '../../common/money/rmb-capitals';
import { err, ok, type Result } from '../../common/result';

/**
 * The calculators' forms as data: what the citizen has typed (a draft of
 * strings, kept in the navigation stack so that "back" and "改一改" bring
 * it back — and dropped with the session), how a draft is checked, and the
 * calculator input it becomes. No DOM here; the screens render it.
 */

export const CALCULATORS = ['economic-compensation', 'double-wages', 'overtime-pay', 'court-fee'] as const;
export type CalculatorId = (typeof CALCULATORS)[number];

/** A date as three fields, as typed (digits) or set with − and +. */
export interface DateDraft {
  year: string;
  month: string;
  day: string;
}
export type DatePart = keyof DateDraft;

export const EMPTY_DATE: DateDraft = { year: '', month: '', day: '' };

export interface EconomicCompensationDraft {
  calculator: 'economic-compensation';
  startDate: DateDraft;
  endDate: DateDraft;
  /** 元, the average monthly wage over the last twelve months (or the months worked). */
  averageWage: string;
  /** 元, prefilled from the terminal's configuration when it has the figure. */
  localAverage: string;
  unlawful: boolean;
}

export interface DoubleWagesDraft {
  calculator: 'double-wages';
  startDate: DateDraft;
  signed: boolean;
  signedDate: DateDraft;
  untilDate: DateDraft;
  monthlyWage: string;
}

export interface OvertimeDraft {
  calculator: 'overtime-pay';
  wageKind: 'monthly' | 'hourly';
  wage: string;
  extendedHours: string;
  restDayHours: string;
  holidayHours: string;
}

export interface CourtFeeDraft {
  calculator: 'court-fee';
  claim: string;
  halving: HalvingGround[];
}

export type CalculatorDraft = EconomicCompensationDraft | DoubleWagesDraft | OvertimeDraft | CourtFeeDraft;

export type CalculatorInput =
  | { calculator: 'economic-compensation'; input: EconomicCompensationInput }
  | { calculator: 'double-wages'; input: DoubleWagesInput }
  | { calculator: 'overtime-pay'; input: OvertimeInput }
  | { calculator: 'court-fee'; input: CourtFeeInput };

/** What the screen knows before the citizen types: today (the kiosk's clock) and the configured local average wage. */
export interface DraftDefaults {
  /** YYYY-MM-DD. */
  today: string;
  localAverageMonthlyWageFen: number | null;
}

export function dateDraft(iso: string): DateDraft {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { year, month: String(Number(month)), day: String(Number(day)) };
}

/** Whole 元 as typed, or 元.角分 for a configured figure with cents. */
function yuanText(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

export function emptyDraft(calculator: CalculatorId, defaults: DraftDefaults): CalculatorDraft {
  const today = dateDraft(defaults.today);
  switch (calculator) {
    case 'economic-compensation':
      return {
        calculator,
        startDate: EMPTY_DATE,
        endDate: today,
        averageWage: '',
        localAverage: defaults.localAverageMonthlyWageFen === null ? '' : yuanText(defaults.localAverageMonthlyWageFen),
        unlawful: false,
      };
    case 'double-wages':
      return {
        calculator,
        startDate: EMPTY_DATE,
        signed: false,
        signedDate: EMPTY_DATE,
        untilDate: today,
        monthlyWage: '',
      };
    case 'overtime-pay':
      return { calculator, wageKind: 'monthly', wage: '', extendedHours: '', restDayHours: '', holidayHours: '' };
    case 'court-fee':
      return { calculator, claim: '', halving: [] };
  }
}

// ---------------------------------------------------------------------------
// Typing: what a field keeps of what the keyboard sends.

/** Amount fields keep digits (and a point, for a configured figure with cents); the 123 keyboard's X and - are dropped. */
export function cleanAmount(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^\d.]/g, '')
    .slice(0, 13);
}

/** Number-of-things fields (years, months, days, hours) keep digits only. */
export function cleanDigits(text: string, maxLength: number): string {
  return text.normalize('NFKC').replace(/\D/g, '').slice(0, maxLength);
}

export const DATE_PART_LENGTH: Readonly<Record<DatePart, number>> = { year: 4, month: 2, day: 2 };
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * − and + beside a date field: one year, month or day at a time, starting
 * from today's when the field is empty, and held within the calendar (a
 * month stops at 12 rather than jumping to 1, which would confuse).
 */
export function stepDatePart(draft: DateDraft, part: DatePart, delta: 1 | -1, today: DateDraft): DateDraft {
  const current = draft[part] === '' ? Number(today[part]) : Number(draft[part]);
  const year = Number(draft.year || today.year);
  const month = Number(draft.month || today.month);
  const max =
    part === 'year'
      ? MAX_YEAR
      : part === 'month'
        ? 12
        : month >= 1 && month <= 12 && year >= MIN_YEAR
          ? daysInMonth(year, month)
          : 31;
  const min = part === 'year' ? MIN_YEAR : 1;
  const next = draft[part] === '' ? current : Math.min(max, Math.max(min, current + delta));
  return { ...draft, [part]: String(next) };
}

/** 1 → 1 ± 1 hour, held at 0 and above; an empty field starts at 0. */
export function stepHours(text: string, delta: 1 | -1): string {
  const n = text === '' ? 0 : Number(text);
  return String(Math.max(0, Math.min(MAX_HOURS, n + delta)));
}

// ---------------------------------------------------------------------------
// Checking.

export type FieldError =
  | 'required'
  | 'date-incomplete'
  | 'date-invalid'
  | 'before-start'
  | 'amount-invalid'
  | 'amount-zero'
  | 'amount-too-large'
  | 'hours-none'
  | 'hours-too-many';

/** Field name → what is wrong with it, for the fields that need changing. */
export type FieldErrors = Partial<Record<string, FieldError>>;

/** The calculator's input, or what is wrong with each field that needs changing. */
export type ParsedDraft = Result<CalculatorInput, FieldErrors>;

/** At most this many hours in one class: a year of overtime is far less. */
export const MAX_HOURS = 9999;

type Check<T> = Result<T, FieldError>;

export function checkDate(draft: DateDraft): Check<string> {
  const { year, month, day } = draft;
  if (year === '' && month === '' && day === '') return err('required');
  if (year === '' || month === '' || day === '') return err('date-incomplete');
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (year.length !== 4 || y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    return err('date-invalid');
  return ok(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

export function checkAmount(text: string): Check<number> {
  if (text.trim() === '') return err('required');
  const parsed = parseYuan(text);
  if (!parsed.ok) return err(parsed.error === 'too-large' ? 'amount-too-large' : 'amount-invalid');
  if (parsed.value === 0) return err('amount-zero');
  if (parsed.value > MAX_FEN) return err('amount-too-large');
  return ok(parsed.value);
}

function checkHours(text: string): Check<number> {
  if (text === '') return ok(0);
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) return err('amount-invalid');
  if (n > MAX_HOURS) return err('hours-too-many');
  return ok(n);
}

/** Collects each field's check; `errors` is empty when every field is fine. */
class Checker {
  readonly errors: FieldErrors = {};
  take<T>(field: string, check: Check<T>): T | undefined {
    if (check.ok) return check.value;
    this.errors[field] = check.error;
    return undefined;
  }
  fail(field: string, error: FieldError): void {
    this.errors[field] ??= error;
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/**
 * Months of wages the citizen's one average stands for: the twelve before
 * the end, or the months worked when fewer (a part month counts), so that
 * the calculator averages over the right number of months and adds no note
 * about missing months.
 */
export function wageMonths(startIso: string, endIso: string): number {
  const start = parseIsoDate(startIso);
  const end = parseIsoDate(endIso);
  if (end < start) return 1;
  const span = monthSpan(start, end + 1);
  return Math.min(12, Math.max(1, span.months + (span.days > 0 ? 1 : 0)));
}

export function parseDraft(draft: CalculatorDraft): ParsedDraft {
  const c = new Checker();
  switch (draft.calculator) {
    case 'economic-compensation': {
      const startDate = c.take('startDate', checkDate(draft.startDate));
      const endDate = c.take('endDate', checkDate(draft.endDate));
      if (startDate !== undefined && endDate !== undefined && endDate < startDate) c.fail('endDate', 'before-start');
      const wage = c.take('averageWage', checkAmount(draft.averageWage));
      const localAverage = c.take('localAverage', checkAmount(draft.localAverage));
      if (!c.ok || startDate === undefined || endDate === undefined || wage === undefined || localAverage === undefined)
        return err(c.errors);
      const months = wageMonths(startDate, endDate);
      return ok({
        calculator: draft.calculator,
        input: {
          startDate,
          endDate,
          monthlyWagesFen: Array.from({ length: months }, () => wage),
          localAverageMonthlyWageFen: localAverage,
          unlawfulTermination: draft.unlawful,
        },
      });
    }
    case 'double-wages': {
      const startDate = c.take('startDate', checkDate(draft.startDate));
      const signedDate = draft.signed ? c.take('signedDate', checkDate(draft.signedDate)) : undefined;
      const untilDate = c.take('untilDate', checkDate(draft.untilDate));
      if (startDate !== undefined && untilDate !== undefined && untilDate < startDate)
        c.fail('untilDate', 'before-start');
      const wage = c.take('monthlyWage', checkAmount(draft.monthlyWage));
      if (!c.ok || startDate === undefined || untilDate === undefined || wage === undefined) return err(c.errors);
      return ok({
        calculator: draft.calculator,
        input: { startDate, untilDate, monthlyWageFen: wage, ...(signedDate === undefined ? {} : { signedDate }) },
      });
    }
    case 'overtime-pay': {
      const wage = c.take('wage', checkAmount(draft.wage));
      const extendedHours = c.take('extendedHours', checkHours(draft.extendedHours));
      const restDayHours = c.take('restDayHours', checkHours(draft.restDayHours));
      const holidayHours = c.take('holidayHours', checkHours(draft.holidayHours));
      if (c.ok && extendedHours === 0 && restDayHours === 0 && holidayHours === 0)
        c.fail('extendedHours', 'hours-none');
      if (
        !c.ok ||
        wage === undefined ||
        extendedHours === undefined ||
        restDayHours === undefined ||
        holidayHours === undefined
      ) {
        return err(c.errors);
      }
      return ok({
        calculator: draft.calculator,
        input: { wage: { kind: draft.wageKind, fen: wage }, extendedHours, restDayHours, holidayHours },
      });
    }
    case 'court-fee': {
      const claimFen = c.take('claim', checkAmount(draft.claim));
      if (!c.ok || claimFen === undefined) return err(c.errors);
      const halving = HALVING_GROUNDS.filter((g) => draft.halving.includes(g));
      return ok({ calculator: draft.calculator, input: { claimFen, halving } });
    }
  }
}

export type AnyCalculation = Calculation<string, string>;

export function runCalculator(value: CalculatorInput): AnyCalculation {
  switch (value.calculator) {
    case 'economic-compensation':
      return economicCompensation(value.input);
    case 'double-wages':
      return doubleWages(value.input);
    case 'overtime-pay':
      return overtimePay(value.input);
    case 'court-fee':
      return courtFee(value.input);
  }
}

/** A field's value on paper and on the result screen. */
export type SummaryValue =
  | { kind: 'date'; iso: string }
  | { kind: 'yuan'; fen: number }
  | { kind: 'hours'; hours: number }
  | { kind: 'yes-no'; yes: boolean }
  | { kind: 'not-signed' }
  | { kind: 'wage-kind'; wageKind: 'monthly' | 'hourly' }
  | { kind: 'grounds'; grounds: readonly HalvingGround[] };

/** What the citizen entered, field by field (catalogue keys under `calculators.fields`), for the result and the receipt. */
export function inputSummary(value: CalculatorInput): { field: string; value: SummaryValue }[] {
  switch (value.calculator) {
    case 'economic-compensation': {
      const i = value.input;
      return [
        { field: 'startDate', value: { kind: 'date', iso: i.startDate } },
        { field: 'endDate', value: { kind: 'date', iso: i.endDate } },
        { field: 'averageWage', value: { kind: 'yuan', fen: i.monthlyWagesFen[0] ?? 0 } },
        { field: 'localAverage', value: { kind: 'yuan', fen: i.localAverageMonthlyWageFen } },
        { field: 'unlawful', value: { kind: 'yes-no', yes: i.unlawfulTermination === true } },
      ];
    }
    case 'double-wages': {
      const i = value.input;
      return [
        { field: 'startDate', value: { kind: 'date', iso: i.startDate } },
        {
          field: 'signedDate',
          value: i.signedDate === undefined ? { kind: 'not-signed' } : { kind: 'date', iso: i.signedDate },
        },
        { field: 'untilDate', value: { kind: 'date', iso: i.untilDate } },
        { field: 'monthlyWage', value: { kind: 'yuan', fen: i.monthlyWageFen } },
      ];
    }
    case 'overtime-pay': {
      const i = value.input;
      return [
        { field: 'wageKind', value: { kind: 'wage-kind', wageKind: i.wage.kind } },
        { field: i.wage.kind === 'monthly' ? 'monthlyWage' : 'hourlyWage', value: { kind: 'yuan', fen: i.wage.fen } },
        { field: 'extendedHours', value: { kind: 'hours', hours: i.extendedHours ?? 0 } },
        { field: 'restDayHours', value: { kind: 'hours', hours: i.restDayHours ?? 0 } },
        { field: 'holidayHours', value: { kind: 'hours', hours: i.holidayHours ?? 0 } },
      ];
    }
    case 'court-fee':
      return [
        { field: 'claim', value: { kind: 'yuan', fen: value.input.claimFen } },
        { field: 'halvingShort', value: { kind: 'grounds', grounds: value.input.halving ?? [] } },
      ];
  }
}

/** The kiosk's local calendar day, YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
  return formatIsoDate(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000);
}
