import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { DEFAULT_BODY_LIMIT } from '../../common/api/body-limits';
import type { Contract, ContractRoute, RouteNameOf } from '../../common/api/contract-shape';
import type { ApiErrorBody } from '../../common/api/errors';
import { describeZodError, describeZodErrorWithoutValues, problemsToText } from '../../common/api/format-issues';
import type { AnswerHeaders, Handlers } from './handlers';
import {
  needsCaller,
  type Caller,
  type Guard,
  type GuardAllow,
  type GuardDecision,
  type MatchedRoute,
  type RequestFacts,
} from './guard';
import { HttpError } from './http-error';
import { LogBudget } from './log-budget';
import { securityHeaders } from './security-headers';

/**
 * The route a request matched, kept in the route's config when it is
 * registered and read after the router decoded the path: the guard decides
 * on it, never on the URL as sent. A route without one (a 404, a plugin's
 * own) is `unknown`, and needs a caller.
 */
interface RouteConfig {
  matched?: MatchedRoute<string>;
}
const matchedRoute = (request: FastifyRequest): MatchedRoute<string> =>
  (request.routeOptions.config as RouteConfig).matched ?? { kind: 'unknown' };

/** A WebSocket on which the server pushes events to the callers it let in. */
export interface EventSocket<Event, Ctx extends Caller> {
  path: string;
  /** The subprotocol the server answers with when the client offers it. */
  protocol: string;
  /**
   * Whether a socket from this Origin may open. A WebSocket is not bound by
   * the same-origin policy: without this check any page the browser shows
   * could open one with the browser's cookies. Asked after the guard.
   */
  allowOrigin: (origin: string | undefined, port: number) => boolean;
  /** Called for each client that connects, with a sender for that client only. */
  onConnect?: (send: (event: Event) => void, caller: Ctx) => void;
}

/**
 * A WebSocket whose clients send messages too. The upgrade is a route like
 * any other: the guard decides on it (as `{ kind: 'socket', name }`) with
 * the request's headers, before the socket opens, and may refuse it with
 * a plain HTTP answer. What the socket then does — reading messages,
 * checking each, closing it — is its owner's, from `onOpen`.
 */
export interface MessageSocket<Ctx extends Caller> {
  /** What the guard sees in the matched route. */
  name: string;
  path: string;
  /** The subprotocol the server answers with when the client offers it (a WHATWG client offering protocols needs one back). */
  protocol?: string;
  /** Called once per socket the guard let in, with its caller; the server closes it only when stopping. */
  onOpen: (socket: WebSocket, caller: Ctx) => void;
}

/** A request to a public page, as its route decoded it. */
export interface PageRequest {
  /** The path's parameters (`:name` in the page's path), decoded. */
  params: Readonly<Record<string, string>>;
  /** The query, as parsed: a key given twice is a list. */
  query: Readonly<Record<string, string | string[] | undefined>>;
  header(name: string): string | undefined;
}

/** What a public page answers: its status, its own headers (they win over the defaults, the CSP too) and its text. */
export interface PageAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * A public page: a GET (and HEAD) anyone may load by following a link, with
 * no credential — the hub's take-away pages that a citizen's phone opens
 * from a kiosk's QR code. The guard still decides on it, by its name.
 */
export interface PublicPage {
  name: string;
  /** The route, with parameters as `:name`. */
  path: string;
  answer(request: PageRequest): PageAnswer | Promise<PageAnswer>;
}

/** A file a FileRoute answers, with how it may be cached. */
export interface ServedFile {
  body: Buffer | string;
  contentType: string;
  cacheControl: string;
}

/**
 * The one byte range a Range header asks for (`bytes=N-` or `bytes=N-M`);
 * undefined for none, or for a form not answered in part (several ranges,
 * a suffix): those get the whole file, as HTTP allows.
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim());
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Public files under a prefix, answered by a reader rather than from a
 * folder (the hub's TUF repository, kept in its database): `GET
 * <prefix><name>`, where the name is everything after the prefix, slashes
 * included, for the reader to judge; undefined from it is a 404. The guard
 * is asked as for any route (`{ kind: 'file', name }`), and may let the
 * request through without a caller.
 */
export interface FileRoute {
  name: string;
  /** Ends with `/`. */
  prefix: string;
  read(name: string): Promise<ServedFile | undefined>;
}

