import { describe, expect, it, vi } from 'vitest';
import { api } from '../../common/api/contract';
import type { Health } from '../../common/api/health';
import { sampleHealth } from '../../common/api/sample-health';
import {
  ApiError,
  InvalidResponseError,
  ServiceUnreachableError,
  createContractClient,
  isClientError,
} from './contract-client';

const health: Health = sampleHealth({
  uptimeSeconds: 5,
  terminal: { displayName: '洪山区公共法律服务站', regionName: '湖北省武汉市洪山区' },
  subsystems: {
    idCardReader: { state: 'off', reason: 'not-configured' },
    hub: { state: 'off', reason: 'not-configured' },
  },
  features: [{ id: 'consultation', available: false, reason: 'not-in-this-version' }],
});

interface Recorded {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (req: Recorded) => Response | Promise<Response>) {
  const calls: Recorded[] = [];
  const impl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = { url: String(input), init: init ?? {} };
    calls.push(req);
    return respond(req);
  });
  return { calls, fetch: impl as unknown as typeof fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createContractClient', () => {
  it('GETs with the bearer secret and returns the validated answer', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, health));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:8420', bearer: 's3cret', fetch });

    const answer = await client.call('health');

    expect(answer.terminal.displayName).toBe('洪山区公共法律服务站');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('http://127.0.0.1:8420/api/health');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.body).toBeUndefined();
    expect((calls[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer s3cret');
  });

  it('POSTs a JSON body', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, {}));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:8420/', bearer: 's', fetch });

    await expect(client.call('clientLog', { level: 'error', message: 'boom', screen: 'home' })).resolves.toEqual({});

    const init = calls[0]?.init;
    expect(calls[0]?.url).toBe('http://127.0.0.1:8420/api/client-log');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ level: 'error', message: 'boom', screen: 'home' });
  });

  it('sends the headers it was made with, and no Authorization without a bearer (a cookie carries the caller)', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, {}));
    const client = createContractClient(api, {
      baseUrl: 'http://127.0.0.1:8740',
      bearer: null,
      headers: { 'X-Hub-Request': '1' },
      fetch,
    });

    await client.call('clientLog', { level: 'error', message: 'boom', screen: 'home' });

    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers['X-Hub-Request']).toBe('1');
    expect(headers.Authorization).toBeUndefined();
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('rejects an answer that does not match the contract', async () => {
    const broken = { ...health, terminal: { ...health.terminal, defaultLanguage: 'fr' } };
    const { fetch } = fakeFetch(() => json(200, broken));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });

    const error = await client.call('health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('terminal.defaultLanguage');
  });

  it('rejects a body that is not JSON', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>proxy error</html>', { status: 200 }));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });
    await expect(client.call('health')).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('turns an ApiErrorBody into an ApiError with code, status and problems', async () => {
    const { fetch } = fakeFetch(() =>
      json(400, {
        error: { code: 'bad-request', message: 'invalid body', problems: [{ path: 'message', message: 'too long' }] },
      }),
    );
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });

    const error = await client.call('clientLog', { level: 'info', message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'api',
      status: 400,
      code: 'bad-request',
      problems: [{ path: 'message', message: 'too long' }],
    });
    expect(isClientError(error)).toBe(true);
  });

  it('treats an error answer without an ApiErrorBody as an invalid response', async () => {
    const { fetch } = fakeFetch(() => new Response('', { status: 502 }));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });
    await expect(client.call('health')).rejects.toMatchObject({ kind: 'invalid-response', status: 502 });
  });

  it('reports a refused connection as unreachable', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });

    const error = await client.call('health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnreachableError);
    expect(error).toMatchObject({ kind: 'unreachable', timedOut: false });
  });

  it('gives up on a service that does not answer in time', async () => {
    const hang = (req: Recorded) =>
      new Promise<Response>((_resolve, reject) => {
        req.init.signal?.addEventListener('abort', () => reject(req.init.signal?.reason));
      });
    const { fetch } = fakeFetch(hang);
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });

    await expect(client.call('health', undefined, { timeoutMs: 20 })).rejects.toMatchObject({
      kind: 'unreachable',
      timedOut: true,
    });
  });

  it("passes the caller's own abort through instead of blaming the service", async () => {
    const hang = (req: Recorded) =>
      new Promise<Response>((_resolve, reject) => {
        req.init.signal?.addEventListener('abort', () => reject(req.init.signal?.reason));
      });
    const { fetch } = fakeFetch(hang);
    const client = createContractClient(api, { baseUrl: 'http://127.0.0.1:1', bearer: 's', fetch });
    const controller = new AbortController();

    const pending = client.call('health', undefined, { signal: controller.signal });
    controller.abort(new Error('screen left'));
    await expect(pending).rejects.toThrow('screen left');
  });
});
