import Database from 'better-sqlite3';
import { fillReceiptTemplate, type SubmissionKind, type SubmissionPayload } from '../../common/api/submissions';
import { PrintQueueFullError } from '../devices/print-queue';
import { HttpError, ServiceUnavailableError } from '../../server-kit/http/http-error';
import type { Handlers } from '../http/server';
import {
  ClockError,
  IdempotencyConflictError,
  NoPrinterError,
  NoReceiptError,
  UnknownReferenceError,
  unknownReferenceMessage,
  type Outbox,
} from './outbox';
import type { OutboxSender } from './outbox-sender';
import { mayReprint, type SessionReferences } from './session-references';

/** SQLite failures that mean "the records database cannot be used right now", not a bug. */
const STORAGE_FAILURES = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;

/**
 * The HTTP handlers of the submission routes. Without records.db (`outbox`
 * undefined) every one answers 503 with `unavailable`, and the UI says
 * submissions are off; the rest of the kiosk keeps working.
 */
export function outboxHandlers(
  outbox: Outbox | undefined,
  unavailable: () => string,
  /** The references made in the session under way: the touchscreen may reprint only those. */
  session: SessionReferences,
  /** Delivers the outbox; undefined exactly when `outbox` is. */
  sender?: Pick<OutboxSender, 'retryNow'>,
): Pick<Handlers, 'submit' | 'submission' | 'submissionReprint' | 'outboxRetry'> {
  const use = <T>(f: (o: Outbox) => T): T => {
    if (outbox === undefined) throw new ServiceUnavailableError(`Submissions are unavailable: ${unavailable()}`);
    try {
      return f(outbox);
    } catch (error) {
      if (error instanceof UnknownReferenceError) throw new HttpError(404, 'not-found', error.message);
      if (error instanceof IdempotencyConflictError || error instanceof NoReceiptError)
        throw new HttpError(409, 'conflict', error.message);
      if (error instanceof NoPrinterError)
        throw new ServiceUnavailableError(`The receipt cannot be printed: ${error.message}`);
      if (error instanceof PrintQueueFullError)
        throw new ServiceUnavailableError(`The receipt cannot be printed now: ${error.message}`);
      if (error instanceof ClockError)
        throw new ServiceUnavailableError(`Submissions are unavailable: ${error.message}`);
      if (error instanceof Database.SqliteError && STORAGE_FAILURES.test(error.code)) {
        throw new ServiceUnavailableError(`Submissions are unavailable: the records database failed (${error.code})`);
      }
      throw error;
    }
  };
  return {
    submit: (body, ctx) =>
      use((o) => {
        const template = body.receipt;
        const result = o.submit<SubmissionKind>({
          kind: body.kind,
          payload: body.payload as SubmissionPayload,
          idempotencyKey: body.idempotencyKey,
          ...(template === undefined
            ? {}
            : { receipt: (reference: string) => fillReceiptTemplate(template, reference) }),
          ...(body.title === undefined ? {} : { title: body.title }),
        });
        if (ctx.role === 'ui') session.remember(result.reference);
        return result;
      }),
    submission: ({ reference }) =>
      use((o) => {
        const status = o.status(reference);
        if (status === undefined)
          throw new HttpError(404, 'not-found', `No submission with reference ${reference} on this terminal`);
        return status;
      }),
    submissionReprint: ({ reference }, ctx) =>
      use((o) => {
        // Refused exactly as an unknown reference is, before anything else is looked at: the answer must not tell a guessed reference from a real one.
        if (!mayReprint(ctx.role, reference, session))
          throw new UnknownReferenceError(unknownReferenceMessage(reference));
        return { reference, printJob: o.reprint(reference) };
      }),
    outboxRetry: ({ reference }, ctx) => {
      // Sending is the service's own business; a technician may hurry it, the touchscreen has no say.
      if (ctx.role !== 'technician')
        throw new HttpError(403, 'forbidden', 'Only a technician may have the outbox sent again');
      return use((o) => {
        if (reference !== undefined && o.status(reference) === undefined)
          throw new UnknownReferenceError(unknownReferenceMessage(reference));
        if (sender === undefined) throw new ServiceUnavailableError(`Submissions are unavailable: ${unavailable()}`);
        return { due: sender.retryNow(reference) };
      });
    },
  };
}
