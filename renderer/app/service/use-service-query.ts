import { useCallback, useEffect, useState } from 'react';
import type { RequestBody, ResponseBody, RouteName } from '../../../common/api/contract';
import { useApi } from './ServiceContext';

/**
 * Reads something from the service for a screen: loading, the answer, or
 * the error — and `retry`. The request is sent again when the route or the
 * body (by value) changes; an answer that arrives after the screen moved on
 * is dropped.
 */
export type QueryState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: unknown };

export type Query<T> = QueryState<T> & { retry(): void };

export interface QueryOptions {
  /** False while the body is not known yet (nothing is sent; the state stays `loading`). */
  enabled?: boolean;
}

export function useServiceQuery<R extends RouteName>(
  route: R,
  body: RequestBody<R>,
  { enabled = true }: QueryOptions = {},
): Query<ResponseBody<R>> {
  const api = useApi();
  const [attempt, setAttempt] = useState(0);
  const bodyJson = JSON.stringify(body ?? null);
  const key = `${route} ${bodyJson} ${attempt}`;
  const [result, setResult] = useState<{ key: string; state: QueryState<ResponseBody<R>> } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const parsed = JSON.parse(bodyJson) as RequestBody<R> | null;
    api.call(route, parsed ?? undefined, { signal: controller.signal }).then(
      (data) => setResult({ key, state: { status: 'ok', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ key, state: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [api, route, bodyJson, key, enabled]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: QueryState<ResponseBody<R>> = enabled && result?.key === key ? result.state : { status: 'loading' };
  return { ...state, retry };
}
