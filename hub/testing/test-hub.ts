import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, afterEach } from 'vitest';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import type { UserRole } from '../../common/hub/accounts';
import { createLogger } from '../../server-kit/logger';
import { hashPassword } from '../accounts/passwords';
import { prepareSecretBox } from '../accounts/secret-box';
import { totpCode } from '../accounts/totp';
import { startHubServer, type HubServer } from '../http/hub-server';
import type { TurnSettings } from '../calls/turn-credentials';
import { createInProcessBus, type LiveBus, type LiveEvent } from '../live/live-bus';
import { defaultTotpKeyFile } from '../start-hub';
import { defaultSealingKeyFile, prepareSealingKey } from '../kiosks/sealing-key';
import { defaultPayloadKeysDir } from '../storage/payload-keyring';
import { preparePayloadKeyring } from '../storage/payload-keys';
import { addUser, type UserSummary } from '../storage/users';
import type { KioskStatus, StorageEngine } from '../storage/schema';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { useTestStorage, type TestStorage } from './test-storage';
import { configuredRelease } from '../take-away/current-release';
import type { ContentEditing } from '../http/content-edit-handlers';
import { testContentEditing } from './test-content-editing';

/**
 * A hub over a test's storage (each engine, as useTestStorage), answering
 * `app.inject` only, with a clock the test moves and a logger whose every
 * line is kept, to look for secrets in.
 */

export const ORIGIN = 'http://127.0.0.1:8740';
export const T0 = new Date('2026-03-02T01:00:00Z');

/** Passwords by role; each policy-valid and different. */
export const PASSWORDS: Record<UserRole, string> = {
  administrator: 'Guan-li-yuan-2026!',
  'regional-administrator': 'Qu-yu-guan-li-2026!',
  lawyer: 'Lv-shi-zhi-ban-2026!',
  'case-officer': 'Cheng-ban-ren-2026!',
};

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** The session token to send in the cookie. */
  token?: string | undefined;
  /** The Origin to send; default the hub's own on POST, none on GET (as a browser does). */
  origin?: string | null;
  /** Leave out X-Hub-Request. */
  noHubHeader?: boolean;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export interface TestKiosk {
  id: number;
  privateKey: KeyObject;
  publicKey: string;
}

