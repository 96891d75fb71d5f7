import { z } from 'zod';
import { ReceiptLayout } from '../receipt/layout';
import { Receipt } from '../receipt/receipt';
import { Template, TemplateGoverns } from '../templates/template';
import { FieldError, RawTemplateValues } from '../templates/values';

/** Document templates (文书模板): the list, one template, and a checked, filled preview. */

export const TemplatesResponse = z.object({
  /** In the order the kiosk lists them: by category, then as the content release orders them. */
  templates: z.array(
    z.object({ id: z.string(), title: z.string(), category: z.string(), governs: TemplateGoverns.nullable() }),
  ),
});
export type TemplatesResponse = z.infer<typeof TemplatesResponse>;

/** One template: its fields (what to ask and how to check it), body, signature lines, note and governing article. */
export const TemplateResponse = Template;
export type TemplateResponse = z.infer<typeof TemplateResponse>;

/** The citizen's answers so far, as typed: text per field id. */
export const TemplatePreviewRequest = z.strictObject({ id: z.string().min(1).max(200), values: RawTemplateValues });

/**
 * Print a filled document: the service fills the template from the answers
 * again and prints what it made, with the parties' numbers whole — unlike a
 * receipt sent to `print`, which is always masked, since the service cannot
 * tell whose numbers a client-made receipt holds. Answers that no longer
 * pass are a 409.
 */
export const TemplatePrintRequest = z.strictObject({
  id: z.string().min(1).max(200),
  values: RawTemplateValues,
  /** What the print-job list shows. */
  title: z.string().trim().min(1).max(80),
});

/**
 * Answers that do not pass are an ordinary outcome of filling a form, not a
 * malformed request, so they come back with 200 and `ok: false`, one error
 * per field (code and params, which the UI translates). A 400 still means
 * the request itself broke the contract. With `ok: true` the filled
 * document comes back both as the Receipt to send to `print` unchanged and
 * as its layout on this terminal's printer, for the on-screen preview.
 */
export const TemplatePreviewResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(false), errors: z.array(FieldError).min(1) }),
  z.object({ ok: z.literal(true), receipt: Receipt, layout: ReceiptLayout }),
]);
export type TemplatePreviewResponse = z.infer<typeof TemplatePreviewResponse>;
