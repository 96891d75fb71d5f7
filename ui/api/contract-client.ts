import type { z } from 'zod';
import { api, type RequestBody, type ResponseBody, type RouteName } from '../../common/api/contract';
import { ApiErrorBody } from '../../common/api/errors';

/**
 * The renderer's one way to the local service. Every answer is checked
 * against the contract, so a screen either gets exactly the type it expects
 * or one of the errors below — never a half-parsed object.
 */

/** The service could not be reached: refused, reset, timed out. Worth retrying. */
export class ServiceUnreachableError extends Error {
  override readonly name = 'ServiceUnreachableError';
  readonly kind = 'unreachable';
  constructor(
    readonly route: RouteName,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${route}: service unreachable${timedOut ? ' (timed out)' : ''}`, options);
  }
}

/** The service answered with a well-formed error (non-2xx, {@link ApiErrorBody}). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind = 'api';
  readonly code: ApiErrorBody['error']['code'];
  readonly problems: NonNullable<ApiErrorBody['error']['problems']>;
  constructor(
    readonly route: RouteName,
    readonly status: number,
    body: ApiErrorBody,
  ) {
    super(`${route}: ${status} ${body.error.code}: ${body.error.message}`);
    this.code = body.error.code;
    this.problems = body.error.problems ?? [];
  }
}

/** The service answered, but not as the contract says: a version mismatch or a bug. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
  readonly kind = 'invalid-response';
  constructor(
    readonly route: RouteName,
    readonly status: number,
    detail: string,
  ) {
    super(`${route}: unexpected answer (HTTP ${status}): ${detail}`);
  }
}

export type ClientError = ServiceUnreachableError | ApiError | InvalidResponseError;

export function isClientError(e: unknown): e is ClientError {
  return e instanceof ServiceUnreachableError || e instanceof ApiError || e instanceof InvalidResponseError;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Give up after this long; the default suits a loopback service. */
  timeoutMs?: number;
}

export interface ApiClient {
  call<R extends RouteName>(route: R, body?: RequestBody<R>, options?: CallOptions): Promise<ResponseBody<R>>;
}

export interface ApiClientOptions {
  /** Origin of the service, e.g. `http://127.0.0.1:8420`. */
  baseUrl: string;
  /** null when the shell handed the secret over as a cookie (common/shell-handover.ts): requests carry it by themselves. */
  secret: string | null;
  fetch?: typeof fetch;
}

// The service is on the same machine: an answer slower than this means it is
// stuck, and the caller (e.g. the health poll) should treat it as unreachable.
const DEFAULT_TIMEOUT_MS = 5000;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function createApiClient({
  baseUrl,
  secret,
  fetch: fetchImpl = globalThis.fetch.bind(globalThis),
}: ApiClientOptions): ApiClient {
  return {
    async call<R extends RouteName>(
      route: R,
      body?: RequestBody<R>,
      options: CallOptions = {},
    ): Promise<ResponseBody<R>> {
      const def = api[route];
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (secret !== null) headers['Authorization'] = `Bearer ${secret}`;
      const init: RequestInit = { method: def.method, headers, cache: 'no-store' };
      if (def.method !== 'GET') {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body ?? {});
      }
      const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      init.signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(new URL(def.path, baseUrl), init);
        text = await response.text();
      } catch (cause) {
        // A caller's own abort is not the service's fault: pass it through untouched.
        if (options.signal?.aborted) throw options.signal.reason;
        throw new ServiceUnreachableError(route, timeout.aborted, { cause });
      }

      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new InvalidResponseError(route, response.status, 'body is not JSON');
      }

      if (!response.ok) {
        const parsed = ApiErrorBody.safeParse(json);
        if (!parsed.success)
          throw new InvalidResponseError(route, response.status, 'error body does not match ApiErrorBody');
        throw new ApiError(route, response.status, parsed.data);
      }

      const parsed = def.response.safeParse(json);
      if (!parsed.success) throw new InvalidResponseError(route, response.status, describeIssues(parsed.error));
      return parsed.data as ResponseBody<R>;
    },
  };
}
