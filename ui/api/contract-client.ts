import type { z } from 'zod';
import type { Contract, RequestBodyOf, ResponseBodyOf, RouteNameOf } from '../../common/api/contract-shape';
import { ApiErrorBody } from '../../common/api/errors';

/**
 * A UI's one way to its server, over any contract of ours (the kiosk's local
 * service, the hub for its consoles). Every answer is checked against the
 * contract, so a screen either gets exactly the type it expects or one of the
 * errors below — never a half-parsed object.
 */

/** The server could not be reached: refused, reset, timed out. Worth retrying. */
export class ServiceUnreachableError extends Error {
  override readonly name = 'ServiceUnreachableError';
  readonly kind = 'unreachable';
  constructor(
    readonly route: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${route}: service unreachable${timedOut ? ' (timed out)' : ''}`, options);
  }
}

/** The server answered with a well-formed error (non-2xx, {@link ApiErrorBody}). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind = 'api';
  readonly code: ApiErrorBody['error']['code'];
  readonly problems: NonNullable<ApiErrorBody['error']['problems']>;
  constructor(
    readonly route: string,
    readonly status: number,
    body: ApiErrorBody,
  ) {
    super(`${route}: ${status} ${body.error.code}: ${body.error.message}`);
    this.code = body.error.code;
    this.problems = body.error.problems ?? [];
  }
}

/** The server answered, but not as the contract says: a version mismatch or a bug. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
  readonly kind = 'invalid-response';
  constructor(
    readonly route: string,
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

export interface ContractClient<C extends Contract> {
  call<R extends RouteNameOf<C>>(
    route: R,
    body?: RequestBodyOf<C, R>,
    options?: CallOptions,
  ): Promise<ResponseBodyOf<C, R>>;
}

export interface ContractClientOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:8420`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; null when a cookie the browser holds carries the caller by itself. */
  bearer: string | null;
  /** Sent on every request besides the client's own (the hub's X-Hub-Request, which a form on another site cannot send). */
  headers?: Readonly<Record<string, string>>;
  fetch?: typeof fetch;
}

// Tuned for a server on the same machine (the kiosk's service): an answer
// slower than this means it is stuck, and the caller (e.g. the health poll)
// should treat it as unreachable. Callers over a network pass their own.
const DEFAULT_TIMEOUT_MS = 5000;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function createContractClient<C extends Contract>(
  contract: C,
  {
    baseUrl,
    bearer,
    headers: extraHeaders = {},
    fetch: fetchImpl = globalThis.fetch.bind(globalThis),
  }: ContractClientOptions,
): ContractClient<C> {
  return {
    async call<R extends RouteNameOf<C>>(
      route: R,
      body?: RequestBodyOf<C, R>,
      options: CallOptions = {},
    ): Promise<ResponseBodyOf<C, R>> {
      const def = contract[route] as C[R];
      const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
      if (bearer !== null) headers['Authorization'] = `Bearer ${bearer}`;
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
      return parsed.data as ResponseBodyOf<C, R>;
    },
  };
}
