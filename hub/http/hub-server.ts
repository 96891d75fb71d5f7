import type { Logger } from 'pino';
import { hubApi } from '../../common/hub/api/contract';
import { startServer, type ContractServer } from '../../server-kit/http/server';
import type { SecretBox } from '../accounts/secret-box';
import type { LiveBus } from '../live/live-bus';
import { HeartbeatCommitter } from '../fleet/heartbeat-committer';
import { createLiveSockets } from '../live/live-sockets';
import { createCallDesk, type CallDesk } from '../calls/call-desk';
import type { TurnSettings } from '../calls/turn-credentials';
import type { HubDb } from '../storage/schema';
import type { PayloadVault } from '../storage/submission-payloads';
import type { HubSealingKey } from '../kiosks/sealing-key';
import type { OnlineTufKeys } from '../releases/online-keys';
import { HSTS, requestIsSecure, TrustedProxies } from './forwarded';
import { createHubHandlers } from './hub-handlers';
import type { ContentEditing } from './content-edit-handlers';
import { createHubGuard } from './hub-guard';
import type { CurrentRelease } from '../take-away/current-release';
import { createTakeAwayPages } from '../take-away/take-away-pages';
import { watchTufTimestamp } from '../releases/tuf-timestamp-watch';
import { tufFileRoutes } from '../releases/tuf-files';

export interface HubServerOptions {
  logger: Logger;
  db: HubDb;
  /** The hub's clock: injected in tests (idle timeouts, TOTP steps). */
  now: () => Date;
  host: string;
  /** 0 picks a free one. */
  port: number;
  /** false: nothing is bound, the app answers `app.inject` only (route tests); `port` is then the one the origin names. */
  listen?: boolean;
  /** The origin browsers reach the hub at; undefined: http://HOST:PORT of the address listened on. */
  publicOrigin: string | undefined;
  trustedProxies: readonly string[];
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
  totpBox: SecretBox;
  totpIssuer: string;
  /** How submissions' payloads are kept at rest: the hub's payload keyring (start-hub.ts); tests of other parts may leave it out. */
  payloads?: PayloadVault;
  /** The key kiosks seal waiting payloads to (start-hub.ts); tests of other parts may leave it out. */
  sealing?: HubSealingKey;
  /** The online TUF keys the hub publishes approved content with (start-hub.ts); tests of other parts may leave them out. */
  tufKeys?: OnlineTufKeys;
  /** Where this instance publishes what changed, and hears the other instances. */
  bus: LiveBus;
  /** How often the live consoles' sessions are looked up again (idle, disabled); default a minute. */
  sessionCheckMs?: number;
  /** The web console's built files, served at `/` (none when undefined or missing). */
  consoleDir?: string | undefined;
  /** coturn's REST credentials for calls; undefined: no TURN (peer to peer on the local network only). */
  turn?: TurnSettings | undefined;
  /** How often the call desk sweeps (default CALL_TICK_MS). */
  callTickMs?: number;
  /** Which content release the take-away pages read (hub/take-away/current-release.ts); none: they say content is unavailable. */
  contentRelease?: CurrentRelease | undefined;
  /** How often a new TUF timestamp is looked for, to nudge kiosks (default TUF_WATCH_EVERY_MS). */
  tufWatchMs?: number;
  /** Content editing's source and publisher (start-hub.ts); none: its routes answer 503. */
  contentEditing?: ContentEditing | undefined;
}

export interface HubServer extends ContractServer<never> {
  /** The origin the hub answers for, with the port it got. */
  origin: string;
  /** This instance's call desk (tests sweep it by hand). */
  calls: CallDesk;
}

/** Where a hub listening on `host:port` is reached when no public origin is configured. */
function originOf(host: string, port: number, tls: boolean): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${name}:${port}`;
}

/**
 * The hub's HTTP server over its contract, behind its guard (origin, the
 * custom header, sessions, each route's access), with HSTS on every answer
 * that came over TLS, its live sockets (hub/live/live-sockets.ts), and the
 * public files of its TUF repository (hub/releases/tuf-files.ts).
 */
export async function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const proxies = new TrustedProxies(opts.trustedProxies);
  let origin = opts.publicOrigin ?? '';
  const heartbeats = new HeartbeatCommitter(opts.db);
  const calls = createCallDesk({
    db: opts.db,
    now: opts.now,
    bus: opts.bus,
    logger: opts.logger,
    turn: opts.turn,
    ...(opts.callTickMs === undefined ? {} : { tickMs: opts.callTickMs }),
  });
  const live = createLiveSockets({
    calls,
    db: opts.db,
    heartbeats,
    now: opts.now,
    bus: opts.bus,
    logger: opts.logger,
    ...(opts.sessionCheckMs === undefined ? {} : { sessionCheckMs: opts.sessionCheckMs }),
  });
  const tufWatch = watchTufTimestamp({
    db: opts.db,
    logger: opts.logger,
    onNewer: (timestampVersion) => void live.toKiosks(timestampVersion),
    ...(opts.tufWatchMs === undefined ? {} : { everyMs: opts.tufWatchMs }),
  });
  const takeAway = createTakeAwayPages({ release: opts.contentRelease ?? (() => undefined), logger: opts.logger });
  const server = await startServer({
    logger: opts.logger,
    contract: hubApi,
    handlers: createHubHandlers({
      db: opts.db,
      now: opts.now,
      totpBox: opts.totpBox,
      totpIssuer: opts.totpIssuer,
      ...(opts.payloads === undefined ? {} : { payloads: opts.payloads }),
      ...(opts.sealing === undefined ? {} : { sealing: opts.sealing }),
      ...(opts.tufKeys === undefined ? {} : { tufKeys: opts.tufKeys }),
      logger: opts.logger,
      bus: opts.bus,
      heartbeats,
      contentEditing: opts.contentEditing,
    }),
    guard: (port) => {
      origin = opts.publicOrigin ?? originOf(opts.host, port, opts.tls !== undefined);
      return createHubGuard({ db: opts.db, now: opts.now, publicOrigin: origin, proxies });
    },
    port: opts.port,
    listen: opts.listen,
    host: opts.host,
    headersFor: (request): Record<string, string> =>
      requestIsSecure(request, proxies) ? { 'strict-transport-security': HSTS } : {},
    tls: opts.tls,
    sockets: live.sockets,
    staticDir: opts.consoleDir,
    pages: takeAway.pages,
    files: tufFileRoutes(opts.db),
    // Ant Design makes its styles at run time, in <style> elements with the page's nonce.
    pageStyleNonce: true,
  }).catch(async (error: unknown) => {
    takeAway.close();
    tufWatch.close();
    live.close();
    await calls.close();
    throw error;
  });
  return {
    ...server,
    origin,
    calls,
    async close() {
      tufWatch.close();
      live.close();
      await calls.close();
      await server.close();
      takeAway.close();
    },
  };
}
