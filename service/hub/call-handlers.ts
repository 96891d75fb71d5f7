import { HttpError, ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import { CallDocumentNotFoundError, CallDocumentNotPrintableError, type CallDocuments } from './call-documents';
import { HubNotAnsweringError, NotCurrentCallError, type CallRelay } from './call-relay';

type CallRoutes = 'callRequest' | 'callEnd' | 'callSignal' | 'callIceConfig' | 'callCurrent' | 'callDocumentPrint';

/**
 * The routes of the video consultation (common/api/calls.ts). Only the
 * touchscreen calls: a technician's token may read where a call stands but
 * not place, signal or end one in a citizen's name.
 */
export function callHandlers(relay: CallRelay, documents: CallDocuments): Pick<Handlers, CallRoutes> {
  const ui = (role: string): void => {
    if (role !== 'ui') throw new HttpError(403, 'forbidden', 'Only the touchscreen takes part in a call');
  };
  const translate = <T>(f: () => T): T => {
    try {
      return f();
    } catch (error) {
      throw httpError(error);
    }
  };
  return {
    callRequest: (body, ctx) => {
      ui(ctx.role);
      return relay.request(body);
    },
    callEnd: ({ callId }, ctx) => {
      ui(ctx.role);
      relay.end(callId);
      return {};
    },
    callSignal: ({ callId, signal }, ctx) => {
      ui(ctx.role);
      translate(() => relay.signal(callId, signal));
      return {};
    },
    callIceConfig: async ({ callId }, ctx) => {
      ui(ctx.role);
      try {
        return await relay.iceConfig(callId);
      } catch (error) {
        throw httpError(error);
      }
    },
    callCurrent: () => ({ call: relay.current(), documents: documents.list() }),
    callDocumentPrint: ({ documentId }, ctx) => {
      ui(ctx.role);
      return translate(() => documents.print(documentId));
    },
  };
}

function httpError(error: unknown): unknown {
  if (error instanceof NotCurrentCallError) return new HttpError(409, 'conflict', error.message);
  if (error instanceof HubNotAnsweringError)
    return new ServiceUnavailableError(`The hub is out of reach: ${error.message}`);
  if (error instanceof CallDocumentNotFoundError) return new HttpError(404, 'not-found', error.message);
  if (error instanceof CallDocumentNotPrintableError) return new HttpError(409, 'conflict', error.message);
  return error;
}