export interface TestHub {
  readonly storage: TestStorage;
  readonly server: HubServer;
  /** The hub's live bus: a second instance started on it hears what this one publishes, and the reverse. */
  readonly bus: LiveBus;
  /** A second hub instance on the same storage and clock, listening (stopped after the test), on the same bus or (with `openBus`) a bus of its own. */
  startOtherInstance(): Promise<HubServer>;
  /** Every log line the hub wrote in this test. */
  readonly logs: string[];
  /** Every event the hub published in this test, in order. */
  readonly events: LiveEvent[];
  /** The hub's clock. */
  now(): Date;
  advance(ms: number): void;
  call(c: Call): Promise<LightMyRequestResponse>;
  /** An account with the role's password from PASSWORDS. */
  addAccount(login: string, role: UserRole, regionCode?: string | null): Promise<UserSummary>;
  /** Signs in through the API and answers the session token (from Set-Cookie) and the answer. */
  signIn(login: string, password: string, totpCode?: string): Promise<{ token: string | undefined; body: unknown }>;
  /** A kiosk in the database with a key pair of its own, in the standing asked (the routes that make one are tested in kiosks.test.ts). */
  addKiosk(status: KioskStatus, opts?: { terminalId?: string; regionCode?: string }): Promise<TestKiosk>;
  /** A kiosk's request, signed with `as`'s key (default the kiosk's own) at the hub's time unless told. */
  kioskCall(
    kiosk: TestKiosk,
    c: { method: 'GET' | 'POST'; path: string; body?: unknown },
    opts?: { as?: TestKiosk; time?: number; nonce?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Signs in an account needing TOTP and sets it up through the API; answers its secret and a full session's token. */
  setUpTotp(login: string, password: string): Promise<{ secret: string; token: string }>;
}

const passwordHashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  let hash = passwordHashes.get(password);
  if (hash === undefined) passwordHashes.set(password, (hash = hashPassword(password)));
  return hash;
};

export function sessionTokenFrom(res: LightMyRequestResponse): string | undefined {
  const header = res.headers['set-cookie'];
  const cookie = Array.isArray(header) ? header[0] : header;
  const value = /^(?:__Host-)?hub-session=([^;]*)/.exec(cookie ?? '')?.[1];
  return value === undefined || value === '' ? undefined : value;
}

export function useTestHub(
  engine: StorageEngine,
  opts: {
    publicOrigin?: string;
    trustedProxies?: string[];
    /** Listen on a free port of 127.0.0.1 too (for WebSockets): `server.port` says which. */
    listen?: boolean;
    sessionCheckMs?: number;
    /**
     * How often the call desk sweeps by itself; by default never within a
     * test (an hour): tests move the clock and sweep with `server.calls.tick()`.
     */
    callTickMs?: number;
    /** How often a new TUF timestamp is looked for (kiosks nudged); default the hub's. */
    tufWatchMs?: number;
    /** Each instance opens its own bus with this (Redis); default one in-process bus shared by all. */
    openBus?: () => Promise<LiveBus>;
    /** TURN for calls; default none. */
    turn?: TurnSettings;
    /**
     * The hub's keys as a real hub has them (start-hub.ts): payloads encrypted
     * at rest and a sealing key for kiosks, made in the test's data directory.
     * Default none: payloads stored as they are, no sealing key given out.
     */
    keys?: boolean;
    /** The content release the take-away pages read; default the checkout's build (dist/content/content.db). */
    contentRelease?: string;
    /** Content editing, made per test; default over the checkout's content/ folder, with no key to publish with. */
    contentEditing?: () => ContentEditing;
  } = {},
): TestHub {
  const storage = useTestStorage(engine);
  let server: HubServer | undefined;
  let bus: LiveBus | undefined;
  const others: HubServer[] = [];
  const ownBuses: LiveBus[] = [];
  const openBus = async (): Promise<LiveBus> => {
    if (opts.openBus === undefined) return createInProcessBus();
    const opened = await opts.openBus();
    ownBuses.push(opened);
    return opened;
  };
  let clock = T0;
  const logs: string[] = [];
  const events: LiveEvent[] = [];

  beforeEach(async () => {
    clock = T0;
    logs.length = 0;
    events.length = 0;
    bus = await openBus();
    bus.subscribe((event) => events.push(event));
    server = await startInstance(opts.listen === true, bus);
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await server?.close();
    server = undefined;
    for (const opened of ownBuses.splice(0)) await opened.close();
  });

  /** A hub server over the test's storage, clock and bus; listening on a free port, or answering `inject` only. */
  async function startInstance(listen: boolean, instanceBus: LiveBus): Promise<HubServer> {
    const db = storage.storage.db;
    return startHubServer({
      logger: createLogger({
        service: 'hub',
        level: 'debug',
        destination: { write: (s: string) => void logs.push(s) },
      }),
      db,
      now: () => clock,
      host: '127.0.0.1',
      port: listen ? 0 : 8740,
      listen,
      ...(opts.sessionCheckMs === undefined ? {} : { sessionCheckMs: opts.sessionCheckMs }),
      publicOrigin: opts.publicOrigin ?? ORIGIN,
      trustedProxies: opts.trustedProxies ?? [],
      totpBox: await prepareSecretBox(db, 'totp', defaultTotpKeyFile(storage.dataDir), T0),
      totpIssuer: '无人律所',
      bus: instanceBus,
      callTickMs: opts.callTickMs ?? 3_600_000,
      ...(opts.tufWatchMs === undefined ? {} : { tufWatchMs: opts.tufWatchMs }),
      turn: opts.turn,
      // The checkout's build, as `npm test` makes it before the tests: opened only when a page is asked for.
      contentRelease: configuredRelease(opts.contentRelease),
      contentEditing: (opts.contentEditing ?? (() => testContentEditing(storage.dataDir)))(),
      ...(opts.keys === true
        ? {
            payloads: await preparePayloadKeyring(db, defaultPayloadKeysDir(storage.dataDir), () => T0),
            sealing: await prepareSealingKey(db, defaultSealingKeyFile(storage.dataDir), T0),
          }
        : {}),
    });
  }

  const call = (c: Call) => {
    const headers: Record<string, string> = { ...c.headers };
    if (c.noHubHeader !== true) headers[HUB_REQUEST_HEADER] = '1';
    const origin = c.origin === undefined ? (c.method === 'POST' ? (opts.publicOrigin ?? ORIGIN) : null) : c.origin;
    if (origin !== null) headers['origin'] = origin;
    if (c.token !== undefined) {
      const secure = opts.publicOrigin?.startsWith('https:') === true;
      headers['cookie'] = `${secure ? '__Host-' : ''}hub-session=${c.token}`;
    }
    return server!.app.inject({
      method: c.method,
      url: c.path,
      headers,
      ...(c.remoteAddress === undefined ? {} : { remoteAddress: c.remoteAddress }),
      ...(c.method === 'POST' ? { payload: (c.body ?? {}) as object } : {}),
    });
  };

  const hub: TestHub = {
    storage,
    get server() {
      if (server === undefined) throw new Error('useTestHub: no test is under way');
      return server;
    },
    async startOtherInstance() {
      const other = await startInstance(true, opts.openBus === undefined ? bus! : await openBus());
      others.push(other);
      return other;
    },
    get bus() {
      if (bus === undefined) throw new Error('useTestHub: no test is under way');
      return bus;
    },
    logs,
    events,
    now: () => clock,
    advance(ms) {
      clock = new Date(clock.getTime() + ms);
    },
    call,
    async addAccount(login, role, regionCode = null) {
      return addUser(
        storage.storage.db,
        { login, role, regionCode, displayName: null, passwordHash: await hashOf(PASSWORDS[role]) },
        'hubctl',
        clock,
      );
    },
    async addKiosk(status, opts = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const publicKeyText = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      const at = clock.toISOString();
      const row = await storage.storage.db
        .insertInto('kiosks')
        .values({
          terminal_id: opts.terminalId ?? `T-${publicKeyText.slice(20, 28).replace(/[^A-Za-z0-9]/g, 'x')}`,
          display_name: '测试终端',
          region_code: opts.regionCode ?? '420111',
          site: null,
          public_key: publicKeyText,
          status,
          enrolled_at: at,
          approved_at: status === 'pending' ? null : at,
          revoked_at: status === 'revoked' ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, privateKey, publicKey: publicKeyText };
    },
    kioskCall(kiosk, c, opts = {}) {
      const body = c.method === 'POST' ? JSON.stringify(c.body ?? {}) : '';
      const signed = signRequest((opts.as ?? kiosk).privateKey, {
        method: c.method,
        path: c.path.split('?')[0]!,
        kioskId: kiosk.id,
        time: opts.time ?? clock.getTime(),
        body,
        ...(opts.nonce === undefined ? {} : { nonce: opts.nonce }),
      });
      return server!.app.inject({
        method: c.method,
        url: c.path,
        headers: {
          [HUB_REQUEST_HEADER]: '1',
          ...signed,
          ...(c.method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        ...(c.method === 'POST' ? { payload: body } : {}),
      });
    },
    async signIn(login, password, code) {
      const res = await call({
        method: 'POST',
        path: '/api/session/sign-in',
        body: { login, password, ...(code === undefined ? {} : { totpCode: code }) },
      });
      return { token: sessionTokenFrom(res), body: res.json() };
    },
    async setUpTotp(login, password) {
      const { token } = await hub.signIn(login, password);
      const start = await call({ method: 'POST', path: '/api/session/totp/start', token });
      const { secret } = start.json<{ secret: string }>();
      const confirmed = await call({
        method: 'POST',
        path: '/api/session/totp/confirm',
        token,
        body: { code: totpCode(secret, clock) },
      });
      if (confirmed.json<{ outcome: string }>().outcome !== 'confirmed')
        throw new Error(`TOTP set-up failed: ${confirmed.body}`);
      // The code of this step is spent; the next sign-in needs the next one.
      hub.advance(30_000);
      return { secret, token: token! };
    },
  };
  return hub;
}
