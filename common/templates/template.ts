import { z } from 'zod';

/**
 * Document templates (文书模板): a legal document a citizen fills on the
 * touchscreen and prints on the receipt printer — 借条, 离婚协议书, 民事起诉状…
 *
 * A template is a list of fields (what to ask, how to check it) and a body
 * in which `{{field.id}}` placeholders stand for the answers. Templates are
 * written as content (content/templates/*.yaml), checked by the builder with
 * {@link templateProblems} and served by the service; the same definition
 * validates the answers ({@link ./values}) and fills the document
 * ({@link ./fill}) on either side.
 */

/** `lender.name`, `loan.amount`: the part before the last dot groups the fields of one party or topic. */
export const FIELD_ID = /^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*$/;
export const FieldId = z
  .string()
  .regex(FIELD_ID, 'expected a field id like "lender.name" (letters and digits, dotted)');

export const FIELD_KINDS = [
  'text',
  'multiline',
  'amount',
  'date',
  'id-number',
  'phone',
  'choice',
  'integer',
  'percent',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** ID-card fields a form field can be filled from when the citizen taps their card (see common/idcard/card.ts). */
export const PREFILL_SOURCES = ['name', 'idNumber', 'address', 'sex', 'birthDate', 'nation'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** Largest amount a template accepts unless it says less: ¥999,999,999.99. */
export const AMOUNT_MAX_FEN = 99_999_999_999;
/** Printed for an optional field left blank, so it can be written in by hand. */
export const BLANK = '________';

const Label = z.string().trim().min(1).max(40);

const base = {
  id: FieldId,
  /** What the screen asks, and what the document calls it: 出借人姓名. */
  label: Label,
  /** One plain sentence under the input: what to write, where to find it. */
  hint: z.string().trim().min(1).max(300).optional(),
  required: z.boolean().default(true),
  /** The ID-card field that fills this one when the citizen's card is read. */
  prefill: z.enum(PREFILL_SOURCES).optional(),
  /** Printed instead of a blank line when an optional field is left empty: 无, 不计利息. */
  empty: z.string().trim().min(1).max(60).optional(),
};

/** A date bound: `today`, or the id of another date field of the template. */
const DateBound = z.union([z.literal('today'), FieldId]);

export const TextField = z.strictObject({
  ...base,
  kind: z.literal('text'),
  /** Characters. */ max: z.number().int().min(1).max(200).default(50),
});
export const MultilineField = z.strictObject({
  ...base,
  kind: z.literal('multiline'),
  /** Characters. */ max: z.number().int().min(1).max(2000).default(500),
});
export const AmountField = z.strictObject({
  ...base,
  kind: z.literal('amount'),
  /** In yuan (YAML writers think in yuan); the value itself is in fen. Default 0.01: more than nothing. */
  min: z.number().nonnegative().default(0.01),
  /** In yuan. */
  max: z
    .number()
    .positive()
    .max(AMOUNT_MAX_FEN / 100)
    .default(AMOUNT_MAX_FEN / 100),
});
export const DateField = z.strictObject({
  ...base,
  kind: z.literal('date'),
  min: DateBound.optional(),
  max: DateBound.optional(),
});
export const IdNumberField = z.strictObject({ ...base, kind: z.literal('id-number') });
export const PhoneField = z.strictObject({ ...base, kind: z.literal('phone') });
export const ChoiceField = z.strictObject({
  ...base,
  kind: z.literal('choice'),
  options: z.array(z.string().trim().min(1).max(60)).min(2).max(20),
});
export const IntegerField = z.strictObject({
  ...base,
  kind: z.literal('integer'),
  min: z.number().int().default(0),
  max: z.number().int().max(999_999_999),
  /** Printed after the number: 个月, 人, 岁. */
  unit: z.string().trim().min(1).max(6).optional(),
});
export const PercentField = z.strictObject({
  ...base,
  kind: z.literal('percent'),
  min: z.number().nonnegative().default(0),
  max: z.number().positive().max(1000).default(100),
  /** Digits allowed after the decimal point. */
  decimals: z.number().int().min(0).max(4).default(2),
});

export const TemplateField = z.discriminatedUnion('kind', [
  TextField,
  MultilineField,
  AmountField,
  DateField,
  IdNumberField,
  PhoneField,
  ChoiceField,
  IntegerField,
  PercentField,
]);
export type TemplateField = z.output<typeof TemplateField>;
export type TemplateFieldInput = z.input<typeof TemplateField>;
export type FieldOf<K extends FieldKind> = Extract<TemplateField, { kind: K }>;

/** A signature line at the end of the document: 借款人（签名并按手印）：________ and a date line. */
export const TemplateSignature = z.strictObject({
  role: z.string().trim().min(1).max(20),
  /** What the signer does, in brackets after the role; default 签名. */
  how: z.string().trim().min(1).max(20).default('签名'),
});
export type TemplateSignature = z.output<typeof TemplateSignature>;

/** Plain words for the citizen before they start: when this document is the right one, what to check. */
export const TemplateNote = z.strictObject({
  when: z.string().trim().min(1).max(500),
  check: z.array(z.string().trim().min(1).max(300)).max(12).default([]),
});
export type TemplateNote = z.output<typeof TemplateNote>;

/** The article a template rests on, as the content release resolved it. */
export const TemplateGoverns = z.object({
  articleId: z.number().int(),
  law: z.string(),
  lawShort: z.string(),
  article: z.string(),
});
export type TemplateGoverns = z.infer<typeof TemplateGoverns>;

/**
 * What the content release stores in `templates.fields` (JSON): the form and
 * everything around the body that is not body text.
 */
export const TemplateForm = z.strictObject({
  fields: z.array(TemplateField).min(1).max(80),
  signatures: z.array(TemplateSignature).max(6).default([]),
  note: TemplateNote,
});
export type TemplateForm = z.output<typeof TemplateForm>;

/** A template as the service serves it and the fill and validation functions take it. */
export const Template = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  governs: TemplateGoverns.nullable(),
  fields: z.array(TemplateField),
  signatures: z.array(TemplateSignature),
  note: TemplateNote,
  /**
   * One paragraph per line, `{{field.id}}` for answers. A line starting with
   * `# ` prints bold (a heading: 诉讼请求), one starting with `> ` flush right;
   * an empty line is a blank line.
   */
  body: z.string(),
});
export type Template = z.output<typeof Template>;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Every `{{…}}` of a body, in order, with its inner text trimmed and where it starts. */
export function placeholders(body: string): { name: string; index: number }[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!.trim(), index: m.index }));
}

