import { useRef, useState } from 'react';
import type { Health } from '../../common/api/health';
import type { SubmitRequest, SubmitResponse } from '../../common/api/submissions';
import { ApiError } from '../../ui/api/contract-client';
import { useApi } from '../app/service/ServiceContext';
import { newIdempotencyKey } from './idempotency-key';

/**
 * Where the one submission of a flow stands: nothing sent yet, on its way,
 * not sent (try again), or refused because the kiosk cannot keep it now.
 */
export type SubmissionState = 'idle' | 'sending' | 'failed' | 'unavailable';

/** A submission may wait on the records database's synchronous write: longer than an ordinary call. */
const SUBMIT_TIMEOUT_MS = 15_000;

export interface Submission {
  /**
   * records.db cannot be used, so nothing can be kept: the flow says so
   * before asking for anything, and offers where to go instead.
   */
  recordsDown: boolean;
  state: SubmissionState;
  /**
   * The review is on screen showing `attempt` (the answers as they will be
   * sent, e.g. as JSON). The same answers keep their idempotency key, so a
   * retry after a lost answer, or a look back and forth, stays one
   * submission; changed answers are a new one.
   */
  review(attempt: string): void;
  /**
   * Sends the request this attempt's key is put into. Answers the service's
   * reply, or null when nothing was sent (one is on its way, or no review was
   * shown) or it did not go (`state` says why).
   */
  send(request: (idempotencyKey: string) => SubmitRequest): Promise<SubmitResponse | null>;
}

/**
 * The one way a flow submits: the idempotency key made when the review is
 * shown, taps while a request is on its way ignored (a ref, since two taps can
 * land before React renders), and the outcome in one of four states.
 */
export function useSubmission(health: Health): Submission {
  const api = useApi();
  const [state, setState] = useState<SubmissionState>('idle');
  const attempt = useRef<{ shown: string; key: string } | null>(null);
  const sending = useRef(false);

  const review = (shown: string): void => {
    if (attempt.current?.shown !== shown) attempt.current = { shown, key: newIdempotencyKey() };
    setState('idle');
  };

  const send = async (request: (idempotencyKey: string) => SubmitRequest): Promise<SubmitResponse | null> => {
    const current = attempt.current;
    if (sending.current || current === null) return null;
    sending.current = true;
    setState('sending');
    try {
      const response = await api.call('submit', request(current.key), { timeoutMs: SUBMIT_TIMEOUT_MS });
      attempt.current = null;
      setState('idle');
      return response;
    } catch (error) {
      setState(error instanceof ApiError && error.code === 'unavailable' ? 'unavailable' : 'failed');
      return null;
    } finally {
      sending.current = false;
    }
  };

  return { recordsDown: health.subsystems.storage.state === 'unavailable', state, review, send };
}
