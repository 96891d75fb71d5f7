import type { DeviceManager } from '../devices/device-manager';
import type { PrintAnswers } from '../devices/print-answers';
import { HttpError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import { fromContent } from './content-handlers';
import type { ContentService } from './content-service';
import { fillTemplateForPrint, previewTemplate, TemplateAnswersRejectedError } from './template-preview';

/**
 * The HTTP handlers that fill a template with the citizen's answers: the
 * preview, and the print, which fills it again here from the answers and
 * prints what it made (never a document a client sent). Answers that no
 * longer pass are a 409: the screen checked an older version of them.
 */
export function templateHandlers(
  content: ContentService,
  devices: Pick<DeviceManager, 'printFilledDocument'>,
  printing: PrintAnswers,
): Pick<Handlers, 'templatePreview' | 'templatePrint'> {
  const withContent = fromContent(content);
  return {
    templatePreview: ({ id, values }) =>
      previewTemplate(
        withContent(() => content.reader().template(id)),
        values,
        printing.documentLayout,
      ),
    templatePrint: ({ id, values, title }) => {
      const template = withContent(() => content.reader().template(id));
      try {
        const document = fillTemplateForPrint(template, values);
        return printing.queued(() => devices.printFilledDocument(title, document));
      } catch (error) {
        if (error instanceof TemplateAnswersRejectedError) throw new HttpError(409, 'conflict', error.message);
        throw error;
      }
    },
  };
}