export interface ServerOptions<C extends Contract, Ctx extends Caller, Event> {
  logger: Logger;
  contract: C;
  handlers: Handlers<C, Ctx>;
  /** Made once the port is known (a guard may check Host against it); asked on every request. */
  guard: (port: number) => Guard<RouteNameOf<C>, Ctx>;
  /** 0 picks a free one. */
  port: number;
  /**
   * false: nothing is bound and the app answers `app.inject` only (route
   * tests in-process); `port` is then the one the guard is made with, so a
   * test meets the same guard as a real caller.
   */
  listen?: boolean;
  /** Address to bind; loopback unless a server says otherwise. */
  host?: string;
  /** Sockets the page may open besides its own origin's (the CSP's connect-src), once the port is known. */
  connectSources?: (port: number) => readonly string[];
  /** Static files served at `/` when the folder exists: public routes. */
  staticDir?: string | undefined;
  /** Public pages: answered without a caller, each with its own headers. */
  pages?: readonly PublicPage[];
  /** Public files answered by readers (FileRoute). */
  files?: readonly FileRoute[];
  /**
   * The page at `/` is answered with a fresh nonce each time, in place of
   * STYLE_NONCE_PLACEHOLDER in its index.html and in the CSP's style-src,
   * so the `<style>` elements its scripts make with that nonce apply (Ant
   * Design's CSS-in-JS) and no other inline style does. The page is then
   * at `/` only, never cached.
   */
  pageStyleNonce?: boolean;
  events?: EventSocket<Event, Ctx>;
  sockets?: readonly MessageSocket<Ctx>[];
  /** Largest message a socket takes, in bytes (ws closes one larger with 1009); default 64 KiB. */
  maxSocketPayload?: number;
  /** Largest request body accepted on a route that does not name its own, in bytes. */
  bodyLimit?: number;
  /** Longest a client may take to send a whole request, headers and body (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /**
   * Headers for one answer that depend on the request, added to every answer
   * (refusals and static files too): the hub's HSTS, sent only on TLS.
   */
  headersFor?: (request: RequestFacts) => Record<string, string>;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** What a page's index.html says where the server puts its style nonce (`pageStyleNonce`). */
export const STYLE_NONCE_PLACEHOLDER = '__STYLE_NONCE__';

export interface ContractServer<Event> {
  app: FastifyInstance;
  port: number;
  /** Sends an event to every connected client of the event socket. */
  broadcast(event: Event): void;
  close(): Promise<void>;
}

function sendError(reply: FastifyReply, status: number, error: ApiErrorBody['error']): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error } satisfies ApiErrorBody);
}

const REFUSALS_LOGGED_PER_MINUTE = 20;

/**
 * Longest a client may take to send a whole request. Fastify's default is
 * none, and Node's header timeout does not cover the body: anyone could
 * hold connections open for ever by sending a body a byte at a time, until
 * the server has no file descriptors left. A socket's life after its
 * upgrade is not a request, and is not cut.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * An HTTP + WebSocket server over a zod contract: each route's body is
 * validated against its schema before its handler runs, and every request
 * but a static file's needs a caller from the guard. Listens first (port 0
 * picks a free one), then makes the guard, which may need the port.
 */
