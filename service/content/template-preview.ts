import type { TemplatePreviewResponse } from '../../common/api/templates';
import type { ReceiptLayout } from '../../common/receipt/layout';
import type { Receipt } from '../../common/receipt/receipt';
import { receiptForTemplate } from '../../common/templates/fill';
import type { Template } from '../../common/templates/template';
import { validateTemplateValues, type RawTemplateValues } from '../../common/templates/values';

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
  const checked = validateTemplateValues(template, values);
  if (checked.errors.length > 0) return { ok: false, errors: checked.errors };
  const receipt = receiptForTemplate(template, checked.values);
  return { ok: true, receipt, layout: layout(receipt) };
}

/** Thrown when answers sent to be printed do not pass the template's checks (the screen checked an older version of them). */
export class TemplateAnswersRejectedError extends Error {}

/** The filled document for `templatePrint`, made from the answers again here; never a receipt a client made. */
export function fillTemplateForPrint(template: Template, values: RawTemplateValues): Receipt {
  const checked = validateTemplateValues(template, values);
  if (checked.errors.length > 0) {
    throw new TemplateAnswersRejectedError(
      `The answers do not pass: ${checked.errors.map((e) => `${e.field} (${e.code})`).join(', ')}`,
    );
  }
  return receiptForTemplate(template, checked.values);
}
