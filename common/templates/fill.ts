import { Receipt, type ReceiptInput } from '../receipt/receipt';
import { BLANK, bodyLines, replacePlaceholders, type Template } from './template';
import {
  formatTemplateValue,
  validateTemplateValues,
  type FieldError,
  type RawTemplateValues,
  type TemplateValues,
  type ValidateOptions,
} from './values';

/** Thrown by {@link fillTemplate} when an answer does not pass; the UI shows `errors` beside the fields. */
export class TemplateValuesError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`template values do not pass: ${errors.map((e) => `${e.field}: ${e.code}`).join('; ')}`);
  }
}

/**
 * The filled document as a receipt: the title, the body with every
 * placeholder replaced (amounts in figures and capitals, dates in Chinese),
 * the signature and date lines left for the pen, and a last line naming the
 * article the document rests on. Values must have passed
 * {@link validateTemplateValues}; see {@link fillTemplate}.
 */
export function receiptForTemplate(template: Template, values: TemplateValues): Receipt {
  const fields = new Map(template.fields.map((f) => [f.id, f]));
  const blocks: ReceiptInput['blocks'] = [
    { type: 'text', text: template.title, align: 'center', bold: true, size: 'tall' },
    { type: 'feed', lines: 1 },
  ];
  for (const line of bodyLines(template.body)) {
    const fill = (text: string): string =>
      replacePlaceholders(text, (id) => {
        const field = fields.get(id);
        // The builder refuses unknown placeholders; a hand-made template still prints instead of throwing.
        return field === undefined ? BLANK : formatTemplateValue(field, values[id]);
      });
    if (line.trim() === '') blocks.push({ type: 'feed', lines: 1 });
    else if (line.startsWith('# ')) blocks.push({ type: 'text', text: fill(line.slice(2)), bold: true });
    else if (line.startsWith('> ')) blocks.push({ type: 'text', text: fill(line.slice(2)), align: 'right' });
    else blocks.push({ type: 'text', text: fill(line) });
  }
  if (template.signatures.length > 0) blocks.push({ type: 'feed', lines: 1 });
  for (const s of template.signatures) {
    blocks.push({ type: 'text', text: `${s.role}（${s.how}）：________________` });
    blocks.push({ type: 'text', text: '日期：______年____月____日\n', align: 'right' });
  }
  blocks.push({ type: 'rule', style: 'dashed' });
  const basis = template.governs === null ? '' : `法律依据：《${template.governs.law}》${template.governs.article}。`;
  blocks.push({
    type: 'text',
    text: `${basis}本文书按您填写的内容生成，签名前请逐项核对；拿不准的，请咨询律师或拨打12348。`,
  });
  blocks.push({ type: 'feed', lines: 2 });
  blocks.push({ type: 'cut' });
  return Receipt.parse({ blocks });
}

/** Checks the answers and fills the template; throws {@link TemplateValuesError} when any answer does not pass. */
export function fillTemplate(template: Template, raw: RawTemplateValues, opts: ValidateOptions = {}): Receipt {
  const { errors, values } = validateTemplateValues(template, raw, opts);
  if (errors.length > 0) throw new TemplateValuesError(errors);
  return receiptForTemplate(template, values);
}
