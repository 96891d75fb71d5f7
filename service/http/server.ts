import { existsSync } from 'node:fs';
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
import {
  api,
  EVENTS_PATH,
  type Api,
  type ParsedBody,
  type ResponseBody,
  type RouteName,
} from '../../common/api/contract';
import { DEFAULT_BODY_LIMIT } from '../../common/api/body-limits';
import type { ApiErrorBody } from '../../common/api/errors';
import { EVENTS_PROTOCOL, type ServiceEvent } from '../../common/api/events';
import { describeZodError, problemsToText } from '../../common/api/format-issues';
import { createGuard, type CallerRole, type Guard } from './request-guard';
import { securityHeaders } from './security-headers';

/** Who made a request the guard let through; handlers check object-level rights with it. */
export interface RequestContext {
  role: CallerRole;
}

/** One handler per route of the contract; a missing one is a compile error. */
export type Handlers = {
  [R in RouteName]: (
    body: ParsedBody<R> extends undefined ? undefined : Exclude<ParsedBody<R>, undefined>,
    ctx: RequestContext,
  ) => ResponseBody<R> | Promise<ResponseBody<R>>;
};

/**
 * Whether a route may be reached without the secret. Only the UI's static
 * files are public; every other route — the contract's, the event socket and
 * any route added later — needs a caller unless it is declared public here.
 * Read from the route that matched, after the router decoded the path, so no
 * spelling of a URL can change the answer.
 */
type RouteAccess = 'public' | 'caller';
interface RouteConfig {
  access?: RouteAccess;
}
const routeAccess = (request: FastifyRequest): RouteAccess =>
  (request.routeOptions.config as RouteConfig).access ?? 'caller';

export interface ServerOptions {
  logger: Logger;
  handlers: Handlers;
  /** Built renderer (index.html and assets); served at `/` when present. */
  rendererDir: string | undefined;
  /** Called for each UI that connects to the event socket, with a sender for that UI only. */
  onEventsConnect?: (send: (event: ServiceEvent) => void) => void;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

export interface KioskServer {
  app: FastifyInstance;
  port: number;
  secret: string;
  /** Sends an event to every connected UI. */
  broadcast(event: ServiceEvent): void;
  close(): Promise<void>;
}

/** Thrown by a handler to answer with a given status and error code. */
export class HttpError extends Error {
  constructor(
    readonly status: 404 | 409 | 503,
    readonly code: ApiErrorBody['error']['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by a handler whose subsystem is down (e.g. no content release): 503 with the reason. */
export class ServiceUnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'unavailable', message);
  }
}

function sendError(reply: FastifyReply, status: number, error: ApiErrorBody['error']): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error } satisfies ApiErrorBody);
}

/**
 * The local service's HTTP + WebSocket server, bound to 127.0.0.1 only.
 * Listens first (port 0 picks a free one), then installs the guard, which
 * needs the port to know its own Host and Origin.
 *
 * With `listen: false` nothing is bound: the app answers `app.inject` only
 * (route tests in-process), and the guard takes `port` as its own, so a test
 * sends `Host: 127.0.0.1:<port>` and meets the same guard as a real caller.
 */
