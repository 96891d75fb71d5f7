import type { RequestBodyOf, ResponseBodyOf } from '../../../common/api/contract-shape';
import { HUB_REQUEST_HEADER, hubApi, type HubApi, type HubRouteName } from '../../../common/hub/api/contract';
import { ApiError, createContractClient, type CallOptions } from '../../../ui/api/contract-client';

/**
 * The console's one way to the hub: the shared contract client on the page's
 * own origin, carried by the session cookie (HttpOnly: the page never sees
 * it) and the X-Hub-Request header the hub demands of every console request.
 * It remembers when the person last asked for something, so the page can
 * tell when the hub's idle timeout must have ended the session, and tells
 * its listener when the hub answers 401 — the session ended (idle, signed
 * out, the account disabled). What the page reads by itself (the live
 * socket's reloads) is `background` and does not count as the person's.
 */
export interface HubCallOptions extends CallOptions {
  /** Asked by the page itself, not by the person: not counted in lastRequestAt(). */
  background?: boolean;
}

export interface HubClient {
  /** The hub's origin, which the live socket is opened on. */
  readonly origin: string;
  call<R extends HubRouteName>(
    route: R,
    body?: RequestBodyOf<HubApi, R>,
    options?: HubCallOptions,
  ): Promise<ResponseBodyOf<HubApi, R>>;
  /**
   * Date.now() of the last request the person's own doing sent, in this tab
   * or another of this browser's (ActivityStore); now, while the person is
   * held active (holdActive).
   */
  lastRequestAt(): number;
  /**
   * Counts the person as active until the answered release is called: a
   * lawyer on 在线接待 or in a call is waiting for callers, not idle, and the
   * hub keeps their session for their socket's pings likewise
   * (hub/storage/sessions.ts slideSessionOnDuty). While held, every look at
   * lastRequestAt() writes now for the browser's other tabs too, which
   * share the session and would otherwise end it.
   */
  holdActive(): () => void;
  /** Called on every 401; answers a function that stops it. */
  onSessionEnded(listener: () => void): () => void;
}

/**
 * Where the tabs of one browser share when the person last did something:
 * the hub's session is the browser's (one cookie), so a tab left open is
 * not idle while the person works in another.
 */
export interface ActivityStore {
  read(): number;
  write(at: number): void;
}

/** Over an office network, not a loopback: give the hub longer than the kiosk's client does. */
const HUB_TIMEOUT_MS = 15_000;

export function createHubClient(origin: string, fetchImpl?: typeof fetch, activity?: ActivityStore): HubClient {
  const client = createContractClient(hubApi, {
    baseUrl: origin,
    bearer: null,
    headers: { [HUB_REQUEST_HEADER]: '1' },
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  const listeners = new Set<() => void>();
  let last = Date.now();
  let holds = 0;
  const active = (): void => {
    last = Date.now();
    activity?.write(last);
  };
  return {
    origin,
    async call(route, body, { background = false, ...options } = {}) {
      if (!background) active();
      try {
        return await client.call(route, body, { timeoutMs: HUB_TIMEOUT_MS, ...options });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) for (const listener of listeners) listener();
        throw error;
      }
    },
    lastRequestAt() {
      if (holds > 0) active();
      return Math.max(last, activity?.read() ?? 0);
    },
    holdActive() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        // The hold counted until now: the idle time runs from its end, not from the last request before it.
        if (holds === 0) active();
      };
    },
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
