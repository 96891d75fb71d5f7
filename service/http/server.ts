import type { Logger } from 'pino';
import { api, EVENTS_PATH, type Api } from '../../common/api/contract';
import { EVENTS_PROTOCOL, type ServiceEvent } from '../../common/api/events';
import type { Handlers as ContractHandlers } from '../../server-kit/http/handlers';
import { startServer, type ContractServer, type MessageSocket } from '../../server-kit/http/server';
import { SHELL_MESSAGE_MAX_BYTES } from '../../common/api/shell-socket';
import { createGuard, ownHosts, ownOrigins, type RequestContext } from './request-guard';

/** One handler per route of the kiosk's contract; a missing one is a compile error. */
export type Handlers = ContractHandlers<Api, RequestContext>;

export interface ServerOptions {
  logger: Logger;
  handlers: Handlers;
  /** Built renderer (index.html and assets); served at `/` when present. */
  rendererDir: string | undefined;
  /** Called for each UI that connects to the event socket, with a sender for that UI only. */
  onEventsConnect?: (send: (event: ServiceEvent) => void) => void;
  /** Largest request body accepted on a route that does not name its own, in bytes. */
  bodyLimit?: number;
  /** Sockets whose clients send messages too: the shell's (service/shell/shell-capture.ts). */
  sockets?: readonly MessageSocket<RequestContext>[];
}

export interface KioskServer extends ContractServer<ServiceEvent> {
  secret: string;
}

/**
 * The local service's HTTP + WebSocket server over the kiosk's contract,
 * bound to 127.0.0.1 only, behind the per-boot secret's guard, which takes
 * the port it listens on (known once listening) for its own Host and Origin.
 *
 * With `listen: false` nothing is bound: the app answers `app.inject` only
 * (route tests in-process), and the guard takes `port` as its own, so a test
 * sends `Host: 127.0.0.1:<port>` and meets the same guard as a real caller.
 */
export async function startKioskServer(
  opts: ServerOptions & { port: number; secret: string; technicianToken: string; listen?: boolean },
): Promise<KioskServer> {
  const server = await startServer({
    logger: opts.logger,
    contract: api,
    handlers: opts.handlers,
    guard: (port) => createGuard(port, { ui: opts.secret, technician: opts.technicianToken }),
    port: opts.port,
    listen: opts.listen,
    host: '127.0.0.1',
    connectSources: (port) => ownHosts(port).map((h) => `ws://${h}`),
    // The UI's files are the only public routes: the page must load before it can present the secret.
    staticDir: opts.rendererDir,
    events: {
      path: EVENTS_PATH,
      protocol: EVENTS_PROTOCOL,
      // The guard has refused a foreign Origin already; a client with no Origin (not a browser) has the secret.
      allowOrigin: (origin, port) => origin === undefined || ownOrigins(port).has(origin.toLowerCase()),
      onConnect: opts.onEventsConnect,
    },
    sockets: opts.sockets,
    // The shell's answer carries a screenshot.
    maxSocketPayload: SHELL_MESSAGE_MAX_BYTES,
    bodyLimit: opts.bodyLimit,
  });
  return { ...server, secret: opts.secret };
}
