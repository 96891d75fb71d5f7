import type { TemplatePreviewResponse } from '../../common/api/templates';
import type { ReceiptLayout } from '../../common/receipt/layout';
import type { Receipt } from '../../common/receipt/receipt';
import { receiptForTemplate } from '../../common/templates/fill';
import type { Template } from '../../common/templates/template';
import { err, ok, type Result } from '../../common/result';
import { validateTemplateValues, type FieldError, type RawTemplateValues } from '../../common/templates/values';

/**
 * The service's half of filling a template: the answers are checked here
 * with the same common functions the UI uses, so a document is never printed
 * from answers only the screen has checked. Field errors are an answer
 * (`ok: false`), not an HTTP error; `layout` lays the filled receipt out for
 * this terminal's printer (and throws when there is none).
 */
export function previewTemplate(
  template: Template,
  values: RawTemplateValues,
  layout: (receipt: Receipt) => ReceiptLayout,
): TemplatePreviewResponse {
  const filled = fillTemplate(template, values);
  if (!filled.ok) return { ok: false, errors: filled.error };
  return { ok: true, receipt: filled.value, layout: layout(filled.value) };
}

/** Thrown when answers sent to be printed do not pass the template's checks (the screen checked an older version of them). */
export class TemplateAnswersRejectedError extends Error {}

/** The filled document for `templatePrint`, made from the answers again here; never a receipt a client made. */
export function fillTemplateForPrint(template: Template, values: RawTemplateValues): Receipt {
  const filled = fillTemplate(template, values);
  if (filled.ok) return filled.value;
  throw new TemplateAnswersRejectedError(
    `The answers do not pass: ${filled.error.map((e) => `${e.field} (${e.code})`).join(', ')}`,
  );
}

/** The answers checked with the same common functions the UI uses, then the document filled from them. */
function fillTemplate(template: Template, values: RawTemplateValues): Result<Receipt, FieldError[]> {
  const checked = validateTemplateValues(template, values);
  return checked.errors.length > 0 ? err(checked.errors) : ok(receiptForTemplate(template, checked.values));
}
