import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from '../../common/api/contract-shape';
import { ApiErrorBody } from '../../common/api/errors';
import { createLogger } from '../logger';
import type { Caller, Guard, MatchedRoute, RequestSocket } from './guard';
import { HttpError } from './http-error';
import { byteRange, REQUEST_TIMEOUT_MS, startServer, STYLE_NONCE_PLACEHOLDER, type ContractServer } from './server';

/**
 * The server over a contract of its own, not the kiosk's: a route any
 * caller may call, one only an editor may, a folder of public files and an
 * event socket, behind a guard that knows callers by a bearer token.
 */
const contract = {
  hello: { method: 'GET', path: '/api/hello', body: z.undefined(), response: z.object({ role: z.string() }) },
  rename: {
    method: 'POST',
    path: '/api/rename',
    body: z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).optional() }),
    response: z.object({ name: z.string() }),
    maxBodyBytes: 1024,
  },
} satisfies Contract;

type Role = 'reader' | 'editor';
interface TestCaller extends Caller<Role> {
  account: string;
}
type TestEvent = { type: 'greeting'; to: string };

const TOKENS: Record<string, TestCaller> = {
  'reader-token': { role: 'reader', account: 'r1' },
  'editor-token': { role: 'editor', account: 'e1' },
};

/** Every route the guard was asked about, in order. */
const seen: MatchedRoute<string>[] = [];
const guard: Guard<keyof typeof contract, TestCaller> = {
  decide(request) {
    seen.push(request.route);
    if (request.route.kind === 'static') return { allow: true };
    const token = /^Bearer (\S+)$/.exec(request.header('authorization') ?? '')?.[1];
    const caller = token === undefined ? undefined : TOKENS[token];
    if (caller === undefined) return { allow: false, status: 401, message: 'Who are you?' };
    if (request.route.kind === 'contract' && request.route.name === 'rename' && caller.role !== 'editor')
      return { allow: false, status: 403, message: 'Editors only' };
    return { allow: true, caller };
  },
};

const lines: string[] = [];
const logger = createLogger({ destination: { write: (s: string) => void lines.push(s) } });
let staticDir: string;
let server: ContractServer<TestEvent>;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'server-kit-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  server = await startServer({
    logger,
    contract,
    handlers: {
      hello: (_body, ctx) => ({ role: ctx.role }),
      rename: async ({ name }, ctx) => {
        if (name === 'taken') throw new HttpError(409, 'conflict', `${ctx.account}: that name is taken`);
        if (name === 'crash') throw new Error('a bug');
        return { name: name.toUpperCase() };
      },
    },
    guard: () => guard,
    port: 0,
    connectSources: (port) => [`ws://127.0.0.1:${port}`],
    staticDir,
    events: {
      path: '/api/events',
      protocol: 'test-events.v1',
      allowOrigin: (origin) => origin === undefined || origin === 'https://console.example',
      onConnect: (send, caller) => send({ type: 'greeting', to: caller.account }),
    },
    sockets: [
      {
        name: 'echo',
        path: '/api/echo',
        onOpen: (socket, caller) => socket.on('message', (data) => socket.send(`${caller.account}: ${String(data)}`)),
      },
    ],
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});
afterEach(() => {
  seen.length = 0;
});

const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
  server.app.inject({
    method,
    url,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload }),
  });
/** Another server over the contract, which binds nothing and answers `inject` only. */
const startWithoutListening = (guard: Guard<keyof typeof contract, TestCaller>, port: number) =>
  startServer({
    logger,
    contract,
    handlers: { hello: (_body, ctx) => ({ role: ctx.role }), rename: ({ name }) => ({ name }) },
    guard: () => guard,
    port,
    listen: false,
  });
const errorOf = (res: { json(): unknown }) => ApiErrorBody.parse(res.json()).error;

