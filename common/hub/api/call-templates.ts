import { z } from 'zod';
import { TemplateField } from '../../templates/template';

/**
 * The document templates a lawyer in a call may fill and push to the
 * kiosk's printer (`PushCallDocumentRequest` of kind `template`): the
 * templates of the content the kiosks print from, with the fields to ask.
 * The kiosk fills and prints the document with its own copy of the
 * template, so only what the form needs travels here.
 */
export const CallTemplate = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  fields: z.array(TemplateField),
});
export type CallTemplate = z.output<typeof CallTemplate>;

export const CallTemplatesResponse = z.object({ templates: z.array(CallTemplate) });
