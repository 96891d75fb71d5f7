import { isRealDate } from '../../common/idcard/id-number';
import { formatRmbCapitals, parseYuan, type ParseYuanError } from '../../common/money/rmb-capitals';
import { fieldGroup, type Template, type TemplateField } from '../../common/templates/template';
import { validateTemplateValues, type FieldError } from '../../common/templates/values';

/**
 * The form of a document template as the screen fills it: pure functions, so
 * the rules are unit-tested. The answers are the citizen's text per field id
 * (what the on-screen keyboard typed); they live in the screen's state only
 * and go to the service for the preview, never to a log.
 */

export type FormValues = Readonly<Record<string, string>>;
/** At most one error per field, by field id. */
export type FieldErrors = Readonly<Record<string, FieldError>>;

type FormTemplate = Pick<Template, 'fields'>;

/** What `templatePreview` is sent: every field of the template, as typed ('' for nothing). */
export function previewValues(template: FormTemplate, values: FormValues): Record<string, string> {
  return Object.fromEntries(template.fields.map((f) => [f.id, values[f.id] ?? '']));
}

/**
 * The error one field has now, checked with the same function the service
 * uses — so "下一项" can say at once what the preview would say later. Date
 * bounds to other fields count (a repayment date before the loan date).
 */
export function checkField(
  template: FormTemplate,
  values: FormValues,
  fieldId: string,
  today?: string,
): FieldError | null {
  const { errors } = validateTemplateValues(
    template,
    previewValues(template, values),
    today === undefined ? {} : { today },
  );
  return errors.find((e) => e.field === fieldId) ?? null;
}

/** The service's errors by field; the first error of a field wins. */
export function errorsByField(errors: readonly FieldError[]): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const e of errors) if (!(e.field in out)) out[e.field] = e;
  return out;
}

/** Index of the first field (in the template's order) that has an error, or null. */
export function firstErrorIndex(template: FormTemplate, errors: FieldErrors): number | null {
  const i = template.fields.findIndex((f) => errors[f.id] !== undefined);
  return i === -1 ? null : i;
}

/** Errors about fields the template does not have (a template changed under the screen): shown once, not beside a field. */
export function hasUnknownFieldErrors(template: FormTemplate, errors: readonly FieldError[]): boolean {
  const known = new Set(template.fields.map((f) => f.id));
  return errors.some((e) => !known.has(e.field));
}

/** Sets one answer; the error the field had goes with the old answer. */
export function withValue(
  values: FormValues,
  errors: FieldErrors,
  fieldId: string,
  text: string,
): { values: FormValues; errors: FieldErrors } {
  const nextErrors = { ...errors };
  delete nextErrors[fieldId];
  return { values: { ...values, [fieldId]: text }, errors: nextErrors };
}

/** Answers read from an ID card go in over what was typed for those fields, and their errors go. */
export function withPrefill(
  values: FormValues,
  errors: FieldErrors,
  filled: Readonly<Record<string, string>>,
): { values: FormValues; errors: FieldErrors } {
  const nextErrors = { ...errors };
  for (const id of Object.keys(filled)) delete nextErrors[id];
  return { values: { ...values, ...filled }, errors: nextErrors };
}

export function countOptional(template: FormTemplate): number {
  return template.fields.filter((f) => !f.required).length;
}

/** Whether anything was typed yet (leaving then loses it). */
export function hasAnswers(values: FormValues): boolean {
  return Object.values(values).some((v) => v.trim() !== '');
}

// ---------------------------------------------------------------- amounts

export type AmountPreview =
  { state: 'empty' } | { state: 'ok'; fen: number; capitals: string } | { state: 'error'; reason: ParseYuanError };

/** The capitals of what is being typed, live: 12345.6 → 壹万贰仟叁佰肆拾伍元陆角. */
export function amountPreview(text: string): AmountPreview {
  if (text.trim() === '') return { state: 'empty' };
  const parsed = parseYuan(text);
  if (!parsed.ok) return { state: 'error', reason: parsed.error };
  return { state: 'ok', fen: parsed.value, capitals: formatRmbCapitals(parsed.value) };
}

// ---------------------------------------------------------------- dates

export interface DateParts {
  year: string;
  month: string;
  day: string;
}

/**
 * A date answer is kept as typed in three boxes, joined with dashes
 * ("2024-3-5"), which the service reads as 2024-03-05; a box left empty
 * leaves a date the service calls incomplete. A date read from a card
 * (1950-03-08) splits the same way.
 */