/** Replaces each `{{id}}` through `value`; the replacement is never scanned again. */
export function replacePlaceholders(text: string, value: (id: string) => string): string {
  return text.replace(PLACEHOLDER, (_, inner: string) => value(inner.trim()));
}

/** The longest text a field can print as, for the size check. */
export function maxPrintedLength(field: TemplateField): number {
  const empty = field.required ? 0 : (field.empty ?? BLANK).length;
  const longest = ((): number => {
    switch (field.kind) {
      case 'text':
      case 'multiline':
        return field.max;
      case 'amount':
        // ¥999,999,999.99（人民币玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分）
        return 60;
      case 'date':
        return '2000年12月31日'.length;
      case 'id-number':
        return 18;
      case 'phone':
        return 24;
      case 'choice':
        return Math.max(...field.options.map((o) => o.length));
      case 'integer':
        return 10 + (field.unit?.length ?? 0);
      case 'percent':
        return 12;
    }
  })();
  return Math.max(empty, longest);
}

/** Lines of the body, each printed as one receipt block. */
export function bodyLines(body: string): string[] {
  return body.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
}

/** Receipt blocks a filled template takes besides its body lines (title, signatures, the closing lines). */
export function frameBlockCount(signatures: number): number {
  return 7 + signatures * 2;
}

