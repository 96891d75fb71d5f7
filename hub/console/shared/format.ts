import type { TFunction } from 'i18next';
import { ApiError, ServiceUnreachableError } from '../../../ui/api/contract-client';

/** A time from the hub (ISO) as people read it in the console's language, to the minute. */
export function formatTime(iso: string | null, language: string, never: string): string {
  if (iso === null) return never;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** What went wrong with a request, in words for the person who asked. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ServiceUnreachableError) return t('hubConsole.common.unreachable');
  const message = error instanceof ApiError ? error.message.replace(/^[^:]*: \d+ [^:]*: /, '') : String(error);
  return t('hubConsole.common.failed', { message });
}