export async function startServer<C extends Contract, Ctx extends Caller, Event = never>(
  opts: ServerOptions<C, Ctx, Event>,
): Promise<ContractServer<Event>> {
  const defaultBodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const timeouts = {
    // Node cuts a request only while its headers' timeout is no longer than this.
    headersTimeout: Math.min(60_000, requestTimeout),
    // Node looks for requests past their time this often (30 s by default): a fraction of the timeout, so it holds.
    connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeout / 4))),
  };
  const app = Fastify({
    ...(opts.tls === undefined
      ? { http: timeouts }
      : { https: { key: opts.tls.key, cert: opts.tls.cert, ...timeouts } }),
    requestTimeout,
    loggerInstance: opts.logger as FastifyBaseLogger,
    // API requests are logged once, on response, by our own hook; static files not at all.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: defaultBodyLimit,
    // The socket closes quickly on shutdown instead of waiting for idle keep-alives.
    forceCloseConnections: true,
    return503OnClosing: true,
    // An address the router cannot read (a bad %-escape, a path parameter past its length): answered like any
    // refusal, without the address, rather than by Fastify's own text echoing it. No hook runs for it, so the
    // usual headers are put on here.
    frameworkErrors: (error, request, reply) => {
      reply.headers(bound.headers);
      if (opts.headersFor !== undefined) reply.headers(opts.headersFor(factsOf(request)));
      return error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendError(reply, 400, { code: 'bad-request', message: 'The address is not valid' })
        : sendError(reply, 500, { code: 'internal', message: 'Internal error' });
    },
  });
  const sockets = new Set<WebSocket>();
  // Not the event socket's clients: broadcasts are not for them. Kept to close them on stopping.
  const messageSocketsOpen = new Set<WebSocket>();
  // Set by the guard for each request it let through with a caller; handlers read it.
  const callers = new WeakMap<FastifyRequest, Ctx>();
  // Anyone who can reach the server can send refused requests as fast as they
  // like: each is logged, up to a budget a minute, so they cannot flood the journal.
  const refused = new WeakSet<FastifyRequest>();
  const refusalLog = new LogBudget(REFUSALS_LOGGED_PER_MINUTE, 60_000, (skipped) =>
    opts.logger.warn(
      { skipped },
      'more requests were refused than are logged: the rest of the last minute’s are only counted',
    ),
  );
  // All depend on the port, known only once listening.
  const bound: { guard?: Guard<RouteNameOf<C>, Ctx>; port: number; headers: Record<string, string> } = {
    port: 0,
    headers: {},
  };

  // Decisions that wait for the body's bytes (GuardAllow.afterBody), and those bytes as received.
  const afterBody = new WeakMap<FastifyRequest, NonNullable<GuardAllow<Ctx>['afterBody']>>();
  // The nonce each answer of the page was given (pageStyleNonce), for its CSP.
  const styleNonces = new WeakMap<FastifyRequest, string>();
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  // A public page's own headers, put over the defaults once those are set.
  const pageHeaders = new WeakMap<FastifyRequest, Readonly<Record<string, string>>>();

  const refuse = (request: FastifyRequest, reply: FastifyReply, status: 401 | 403, message: string): FastifyReply => {
    refused.add(request);
    refusalLog.note(() => request.log.warn({ method: request.method, url: pathForLog(request), status }, message));
    return sendError(reply, status, { code: status === 401 ? 'unauthorized' : 'forbidden', message });
  };

  // Before our hooks and the routes. Its own hooks must run first: they mark
  // an upgrade, so that the socket of one we refuse is closed once answered —
  // else it stays open, half-closed, and `close()` waits for it forever. And
  // it wraps every route registered after it, so that an upgrade to any route
  // but the event socket is closed at once.
  const events = opts.events;
  const messageSockets = opts.sockets ?? [];
  if (events !== undefined || messageSockets.length > 0) {
    await app.register(fastifyWebsocket, {
      options: {
        maxPayload: opts.maxSocketPayload ?? 64 * 1024,
        handleProtocols: (protocols: Set<string>) =>
          [events?.protocol, ...messageSockets.map((m) => m.protocol)].find(
            (p): p is string => p !== undefined && protocols.has(p),
          ) ?? false,
      },
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    const guard = bound.guard;
    if (guard === undefined) return sendError(reply, 503, { code: 'internal', message: 'Service is starting' });
    const { header } = factsOf(request);
    const route = matchedRoute(request);
    // A WebSocket to a static file (they answer plain GETs only).
    if (!needsCaller(route) && header('upgrade')?.toLowerCase() === 'websocket') {
      return sendError(reply, 404, {
        code: 'not-found',
        message: `No such endpoint: WebSocket ${pathForLog(request)}`,
      });
    }
    const decision: GuardDecision<Ctx> = await guard.decide({
      ...factsOf(request),
      route: route as MatchedRoute<RouteNameOf<C>>,
      method: request.method,
    });
    if (!decision.allow) return refuse(request, reply, decision.status, decision.message);
    if (decision.afterBody !== undefined) afterBody.set(request, decision.afterBody);
    // A guard that let a caller-less request through to a guarded route is wrong; refuse rather than guess.
    else if (decision.caller === undefined && needsCaller(route)) return refuse(request, reply, 401, 'No caller');
    if (route.kind === 'events' && opts.events?.allowOrigin(header('origin'), bound.port) === false) {
      return refuse(request, reply, 403, 'Origin may not open the event socket');
    }
    if (decision.caller !== undefined) callers.set(request, decision.caller);
  });

  // JSON bodies are kept as received too, for a guard that decides on them (a signature over the bytes).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (afterBody.has(request)) rawBodies.set(request, body as Buffer);
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });

  app.addHook('preValidation', async (request, reply) => {
    const decide = afterBody.get(request);
    if (decide === undefined) return;
    const decision = await decide(rawBodies.get(request) ?? Buffer.alloc(0));
    if (!decision.allow) return refuse(request, reply, decision.status, decision.message);
    callers.set(request, decision.caller);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(bound.headers);
    const nonce = styleNonces.get(request);
    if (nonce !== undefined) reply.headers(securityHeaders(opts.connectSources?.(bound.port) ?? [], nonce));
    if (opts.headersFor !== undefined) reply.headers(opts.headersFor(factsOf(request)));
    if (needsCaller(matchedRoute(request))) reply.header('cache-control', 'no-store');
    const own = pageHeaders.get(request);
    if (own !== undefined) reply.headers(own);
    return payload;
  });

  // A public page that did not answer 2xx/3xx (a stale or mistyped link) is logged as well, but anyone can ask
  // for such pages as fast as they like: within a budget a minute, like refusals, the rest only counted.
  const pageFailureLog = new LogBudget(REFUSALS_LOGGED_PER_MINUTE, 60_000, (skipped) =>
    opts.logger.warn(
      { skipped },
      'more public pages failed than are logged: the rest of the last minute’s are only counted',
    ),
  );

  // Every request to a route that needs a caller is logged, refused ones too;
  // a public file only when it fails (a page loads dozens at every start,
  // kiosks poll the hub's TUF timestamp).
  app.addHook('onResponse', async (request, reply) => {
    const route = matchedRoute(request);
    if (!needsCaller(route) && reply.statusCode < 400) return;
    // Logged once already, within the refusals' budget.
    if (refused.has(request)) return;
    const log = () =>
      request.log.info(
        {
          method: request.method,
          url: pathForLog(request),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'api request',
      );
    if (route.kind === 'page') pageFailureLog.note(log);
    else log();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.status, { code: error.code, message: error.message });
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 413, { code: 'too-large', message: 'Request body is too large' });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 400, {
        code: 'bad-request',
        message: 'Request body must be JSON (Content-Type: application/json)',
      });
    }
    if (status >= 400 && status < 500) {
      const message =
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'Request body is empty; expected a JSON object'
          : `Request body is not valid JSON: ${error.message}`;
      return sendError(reply, 400, { code: 'bad-request', message });
    }
    request.log.error({ err: error, url: pathForLog(request) }, 'request failed');
    return sendError(reply, 500, { code: 'internal', message: 'Internal error' });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, { code: 'not-found', message: `No such endpoint: ${request.method} ${pathForLog(request)}` }),
  );

  const contextOf = (request: FastifyRequest): Ctx => {
    const ctx = callers.get(request);
    // Unreachable while the guard runs first; refuse rather than guess a role.
    if (ctx === undefined) throw new Error(`No caller recorded for ${request.method} ${pathForLog(request)}`);
    return ctx;
  };
  for (const [name, def] of Object.entries(opts.contract) as [RouteNameOf<C>, ContractRoute][]) {
    registerRoute(app, name, def, opts.handlers, contextOf, defaultBodyLimit);
  }

  for (const page of opts.pages ?? []) {
    const config: RouteConfig = { matched: { kind: 'page', name: page.name } };
    app.get(page.path, { config }, async (request, reply) => {
      const answer = await page.answer({
        params: request.params as Record<string, string>,
        query: request.query as Record<string, string | string[] | undefined>,
        header: (name) => factsOf(request).header(name),
      });
      pageHeaders.set(request, answer.headers);
      return reply.code(answer.status).type('text/html; charset=utf-8').send(answer.body);
    });
  }

  for (const file of opts.files ?? []) {
    const config: RouteConfig = { matched: { kind: 'file', name: file.name } };
    app.get(`${file.prefix}*`, { config }, async (request, reply) => {
      const found = await file.read((request.params as { '*': string })['*']);
      if (found === undefined)
        return sendError(reply, 404, { code: 'not-found', message: `No such file: ${pathForLog(request)}` });
      const body = typeof found.body === 'string' ? Buffer.from(found.body) : found.body;
      const part = byteRange(request.headers.range, body.length);
      reply.header('cache-control', found.cacheControl).header('accept-ranges', 'bytes').type(found.contentType);
      if (part === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${body.length}`).send('');
      if (part === undefined) return reply.code(200).send(body);
      // A download cut off midway continues from where it stopped (a kiosk's release on a poor line).
      return reply
        .code(206)
        .header('content-range', `bytes ${part.start}-${part.end}/${body.length}`)
        .send(body.subarray(part.start, part.end + 1));
    });
  }

  if (events !== undefined) {
    app.register(async (scope) => {
      const config: RouteConfig = { matched: { kind: 'events' } };
      scope.get(events.path, { websocket: true, config }, (socket, request) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => sockets.delete(socket));
        events.onConnect?.((event) => socket.send(JSON.stringify(event)), contextOf(request));
        // Clients only listen; anything they send is ignored.
      });
    });
  }

  for (const def of messageSockets) {
    app.register(async (scope) => {
      const config: RouteConfig = { matched: { kind: 'socket', name: def.name } };
      scope.get(def.path, { websocket: true, config }, (socket, request) => {
        messageSocketsOpen.add(socket);
        socket.on('close', () => messageSocketsOpen.delete(socket));
        socket.on('error', () => messageSocketsOpen.delete(socket));
        def.onOpen(socket, contextOf(request));
      });
    });
  }

  if (opts.staticDir !== undefined && existsSync(opts.staticDir)) {
    const root = opts.staticDir;
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = {
          ...(route.config as RouteConfig | undefined),
          matched: { kind: 'static' },
        } satisfies RouteConfig;
      });
      if (opts.pageStyleNonce !== true) {
        await scope.register(fastifyStatic, { root, prefix: '/', index: 'index.html', wildcard: false });
        return;
      }
      const [before, after] = readFileSync(join(root, 'index.html'), 'utf8').split(STYLE_NONCE_PLACEHOLDER, 2);
      if (after === undefined) throw new Error(`${root}/index.html has no ${STYLE_NONCE_PLACEHOLDER} for its nonce`);
      // The page only at `/`, with its nonce; index.html as a file would come without one.
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        index: false,
        wildcard: false,
        allowedPath: (path) => path !== '/index.html',
      });
      scope.get('/', (request, reply) => {
        const nonce = randomBytes(16).toString('base64');
        styleNonces.set(request, nonce);
        return reply
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(`${before}${nonce}${after}`);
      });
    });
  }

  const host = opts.host ?? '127.0.0.1';
  const port = opts.listen === false ? await readyWithoutListening(app, opts.port) : await listen(app, host, opts.port);
  bound.port = port;
  bound.headers = securityHeaders(opts.connectSources?.(port) ?? []);
  bound.guard = opts.guard(port);

  return {
    app,
    port,
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
    },
    async close() {
      for (const s of [...sockets, ...messageSocketsOpen]) s.close(1001, 'service stopping');
      await app.close();
    },
  };
}

/** Binds the address and returns the port it got (port 0 picks a free one). */
async function listen(app: FastifyInstance, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('Server did not bind to a TCP port');
  return address.port;
}

/** Readies the app for `inject` without binding; the guard needs a real port number to check Host against. */
async function readyWithoutListening(app: FastifyInstance, port: number): Promise<number> {
  if (!Number.isInteger(port) || port <= 0)
    throw new Error('A server that does not listen needs the port its guard checks Host against');
  await app.ready();
  return port;
}

/** A request's headers and connection, as guards and `headersFor` see them. */
function factsOf(request: FastifyRequest): RequestFacts {
  return {
    header: (name) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    },
    socket: {
      encrypted: (request.socket as { encrypted?: boolean }).encrypted === true,
      remoteAddress: request.socket.remoteAddress,
    },
  };
}

/** The path without its query, for logs: a query could carry what a citizen typed. */
function pathForLog(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

function registerRoute<C extends Contract, Ctx>(
  app: FastifyInstance,
  name: RouteNameOf<C>,
  def: ContractRoute,
  handlers: Handlers<C, Ctx>,
  contextOf: (request: FastifyRequest) => Ctx,
  defaultBodyLimit: number,
): void {
  const handler = handlers[name] as (body: unknown, ctx: Ctx, answer: AnswerHeaders) => unknown;
  const config: RouteConfig = { matched: { kind: 'contract', name } };
  app.route({
    method: def.method,
    url: def.path,
    config,
    bodyLimit: def.maxBodyBytes ?? defaultBodyLimit,
    handler: async (request, reply) => {
      let body: unknown = undefined;
      if (def.method !== 'GET') {
        const parsed = def.body.safeParse(request.body);
        if (!parsed.success) {
          const problems =
            def.personalBody === true
              ? describeZodErrorWithoutValues(parsed.error, 'body')
              : describeZodError(parsed.error, request.body, 'body');
          return sendError(reply, 400, {
            code: 'bad-request',
            message: `Invalid request body: ${problemsToText(problems)}`,
            problems,
          });
        }
        body = parsed.data;
      }
      const result = await handler(body, contextOf(request), { header: (n, v) => void reply.header(n, v) });
      return reply.code(200).send(result);
    },
  });
}