/** Receipt's own limits (common/receipt/receipt.ts). */
const RECEIPT_MAX_BLOCKS = 300;
const RECEIPT_MAX_TEXT = 4000;

export interface TemplateProblem {
  message: string;
  /** The field the problem is about, when there is one. */
  field?: string;
  /** The placeholder (as written, with braces) the problem is about, so an editor can be pointed at its line. */
  placeholder?: string;
}

/**
 * What is wrong with a template's definition, all at once: placeholders that
 * name no field (or fields no placeholder uses), braces left open, duplicate
 * field ids, date bounds that name no date field, ranges that allow nothing,
 * and a body that would not fit a receipt even filled to the limits.
 */
export function templateProblems(t: {
  fields: readonly TemplateField[];
  signatures: readonly TemplateSignature[];
  body: string;
}): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const byId = new Map<string, TemplateField>();
  for (const f of t.fields) {
    if (byId.has(f.id)) problems.push({ field: f.id, message: `field "${f.id}" is defined twice` });
    byId.set(f.id, f);
  }
  for (const f of t.fields) {
    if (f.required && f.empty !== undefined)
      problems.push({ field: f.id, message: `field "${f.id}" is required, so "empty" would never print` });
    switch (f.kind) {
      case 'date':
        for (const bound of [f.min, f.max]) {
          if (bound === undefined || bound === 'today') continue;
          const other = byId.get(bound);
          if (other === undefined)
            problems.push({ field: f.id, message: `date bound "${bound}" of "${f.id}" is not a field` });
          else if (other.kind !== 'date')
            problems.push({
              field: f.id,
              message: `date bound "${bound}" of "${f.id}" is a ${other.kind} field, not a date`,
            });
          else if (bound === f.id) problems.push({ field: f.id, message: `"${f.id}" cannot be bounded by itself` });
        }
        break;
      case 'amount':
      case 'integer':
      case 'percent':
        if (f.min > f.max) problems.push({ field: f.id, message: `"${f.id}": min ${f.min} is above max ${f.max}` });
        break;
      case 'choice':
        if (new Set(f.options).size !== f.options.length)
          problems.push({ field: f.id, message: `"${f.id}" lists an option twice` });
        break;
      default:
        break;
    }
  }
  const used = new Set<string>();
  for (const p of placeholders(t.body)) {
    used.add(p.name);
    if (!byId.has(p.name))
      problems.push({
        placeholder: `{{${p.name}}}`,
        message: `placeholder {{${p.name}}} names no field (fields: ${[...byId.keys()].join(', ')})`,
      });
  }
  const stray = t.body.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}'))
    problems.push({ message: 'the body has a "{{" or "}}" that does not form a placeholder' });
  for (const f of t.fields)
    if (!used.has(f.id))
      problems.push({
        field: f.id,
        message: `field "${f.id}" is asked for but never printed: use {{${f.id}}} in the body`,
      });

  const lines = bodyLines(t.body);
  if (lines.length + frameBlockCount(t.signatures.length) > RECEIPT_MAX_BLOCKS) {
    problems.push({
      message: `the body has ${lines.length} lines; a receipt holds ${RECEIPT_MAX_BLOCKS - frameBlockCount(t.signatures.length)} with this many signatures`,
    });
  }
  lines.forEach((line, i) => {
    let longest = 0;
    const rest = line.replace(PLACEHOLDER, (_, inner: string) => {
      const f = byId.get(inner.trim());
      longest += f === undefined ? 0 : maxPrintedLength(f);
      return '';
    });
    if (rest.length + longest > RECEIPT_MAX_TEXT)
      problems.push({
        message: `body line ${i + 1} can print ${rest.length + longest} characters, more than the ${RECEIPT_MAX_TEXT} a receipt block holds; split it`,
      });
  });
  return problems;
}

/** The group of a field: `lender` for `lender.name`, `` for an ungrouped field. */
export function fieldGroup(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot === -1 ? '' : id.slice(0, dot);
}