describe('the guard, on the route that matched', () => {
  it('is asked with the route the router found, however its path was spelled', async () => {
    expect((await call('GET', '/%61pi/hello', 'reader-token')).statusCode).toBe(200);
    await call('POST', '/api/%72ename', 'editor-token', { name: 'x' });
    await call('GET', '/');
    await call('GET', '/api/nothing-here');
    expect(seen).toEqual([
      { kind: 'contract', name: 'hello' },
      { kind: 'contract', name: 'rename' },
      { kind: 'static' },
      { kind: 'unknown' },
    ]);
  });

  it('answers an unknown route 401 without a caller, and 404 only to a caller', async () => {
    const anonymous = await call('GET', '/api/nothing-here');
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous)).toEqual({ code: 'unauthorized', message: 'Who are you?' });
    const known = await call('GET', '/api/nothing-here', 'reader-token');
    expect(known.statusCode).toBe(404);
    expect(errorOf(known).code).toBe('not-found');
  });

  it('hands the handler the caller it returned, and its refusals by role are the answer', async () => {
    expect((await call('GET', '/api/hello', 'editor-token')).json()).toEqual({ role: 'editor' });
    const reader = await call('POST', '/api/rename', 'reader-token', { name: 'x' });
    expect(reader.statusCode).toBe(403);
    expect(errorOf(reader)).toEqual({ code: 'forbidden', message: 'Editors only' });
    const editor = await call('POST', '/api/rename', 'editor-token', { name: 'x' });
    expect(editor.statusCode).toBe(200);
    expect(editor.json()).toEqual({ name: 'X' });
  });

  it('serves the static files to anyone, without the no-store header of guarded answers', async () => {
    const page = await call('GET', '/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['cache-control']).not.toBe('no-store');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    const api = await call('GET', '/api/hello', 'reader-token');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-frame-options']).toBe('DENY');
  });

  it('answers the page with a fresh style nonce each time, in the page and its CSP only, when asked to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-kit-nonce-'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta name="style-nonce" content="${STYLE_NONCE_PLACEHOLDER}"><title>console</title>`,
    );
    writeFileSync(join(dir, 'app.css'), 'body{}');
    const open: Guard<keyof typeof contract, TestCaller> = { decide: () => ({ allow: true }) };
    const paged = await startServer({
      logger,
      contract,
      handlers: { hello: (_body, ctx) => ({ role: ctx.role }), rename: ({ name }) => ({ name }) },
      guard: () => open,
      port: 1,
      listen: false,
      staticDir: dir,
      pageStyleNonce: true,
    });
    try {
      const nonceOf = (res: { body: string; headers: Record<string, unknown> }) => {
        const inPage = /content="([^"]+)"/.exec(res.body)![1]!;
        expect(String(res.headers['content-security-policy'])).toContain(`style-src 'self' 'nonce-${inPage}'`);
        return inPage;
      };
      const first = await paged.app.inject({ method: 'GET', url: '/' });
      const second = await paged.app.inject({ method: 'GET', url: '/' });
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(nonceOf(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(nonceOf(second)).not.toBe(nonceOf(first));
      // Other files, and the API, keep the CSP without a nonce.
      const css = await paged.app.inject({ method: 'GET', url: '/app.css' });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-security-policy']).toContain("style-src 'self';");
      expect((await paged.app.inject({ method: 'GET', url: '/index.html' })).statusCode).toBe(404);
    } finally {
      await paged.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a guarded route the guard let through without a caller', async () => {
    const careless: Guard<keyof typeof contract, TestCaller> = { decide: () => ({ allow: true }) };
    const other = await startWithoutListening(careless, 1);
    try {
      expect((await other.app.inject({ method: 'GET', url: '/api/hello' })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('bodies and errors', () => {
  it('names the field a body got wrong, and what it was given', async () => {
    const res = await call('POST', '/api/rename', 'editor-token', { name: '', tags: ['a', 7] });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('bad-request');
    expect(error.problems?.map((p) => p.path)).toEqual(['body.name', 'body.tags[1]']);
    expect(error.message).toMatch(/^Invalid request body: body\.name: .*; body\.tags\[1\]: .*\(got 7\)$/);
  });

  it('holds a route to its own body limit', async () => {
    const res = await call('POST', '/api/rename', 'editor-token', { name: 'x'.repeat(2000) });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res)).toEqual({ code: 'too-large', message: 'Request body is too large' });
  });

  it('answers an HttpError with its status, and anything else with 500 and a log line', async () => {
    const taken = await call('POST', '/api/rename', 'editor-token', { name: 'taken' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toEqual({ code: 'conflict', message: 'e1: that name is taken' });
    const crash = await call('POST', '/api/rename', 'editor-token', { name: 'crash' });
    expect(crash.statusCode).toBe(500);
    expect(errorOf(crash)).toEqual({ code: 'internal', message: 'Internal error' });
    expect(lines.some((l) => l.includes('request failed') && l.includes('a bug'))).toBe(true);
  });

  it('will not start with a route left without a handler (a compile error)', () => {
    const start = () =>
      startServer({
        logger,
        contract,
        // @ts-expect-error -- `rename` has no handler
        handlers: { hello: (_body, ctx) => ({ role: ctx.role }) },
        guard: () => guard,
        port: 1,
        listen: false,
      });
    // Only the type check runs it: started, the server would answer `rename` with a crash.
    expect(start).toBeTypeOf('function');
  });
});

describe('the event socket', () => {
  const open = (protocols: string[], token: string | undefined, origin?: string) =>
    new Promise<{ status: number; first?: unknown }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, protocols, {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...(origin === undefined ? {} : { origin }),
      });
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0 });
      });
      ws.on('message', (data) => {
        resolve({ status: 101, first: JSON.parse(String(data)) });
        ws.close();
      });
      ws.on('error', () => undefined);
    });

  it('opens for a caller from an allowed Origin, with the protocol, and greets that caller', async () => {
    expect(await open(['test-events.v1'], 'reader-token', 'https://console.example')).toEqual({
      status: 101,
      first: { type: 'greeting', to: 'r1' },
    });
    expect(seen).toContainEqual({ kind: 'events' });
  });

  it('refuses no caller (401) and a foreign Origin (403)', async () => {
    expect((await open(['test-events.v1'], undefined)).status).toBe(401);
    expect((await open(['test-events.v1'], 'reader-token', 'https://evil.example')).status).toBe(403);
  });

  it('is the only WebSocket: an upgrade on a static file is refused', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`, ['test-events.v1']);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });

  it('closes the connection of an upgrade it refused once answered: nothing is left open to hold the server', async () => {
    const answer = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let data = '';
        socket.setTimeout(2000, () => {
          socket.destroy();
          reject(new Error(`${target} was answered but left open: ${data.split('\r\n')[0]}`));
        });
        socket.on('data', (d) => (data += d.toString('latin1')));
        socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
        socket.write(
          [
            `GET ${target} HTTP/1.1`,
            `host: 127.0.0.1:${server.port}`,
            'upgrade: websocket',
            'connection: Upgrade',
            `sec-websocket-key: ${randomBytes(16).toString('base64')}`,
            'sec-websocket-version: 13',
            'sec-websocket-protocol: test-events.v1',
            '',
            '',
          ].join('\r\n'),
        );
      });
    expect(await answer('/')).toBe('HTTP/1.1 404 Not Found');
    expect(await answer('/api/events')).toBe('HTTP/1.1 401 Unauthorized');
    expect(await answer('/api/echo')).toBe('HTTP/1.1 401 Unauthorized');
  });
});

