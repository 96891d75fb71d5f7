import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { RequestBodyOf, ResponseBodyOf } from '../../../common/api/contract-shape';
import type { HubApi, HubRouteName } from '../../../common/hub/api/contract';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import type { HubClient } from './hub-client';

/**
 * What the pages read from the hub, one hook per thing shown. Pages never
 * call the client for what they show, only for what they change: when the
 * hub pushes changes (the live socket) or gains routes (a kiosk's own
 * page), these hooks are the one place that changes.
 */

export const HubClientContext = createContext<HubClient | null>(null);

export function useHubClient(): HubClient {
  const client = useContext(HubClientContext);
  if (client === null) throw new Error('useHubClient outside HubClientContext');
  return client;
}

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Asks again (after a change the page made). */
  reload: () => void;
}

/** One route's answer, asked when the page shows and again on reload(); `body` is compared as JSON. */
export function useHubQuery<R extends HubRouteName>(
  route: R,
  body?: RequestBodyOf<HubApi, R>,
): Query<ResponseBodyOf<HubApi, R>> {
  const client = useHubClient();
  const [round, setRound] = useState(0);
  const key = JSON.stringify(body ?? null);
  // The question an answer is for: loading until the answer to the current one is in.
  const asking = `${route} ${key} ${round}`;
  const [state, setState] = useState<{ for?: string; data?: ResponseBodyOf<HubApi, R>; error?: unknown }>({});
  useEffect(() => {
    const abort = new AbortController();
    client.call(route, JSON.parse(key) ?? undefined, { signal: abort.signal }).then(
      (data) => setState({ for: asking, data }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ for: asking, data: s.data, error }));
      },
    );
    return () => abort.abort();
  }, [client, route, key, asking]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.for !== asking, reload };
}

/** The kiosks the caller manages, revoked ones too. */
export function useKiosks(): Query<readonly KioskSummary[]> {
  const query = useHubQuery('kiosks');
  return { ...query, data: query.data?.kiosks };
}

/** One kiosk, from the fleet's list (the hub has no route for one kiosk yet); null when it is not among them. */
export function useKiosk(id: number): Query<KioskSummary | null> {
  const query = useKiosks();
  return { ...query, data: query.data === undefined ? undefined : (query.data.find((k) => k.id === id) ?? null) };
}

export function useUsers() {
  const query = useHubQuery('users');
  return { ...query, data: query.data?.users };
}

/** A page of the audit log, newest first: the newest page, or the one before the entry `beforeId`. */
export function useAuditPage(limit: number, beforeId: number | undefined) {
  const query = useHubQuery('audit', beforeId === undefined ? { limit } : { limit, beforeId });
  return { ...query, data: query.data?.entries };
}
