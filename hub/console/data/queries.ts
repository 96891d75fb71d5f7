import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { RequestBodyOf, ResponseBodyOf } from '../../../common/api/contract-shape';
import type { HubApi, HubRouteName } from '../../../common/hub/api/contract';
import type { FleetAlert, KioskDetailResponse } from '../../../common/hub/api/alerts';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import type { HubClient } from './hub-client';
import type { LiveFeed } from './live-feed';
import type { LiveEvent } from './live-socket';

/**
 * What the pages read from the hub, one hook per thing shown. Pages never
 * call the client for what they show, only for what they change. Each hook
 * says which of the live socket's events concern it, and reads again
 * quietly when one comes (the page keeps showing what it has meanwhile).
 */

export const HubClientContext = createContext<HubClient | null>(null);
/** The live socket's events while signed in; null before (the sign-in pages read nothing live). */
export const LiveFeedContext = createContext<LiveFeed | null>(null);

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

/** Which live events make a query read again; undefined: none (it changes only by the page's own doing). */
type Concerns = ((event: LiveEvent) => boolean) | undefined;

/**
 * One route's answer, asked when the page shows and again on reload();
 * `body` is compared as JSON. `concerns` must keep its identity between
 * renders (a module's function, or useCallback). A live event that `concerns` it reads it
 * again in the background: not counted as the person's activity (the
 * hub's idle timeout is about the person), and not shown as loading.
 */
export function useHubQuery<R extends HubRouteName>(
  route: R,
  body?: RequestBodyOf<HubApi, R>,
  concerns?: Concerns,
): Query<ResponseBodyOf<HubApi, R>> {
  const client = useHubClient();
  const feed = useContext(LiveFeedContext);
  const [round, setRound] = useState({ n: 0, quiet: false });
  const key = JSON.stringify(body ?? null);
  // The question an answer is for: loading until the answer to the current one is in.
  const question = `${route} ${key}`;
  const asking = `${question} ${round.n}`;
  const [state, setState] = useState<{
    for?: string;
    question?: string;
    data?: ResponseBodyOf<HubApi, R>;
    error?: unknown;
  }>({});
  useEffect(() => {
    const abort = new AbortController();
    client.call(route, JSON.parse(key) ?? undefined, { signal: abort.signal, background: round.quiet }).then(
      (data) => setState({ for: asking, question, data }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ for: asking, question, data: s.data, error }));
      },
    );
    return () => abort.abort();
  }, [client, route, key, asking, question, round.quiet]);
  const reload = useCallback(() => setRound((r) => ({ n: r.n + 1, quiet: false })), []);
  useEffect(() => {
    if (feed === null || concerns === undefined) return;
    return feed.subscribe(concerns, () => setRound((r) => ({ n: r.n + 1, quiet: true })));
  }, [feed, concerns]);
  const loading = state.question !== question || (state.for !== asking && !round.quiet);
  return { data: state.data, error: state.error, loading, reload };
}

const anyKiosk: Concerns = (event) => event.type !== 'cases-changed';
const anyAlert: Concerns = (event) => event.type === 'alerts-changed' || event.type === 'kiosk-changed';

/** The kiosks the caller manages, revoked ones too; read again when any of them changes. */
export function useKiosks(): Query<readonly KioskSummary[]> {
  const query = useHubQuery('kiosks', undefined, anyKiosk);
  return { ...query, data: query.data?.kiosks };
}

/** The open alerts of the caller's regions, read again when any changes (a revoked kiosk's are cleared with it). */
export function useAlerts(): Query<readonly FleetAlert[]> {
  const query = useHubQuery('alerts', undefined, anyAlert);
  return { ...query, data: query.data?.alerts };
}

/** One kiosk's page (404 when it is not among the caller's), read again when that kiosk changes. */
export function useKioskDetail(id: number): Query<KioskDetailResponse> {
  const concerns = useCallback(
    (event: LiveEvent) => event.type === 'resync' || ('kioskId' in event && event.kioskId === id),
    [id],
  );
  return useHubQuery('kioskDetail', { kioskId: id }, concerns);
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

/** The cases' changes, and anything missed while the socket was down. */
export const anyCase: Concerns = (event) => event.type === 'cases-changed' || event.type === 'resync';
