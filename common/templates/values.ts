import { z } from 'zod';
import { localDay } from '../local-date';
import { checkIdNumber, isRealDate, type IdNumberProblem } from '../idcard/id-number';
import { formatYuan } from '../money/fen';
import { formatRmbCapitals, parseYuan } from '../money/rmb-capitals';
import { err, ok, type Result } from '../result';
import { TEMPLATE_HANDOFF_MAX_CHARS, TEMPLATE_MAX_FIELDS } from '../api/body-limits';
import { BLANK, type FieldOf, type Template, type TemplateField } from './template';

/**
 * Checking what a citizen typed into a template's form, field by field.
 * Every answer arrives as text (the on-screen keyboard types text); each one
 * comes back either normalised (amounts in fen, dates as yyyy-mm-dd, ID
 * numbers with an upper-case X) or with an error code the UI translates,
 * and `params` to fill into the message.
 */

export const FIELD_ERROR_CODES = [
  /** A value for a field the template does not have. */
  'unknown-field',
  'required',
  /** params: max (characters). */
  'too-long',
  /** Not an amount of money with at most two decimals. params: reason (a ParseYuanError of common/money/rmb-capitals.ts). */
  'amount-format',
  /** params: min (yuan). */
  'amount-too-small',
  /** params: max (yuan). */
  'amount-too-large',
  /** Not yyyy-mm-dd. */
  'date-format',
  /** A date that does not exist: 2023-02-29. */
  'date-not-real',
  /** params: min (yyyy-mm-dd); minField and minLabel when the bound is another field, absent when it is today. */
  'date-too-early',
  /** params: max (yyyy-mm-dd); maxField and maxLabel when the bound is another field, absent when it is today. */
  'date-too-late',
  /** Not 17 digits and a digit or X. */
  'id-number-format',
  /** The last character does not match the first 17 (a typing error). */
  'id-number-check-character',
  /** Digits 7–14 are not a real birth date, or one in the future. */
  'id-number-birth-date',
  /** The first digits name no province. */
  'id-number-region',
  /** Neither a mainland mobile number nor a landline with its area code. */
  'phone-format',
  /** params: options (joined with 、). */
  'not-an-option',
  /** Not a whole number. */
  'integer-format',
  /** params: decimals (digits allowed after the point). */
  'percent-format',
  /** params: min. */
  'too-small',
  /** params: max. */
  'too-large',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const FieldError = z.object({
  field: z.string(),
  code: z.enum(FIELD_ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof FieldError>;

/** What the form sends: text per field id; a missing or blank entry is an empty answer. */
export const RawTemplateValues = z
  .record(z.string().max(100), z.string().max(4000))
  .refine((v) => Object.keys(v).length <= TEMPLATE_MAX_FIELDS, `expected at most ${TEMPLATE_MAX_FIELDS} fields`)
  .refine(
    (v) => Object.values(v).reduce((n, text) => n + text.length, 0) <= TEMPLATE_HANDOFF_MAX_CHARS,
    `expected at most ${TEMPLATE_HANDOFF_MAX_CHARS} characters in all the answers together`,
  );
export type RawTemplateValues = Readonly<Record<string, string | undefined>>;

/**
 * A checked answer: text (trimmed), a number (amount in fen, integer,
 * percent), a date as yyyy-mm-dd, or null for an optional field left empty.
 */
export type TemplateValue = string | number | null;
export type TemplateValues = Record<string, TemplateValue>;

export interface ValidateOptions {
  /** yyyy-mm-dd; dates bounded by `today` and ID birth dates are checked against it. Defaults to the local date. */
  today?: string;
}

export interface ValidationResult {
  /** One error per field at most, in the order of the template's fields (unknown fields last). */
  errors: FieldError[];
  /** Every field that passed, normalised. Complete (every field present) when `errors` is empty. */
  values: TemplateValues;
}

// The most specific first: a mistyped birth date or province also breaks the check character.
const ID_PROBLEM_ORDER: readonly [IdNumberProblem, FieldErrorCode][] = [
  ['format', 'id-number-format'],
  ['birth-date', 'id-number-birth-date'],
  ['region', 'id-number-region'],
  ['check-character', 'id-number-check-character'],
];

const localToday = (): string => localDay(new Date());

/** Full-width digits and letters (from a Chinese keyboard) as ASCII; spaces out. */
function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

type Checked = Result<TemplateValue, Omit<FieldError, 'field'>>;
const fail = (code: FieldErrorCode, params?: FieldError['params']): Checked =>
  err(params === undefined ? { code } : { code, params });

function checkText(field: FieldOf<'text'> | FieldOf<'multiline'>, raw: string): Checked {
  // Control characters would never print; a one-line field stays on one line.
  let text = raw.replace(/\r\n?/g, '\n').replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ''));
  text =
    field.kind === 'text' ? text.replace(/\s*\n\s*/g, ' ') : text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
  text = text.trim();
  if ([...text].length > field.max) return fail('too-long', { max: field.max });
  return ok(text);
}

function checkAmount(field: FieldOf<'amount'>, raw: string): Checked {
  const parsed = parseYuan(raw);
  if (!parsed.ok)
    return parsed.error === 'too-large'
      ? fail('amount-too-large', { max: field.max })
      : fail('amount-format', { reason: parsed.error });
  const fen = parsed.value;
  const min = Math.round(field.min * 100);
  const max = Math.round(field.max * 100);
  if (fen < min) return fail('amount-too-small', { min: field.min });
  if (fen > max) return fail('amount-too-large', { max: field.max });
  return ok(fen);
}

const DATE = /^(\d{4})(?:-|\/|\.|年)(\d{1,2})(?:-|\/|\.|月)(\d{1,2})日?$/;

/** yyyy-mm-dd (also 2024/3/5, 2024.3.5, 2024年3月5日) → yyyy-mm-dd, or undefined when not a date's shape. */
function parseDate(raw: string): { iso: string; real: boolean } | undefined {
  const m = DATE.exec(compact(raw));
  if (m === null) return undefined;
  const [y, mo, d] = [m[1]!, m[2]!.padStart(2, '0'), m[3]!.padStart(2, '0')];
  return { iso: `${y}-${mo}-${d}`, real: isRealDate(`${y}${mo}${d}`) };
}

function checkDate(raw: string): Checked {
  const d = parseDate(raw);
  if (d === undefined) return fail('date-format');
  if (!d.real) return fail('date-not-real');
  return ok(d.iso);
}

function checkId(raw: string, today: string): Checked {
  const id = compact(raw).toUpperCase();
  const check = checkIdNumber(id, { today });
  if (check.valid) return ok(id);
  const [, code] = ID_PROBLEM_ORDER.find(([p]) => check.problems.includes(p)) ?? ID_PROBLEM_ORDER[0]!;
  return fail(code);
}

/** Beijing (010) and the 02x cities have 3-digit area codes; every other area code has 4. */
function areaCodeLength(digits: string): 3 | 4 {
  return digits.startsWith('010') || digits.startsWith('02') ? 3 : 4;
}

/**
 * A mainland mobile number (11 digits from 13–19; +86 allowed) or a landline
 * with its area code → `13800138000` or `027-87654321` (`-123` for an
 * extension). Undefined for anything else.
 */
export function normalizePhone(raw: string): string | undefined {
  const p = compact(raw)
    .replace(/[（(]/g, '')
    .replace(/[)）]/g, '-')
    .replace(/[—–－]/g, '-')
    .replace(/^(?:\+|00)86-?/, '');
  const digits = p.replace(/-/g, '');
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return digits.slice(-11);
  const m = /^(0\d{2,3})(-?)(\d{7,8})(?:(?:-|转|#)(\d{1,6}))?$/.exec(p);
  if (m === null) return undefined;
  const joined = m[1]! + m[3]!;
  const areaLength = areaCodeLength(joined);
  // Written with a dash, the area code must have its real length; written without, it is cut where it must end.
  if (m[2] === '-' && m[1]!.length !== areaLength) return undefined;
  const local = joined.slice(areaLength);
  if (!/^[2-9]\d{6,7}$/.test(local)) return undefined;
  return `${joined.slice(0, areaLength)}-${local}${m[4] !== undefined ? `-${m[4]}` : ''}`;
}

function checkChoice(field: FieldOf<'choice'>, raw: string): Checked {
  const v = raw.trim();
  return field.options.includes(v) ? ok(v) : fail('not-an-option', { options: field.options.join('、') });
}

function checkInteger(field: FieldOf<'integer'>, raw: string): Checked {
  const t = compact(raw).replace(new RegExp(`${escapeRegExp(field.unit ?? '')}$`), '');
  if (!/^-?\d{1,12}$/.test(t)) return fail('integer-format');
  const n = Number(t);
  if (n < field.min) return fail('too-small', { min: field.min });
  if (n > field.max) return fail('too-large', { max: field.max });
  return ok(n);
}

function checkPercent(field: FieldOf<'percent'>, raw: string): Checked {
  const t = compact(raw).replace(/[%％]$/, '');
  const m = /^(\d{1,4})(?:\.(\d+))?$/.exec(t);
  if (m === null || (m[2]?.length ?? 0) > field.decimals) return fail('percent-format', { decimals: field.decimals });
  const n = Number(t);
  if (n < field.min) return fail('too-small', { min: field.min });
  if (n > field.max) return fail('too-large', { max: field.max });
  return ok(n);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function checkField(field: TemplateField, raw: string, today: string): Checked {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return checkText(field, raw);
    case 'amount':
      return checkAmount(field, raw);
    case 'date':
      return checkDate(raw);
    case 'id-number':
      return checkId(raw, today);
    case 'phone': {
      const p = normalizePhone(raw);
      return p === undefined ? fail('phone-format') : ok(p);
    }
    case 'choice':
      return checkChoice(field, raw);
    case 'integer':
      return checkInteger(field, raw);
    case 'percent':
      return checkPercent(field, raw);
  }
}

/**
 * Checks every answer against the template: required fields, each kind's
 * format and range, then date bounds between fields (a repayment date not
 * before the loan date) — a bound to a field that itself failed is not
 * checked, so one mistake gives one error.
 */
export function validateTemplateValues(
  template: Pick<Template, 'fields'>,
  raw: RawTemplateValues,
  opts: ValidateOptions = {},
): ValidationResult {
  const today = opts.today ?? localToday();
  const errors: FieldError[] = [];
  const values: TemplateValues = {};
  const known = new Set(template.fields.map((f) => f.id));
  for (const field of template.fields) {
    const text = raw[field.id] ?? '';
    if (text.trim() === '') {
      if (field.required) errors.push({ field: field.id, code: 'required' });
      else values[field.id] = null;
      continue;
    }
    const checked = checkField(field, text, today);
    if (!checked.ok) errors.push({ field: field.id, ...checked.error });
    // Text of nothing but unprintable characters is no answer either.
    else if (checked.value === '' && field.required) errors.push({ field: field.id, code: 'required' });
    else values[field.id] = checked.value === '' ? null : checked.value;
  }
  const labels = new Map(template.fields.map((f) => [f.id, f.label]));
  for (const field of template.fields) {
    if (field.kind !== 'date') continue;
    const v = values[field.id];
    if (typeof v !== 'string') continue;
    const bound = (b: string | undefined): { date: string; field?: string } | undefined => {
      if (b === undefined) return undefined;
      if (b === 'today') return { date: today };
      const other = values[b];
      return typeof other === 'string' ? { date: other, field: b } : undefined;
    };
    const min = bound(field.min);
    const max = bound(field.max);
    let error: FieldError | undefined;
    if (min !== undefined && v < min.date) {
      error = {
        field: field.id,
        code: 'date-too-early',
        params: {
          min: min.date,
          ...(min.field !== undefined ? { minField: min.field, minLabel: labels.get(min.field)! } : {}),
        },
      };
    } else if (max !== undefined && v > max.date) {
      error = {
        field: field.id,
        code: 'date-too-late',
        params: {
          max: max.date,
          ...(max.field !== undefined ? { maxField: max.field, maxLabel: labels.get(max.field)! } : {}),
        },
      };
    }
    if (error !== undefined) {
      errors.push(error);
      delete values[field.id];
    }
  }
  for (const key of Object.keys(raw)) if (!known.has(key)) errors.push({ field: key, code: 'unknown-field' });
  const order = new Map(template.fields.map((f, i) => [f.id, i]));
  errors.sort((a, b) => (order.get(a.field) ?? Infinity) - (order.get(b.field) ?? Infinity));
  return { errors, values };
}

/** ¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角） — figures and capitals, as a document states an amount. */
export function formatAmount(fen: number): string {
  return `¥${formatYuan(fen)}（人民币${formatRmbCapitals(fen)}）`;
}

/** 2024-03-05 → 2024年3月5日 */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** How a checked value reads in the document. */
export function formatTemplateValue(field: TemplateField, value: TemplateValue | undefined): string {
  if (value === null || value === undefined || value === '') return field.empty ?? BLANK;
  switch (field.kind) {
    case 'amount':
      return formatAmount(Number(value));
    case 'date':
      return formatChineseDate(String(value));
    case 'integer':
      return `${value}${field.unit ?? ''}`;
    case 'percent':
      return `${value}%`;
    default:
      return String(value);
  }
}