export function splitDate(value: string): DateParts {
  const m = /^(\d*)-(\d*)-(\d*)$/.exec(value.trim());
  if (m === null) return { year: '', month: '', day: '' };
  return { year: m[1]!, month: m[2]!, day: m[3]! };
}

export function joinDate(parts: DateParts): string {
  if (parts.year === '' && parts.month === '' && parts.day === '') return '';
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A complete, real date as yyyy-mm-dd, or null: for showing the date in words while it is typed. */
export function completeDate(value: string): string | null {
  const { year, month, day } = splitDate(value);
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const [mm, dd] = [month.padStart(2, '0'), day.padStart(2, '0')];
  return isRealDate(`${year}${mm}${dd}`) ? `${year}-${mm}-${dd}` : null;
}

/** "填今天" is offered for dates that may not be later than today (when money changed hands, when signed) — not for birth dates. */
export function offersToday(field: TemplateField): boolean {
  return field.kind === 'date' && field.max === 'today' && field.prefill !== 'birthDate';
}

// ---------------------------------------------------------------- the keyboard per field

export interface FieldKeyboard {
  layout: 'letters' | 'digits';
  /** Keys either side of 0 on the digit pad; null leaves the place empty. */
  digitKeys: readonly [string | null, string | null];
  maxLength: number;
  /** Which hint the keyboard shows (documents.keyboard.*); null for its own. */
  hint: 'amount' | 'date' | 'number' | 'idNumber' | 'phone' | null;
}

export function keyboardFor(field: TemplateField): FieldKeyboard {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return { layout: 'letters', digitKeys: ['X', '-'], maxLength: field.max, hint: null };
    case 'amount':
      return { layout: 'digits', digitKeys: ['.', null], maxLength: 16, hint: 'amount' };
    case 'percent':
      return { layout: 'digits', digitKeys: ['.', null], maxLength: 8, hint: 'number' };
    case 'integer':
      return { layout: 'digits', digitKeys: [null, null], maxLength: 10, hint: 'number' };
    case 'id-number':
      return { layout: 'digits', digitKeys: ['X', null], maxLength: 18, hint: 'idNumber' };
    case 'phone':
      return { layout: 'digits', digitKeys: [null, '-'], maxLength: 20, hint: 'phone' };
    case 'date':
      return { layout: 'digits', digitKeys: [null, null], maxLength: 4, hint: 'date' };
    case 'choice':
      return { layout: 'letters', digitKeys: ['X', '-'], maxLength: 60, hint: null };
  }
}

// ---------------------------------------------------------------- parties and ID cards

export interface Party {
  /** The field group: `borrower`. */
  group: string;
  /** How the document names the party: 借款人, 原告（劳动者）. */
  label: string;
  /** The fields a card fills for this party, in order. */
  fields: TemplateField[];
}

/**
 * The parties a card can be read for (common/templates/prefill.ts
 * prefillGroups), each named as the document names it: the label of its
 * name field without 姓名 (借款人姓名 → 借款人), else its first card field's label.
 */
export function cardParties(template: FormTemplate): Party[] {
  const groups: string[] = [];
  for (const f of template.fields)
    if (f.prefill !== undefined && !groups.includes(fieldGroup(f.id))) groups.push(fieldGroup(f.id));
  return groups.map((group) => {
    const fields = template.fields.filter((f) => f.prefill !== undefined && fieldGroup(f.id) === group);
    const nameField = fields.find((f) => f.prefill === 'name');
    const label =
      nameField !== undefined && nameField.label.endsWith('姓名') && nameField.label.length > 2
        ? nameField.label.slice(0, -2)
        : fields[0]!.label;
    return { group, label, fields };
  });
}

/** The party whose fields include this one, if a card can fill it. */
export function partyOfField(template: FormTemplate, field: TemplateField): Party | null {
  if (field.prefill === undefined) return null;
  return cardParties(template).find((p) => p.group === fieldGroup(field.id)) ?? null;
}

// ---------------------------------------------------------------- the list

/** Templates under their categories, in the order the service lists them (it sorts by category). */
export function byCategory<T extends { category: string }>(items: readonly T[]): { category: string; items: T[] }[] {
  const out: { category: string; items: T[] }[] = [];
  for (const item of items) {
    const group = out.find((g) => g.category === item.category);
    if (group) group.items.push(item);
    else out.push({ category: item.category, items: [item] });
  }
  return out;
}
