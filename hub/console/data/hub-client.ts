import type { RequestBodyOf, ResponseBodyOf } from '../../../common/api/contract-shape';
import { HUB_REQUEST_HEADER, hubApi, type HubApi, type HubRouteName } from '../../../common/hub/api/contract';
import { ApiError, createContractClient, type CallOptions } from '../../../ui/api/contract-client';

/**
 * The console's one way to the hub: the shared contract client on the page's
 * own origin, carried by the session cookie (HttpOnly: the page never sees
 * it) and the X-Hub-Request header the hub demands of every console request.
 * It remembers when it last asked, so the page can tell when the hub's idle
 * timeout must have ended the session, and tells its listener when the hub
 * answers 401 — the session ended (idle, signed out, the account disabled).
 */
export interface HubClient {
  call<R extends HubRouteName>(
    route: R,
    body?: RequestBodyOf<HubApi, R>,
    options?: CallOptions,
  ): Promise<ResponseBodyOf<HubApi, R>>;
  /** Date.now() of the last request sent. */
  lastRequestAt(): number;
  /** Called on every 401; answers a function that stops it. */
  onSessionEnded(listener: () => void): () => void;
}

/** Over an office network, not a loopback: give the hub longer than the kiosk's client does. */
const HUB_TIMEOUT_MS = 15_000;

export function createHubClient(origin: string, fetchImpl?: typeof fetch): HubClient {
  const client = createContractClient(hubApi, {
    baseUrl: origin,
    bearer: null,
    headers: { [HUB_REQUEST_HEADER]: '1' },
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  const listeners = new Set<() => void>();
  let last = Date.now();
  return {
    async call(route, body, options = {}) {
      last = Date.now();
      try {
        return await client.call(route, body, { timeoutMs: HUB_TIMEOUT_MS, ...options });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) for (const listener of listeners) listener();
        throw error;
      }
    },
    lastRequestAt: () => last,
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