export async function startServer(
  opts: ServerOptions & { port: number; secret: string; technicianToken: string; listen?: boolean },
): Promise<KioskServer> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // API requests are logged once, on response, by our own hook; static files not at all.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // The socket closes quickly on shutdown instead of waiting for idle keep-alives.
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  const sockets = new Set<WebSocket>();
  // Set by the guard for each request it let through with a caller; handlers read it.
  const callers = new WeakMap<FastifyRequest, RequestContext>();
  // Anyone on the machine can send refused requests as fast as they like: each
  // is logged, up to a budget a minute, so they cannot flood the journal.
  const refused = new WeakSet<FastifyRequest>();
  const refusalLog = new LogBudget(REFUSALS_LOGGED_PER_MINUTE, 60_000, (skipped) =>
    opts.logger.warn(
      { skipped },
      'more requests were refused than are logged: the rest of the last minute’s are only counted',
    ),
  );
  // Both depend on the port, known only once listening.
  const bound: { guard?: Guard; headers: Record<string, string> } = { headers: {} };

  // Before our hooks and the routes. Its own hooks must run first: they mark
  // an upgrade, so that the socket of one we refuse is closed once answered —
  // else it stays open, half-closed, and `close()` waits for it forever. And
  // it wraps every route registered after it, so that an upgrade to any route
  // but the event socket is closed at once.
  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: 64 * 1024,
      handleProtocols: (protocols: Set<string>) => (protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    const guard = bound.guard;
    if (guard === undefined) return sendError(reply, 503, { code: 'internal', message: 'Service is starting' });
    const header = (name: string): string | undefined => {
      const v = request.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    // A WebSocket to anything but the event socket (the UI's files answer plain GETs only).
    if (routeAccess(request) === 'public' && header('upgrade')?.toLowerCase() === 'websocket') {
      return sendError(reply, 404, {
        code: 'not-found',
        message: `No such endpoint: WebSocket ${pathForLog(request)}`,
      });
    }
    const decision = guard.decide({
      host: header('host'),
      origin: header('origin'),
      secFetchSite: header('sec-fetch-site'),
      authorization: header('authorization'),
      cookie: header('cookie'),
      webSocketProtocols: header('sec-websocket-protocol'),
      needsCaller: routeAccess(request) !== 'public',
    });
    if (!decision.allow) {
      refused.add(request);
      refusalLog.note(() =>
        request.log.warn(
          { method: request.method, url: pathForLog(request), status: decision.status },
          decision.message,
        ),
      );
      return sendError(reply, decision.status, {
        code: decision.status === 401 ? 'unauthorized' : 'forbidden',
        message: decision.message,
      });
    }
    if (decision.role !== undefined) callers.set(request, { role: decision.role });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(bound.headers);
    if (routeAccess(request) !== 'public') reply.header('cache-control', 'no-store');
    return payload;
  });

  // Every request to a route that needs a caller is logged, refused ones too;
  // a static file is not (the UI loads dozens at every start).
  app.addHook('onResponse', async (request, reply) => {
    if (routeAccess(request) === 'public' && reply.statusCode < 400) return;
    // Logged once already, within the refusals' budget.
    if (refused.has(request)) return;
    request.log.info(
      { method: request.method, url: pathForLog(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'api request',
    );
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

  const contextOf = (request: FastifyRequest): RequestContext => {
    const ctx = callers.get(request);
    // Unreachable while the guard runs first; refuse rather than guess a role.
    if (ctx === undefined) throw new Error(`No caller recorded for ${request.method} ${pathForLog(request)}`);
    return ctx;
  };
  for (const name of Object.keys(api) as RouteName[]) registerRoute(app, name, api[name], opts.handlers, contextOf);

  app.register(async (scope) => {
    scope.get(EVENTS_PATH, { websocket: true, config: { access: 'caller' } satisfies RouteConfig }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => sockets.delete(socket));
      opts.onEventsConnect?.((event) => socket.send(JSON.stringify(event)));
      // The UI only listens; anything it sends is ignored.
    });
  });

  if (opts.rendererDir !== undefined && existsSync(opts.rendererDir)) {
    const rendererDir = opts.rendererDir;
    // The UI's files are the only public routes: the page must load before it can present the secret.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config as RouteConfig | undefined), access: 'public' } satisfies RouteConfig;
      });
      await scope.register(fastifyStatic, { root: rendererDir, prefix: '/', index: 'index.html', wildcard: false });
    });
  }

  const port =
    opts.listen === false ? await readyWithoutListening(app, opts.port) : await listenOnLoopback(app, opts.port);
  bound.guard = createGuard(port, { ui: opts.secret, technician: opts.technicianToken });
  bound.headers = securityHeaders(port);

  return {
    app,
    port,
    secret: opts.secret,
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
    },
    async close() {
      for (const s of sockets) s.close(1001, 'service stopping');
      await app.close();
    },
  };
}

/** Binds 127.0.0.1 and returns the port it got (port 0 picks a free one). */
async function listenOnLoopback(app: FastifyInstance, port: number): Promise<number> {
  await app.listen({ host: '127.0.0.1', port });
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

const REFUSALS_LOGGED_PER_MINUTE = 20;

/**
 * Lets through at most `perWindow` log lines a window; of the rest only the
 * number is told, once, with the first line of the next window.
 */
export class LogBudget {
  private windowStart = -Infinity;
  private used = 0;
  private skipped = 0;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly tellSkipped: (skipped: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  note(log: () => void): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      if (this.skipped > 0) this.tellSkipped(this.skipped);
      this.windowStart = t;
      this.used = 0;
      this.skipped = 0;
    }
    if (this.used < this.perWindow) {
      this.used += 1;
      log();
    } else {
      this.skipped += 1;
    }
  }
}

/** The path without its query, for logs: a query could carry what a citizen typed. */
function pathForLog(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

function registerRoute<R extends RouteName>(
  app: FastifyInstance,
  name: R,
  def: Api[R],
  handlers: Handlers,
  contextOf: (request: FastifyRequest) => RequestContext,
): void {
  const handler = handlers[name] as (body: unknown, ctx: RequestContext) => unknown;
  app.route({
    method: def.method,
    url: def.path,
    config: { access: 'caller' } satisfies RouteConfig,
    bodyLimit: def.maxBodyBytes ?? DEFAULT_BODY_LIMIT,
    handler: async (request, reply) => {
      let body: unknown = undefined;
      if (def.method !== 'GET') {
        const parsed = def.body.safeParse(request.body);
        if (!parsed.success) {
          const problems = describeZodError(parsed.error, request.body, 'body');
          return sendError(reply, 400, {
            code: 'bad-request',
            message: `Invalid request body: ${problemsToText(problems)}`,
            problems,
          });
        }
        body = parsed.data;
      }
      const result = await handler(body, contextOf(request));
      return reply.code(200).send(result);
    },
  });
}