describe('a socket that hears its clients', () => {
  const open = (token: string | undefined) =>
    new Promise<{ status: number; ws?: WebSocket }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/echo`, {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0 });
      });
      ws.on('open', () => resolve({ status: 101, ws }));
      ws.on('error', () => undefined);
    });

  it('is guarded at the upgrade by its name, and its owner hears the caller’s messages; broadcasts are not for it', async () => {
    expect((await open(undefined)).status).toBe(401);
    expect(seen).toContainEqual({ kind: 'socket', name: 'echo' });
    const { ws } = await open('editor-token');
    const heard: string[] = [];
    ws!.on('message', (data) => heard.push(String(data)));
    server.broadcast({ type: 'greeting', to: 'everyone' });
    ws!.send('hello');
    await new Promise((resolve) => ws!.once('message', resolve));
    expect(heard).toEqual(['e1: hello']);
    ws!.close();
  });
});

describe('a client that sends its request slowly', () => {
  /** Sends a POST's headers, then its body a byte every 100 ms; answers the first line of what came back once the server closed. */
  const dribble = (port: number) =>
    new Promise<{ status: string; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let data = '';
      const timer = setInterval(() => socket.write('x'), 100);
      socket.setTimeout(5000, () => {
        clearInterval(timer);
        socket.destroy();
        reject(new Error('the server held the connection for as long as the client kept sending'));
      });
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ status: data.split('\r\n')[0] ?? '', ms: Date.now() - started });
      });
      socket.write(
        [
          'POST /api/rename HTTP/1.1',
          `host: 127.0.0.1:${port}`,
          'authorization: Bearer editor-token',
          'content-type: application/json',
          'content-length: 1000',
          '',
          '',
        ].join('\r\n'),
      );
    });

  it('is cut off once the whole request has taken longer than the request timeout, however steadily it sends', async () => {
    expect(server.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    const quick = await startServer({
      logger,
      contract,
      handlers: { hello: (_body, ctx) => ({ role: ctx.role }), rename: ({ name }) => ({ name }) },
      guard: () => guard,
      port: 0,
      requestTimeoutMs: 500,
    });
    try {
      const { status, ms } = await dribble(quick.port);
      expect(status).toBe('HTTP/1.1 408 Request Timeout');
      expect(ms).toBeLessThan(2500);
    } finally {
      await quick.close();
    }
  });
});

describe('a server that does not listen', () => {
  it('is refused without a port for its guard: port 0 would make every Host wrong', async () => {
    await expect(startWithoutListening(guard, 0)).rejects.toThrow(
      'A server that does not listen needs the port its guard checks Host against',
    );
  });
});

describe('answers shaped by the request', () => {
  it('lets the guard see the connection, a handler add a header, and headersFor add headers to every answer', async () => {
    const sockets: RequestSocket[] = [];
    const watching: Guard<keyof typeof contract, TestCaller> = {
      decide(request) {
        sockets.push(request.socket);
        return guard.decide(request);
      },
    };
    const other = await startServer({
      logger,
      contract,
      handlers: {
        hello: (_body, ctx, answer) => {
          answer.header('set-cookie', 'visited=1; HttpOnly');
          return { role: ctx.role };
        },
        rename: ({ name }) => ({ name }),
      },
      guard: () => watching,
      port: 1,
      listen: false,
      headersFor: (request) => ({ 'x-seen-by': request.header('x-forwarded-proto') ?? 'none' }),
    });
    try {
      const hello = await other.app.inject({
        method: 'GET',
        url: '/api/hello',
        headers: { authorization: 'Bearer reader-token', 'x-forwarded-proto': 'https' },
      });
      expect(hello.headers['set-cookie']).toBe('visited=1; HttpOnly');
      expect(hello.headers['x-seen-by']).toBe('https');
      const refused = await other.app.inject({ method: 'GET', url: '/api/hello' });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['x-seen-by']).toBe('none');
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect(sockets).toEqual([
        { encrypted: false, remoteAddress: '127.0.0.1' },
        { encrypted: false, remoteAddress: '127.0.0.1' },
      ]);
    } finally {
      await other.close();
    }
  });
});

describe('public pages', () => {
  it('are answered with no caller, with their own headers over the defaults, when the guard lets them by name', async () => {
    const asked: MatchedRoute<string>[] = [];
    const pageServer = await startServer({
      logger,
      contract,
      handlers: { hello: (_body, ctx: TestCaller) => ({ role: ctx.role }), rename: ({ name }) => ({ name }) },
      guard: () => ({
        decide: (request) => {
          asked.push(request.route);
          return request.route.kind === 'page' && request.route.name !== 'secret'
            ? { allow: true }
            : { allow: false, status: 403, message: 'No' };
        },
      }),
      port: 8740,
      listen: false,
      pages: [
        {
          name: 'greeting',
          path: '/p/greeting/:id',
          answer: (request) => ({
            status: 200,
            headers: { 'cache-control': 'public, max-age=60', 'content-security-policy': "default-src 'none'" },
            body: `<p>${request.params['id']} ${String(request.query['lang'])}</p>`,
          }),
        },
        { name: 'secret', path: '/p/secret', answer: () => ({ status: 200, headers: {}, body: 'secret' }) },
        { name: 'gone', path: '/p/gone/:id', answer: () => ({ status: 404, headers: {}, body: 'gone' }) },
      ],
    });
    try {
      const res = await pageServer.app.inject({ method: 'GET', url: '/p/greeting/%E4%BD%A0%E5%A5%BD?lang=en' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('<p>你好 en</p>');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect((await pageServer.app.inject({ method: 'GET', url: '/p/secret' })).statusCode).toBe(403);
      expect(asked).toEqual([
        { kind: 'page', name: 'greeting' },
        { kind: 'page', name: 'secret' },
      ]);

      // An address the router cannot read (a bad escape, an over-long parameter): our answer, our headers, the address not echoed.
      for (const url of ['/p/greeting/%E4%BD%A<b>', `/p/greeting/${'x'.repeat(101)}<b>`]) {
        const bad = await pageServer.app.inject({ method: 'GET', url });
        expect(bad.statusCode, url).toBe(400);
        expect(bad.json(), url).toEqual({ error: { code: 'bad-request', message: 'The address is not valid' } });
        expect(bad.headers['x-content-type-options'], url).toBe('nosniff');
        expect(bad.headers['content-security-policy'], url).toContain("default-src 'self'");
        expect(bad.headers['cache-control'], url).toBe('no-store');
      }

      // Anyone may ask for pages that are not there as fast as they like: they are logged within a budget, the rest counted.
      for (let i = 0; i < 60; i++)
        expect((await pageServer.app.inject({ method: 'GET', url: `/p/gone/n${i}` })).statusCode).toBe(404);
      const logged = lines.filter((line) => line.includes('/p/gone/'));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.length).toBeLessThanOrEqual(20);
    } finally {
      await pageServer.close();
    }
  });
});

describe('the byte range a file route answers', () => {
  it('is one open or closed range within the file; other forms get the whole file; past the end is unsatisfiable', () => {
    expect(byteRange(undefined, 100)).toBeUndefined();
    expect(byteRange('bytes=40-', 100)).toEqual({ start: 40, end: 99 });
    expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(byteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-10', 100)).toBeUndefined();
    expect(byteRange('bytes=0-1,5-9', 100)).toBeUndefined();
    expect(byteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(byteRange('bytes=9-3', 100)).toBe('unsatisfiable');
  });
});
