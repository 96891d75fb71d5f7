import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, type RequestBody, type ResponseBody, type RouteName } from '../../common/api/contract';
import { ApiErrorBody } from '../../common/api/errors';
import type { TerminalConfig } from '../../kiosk-config/schema';
import { buildService, type KioskService } from '../build-service';
import { loadConfig } from '../config/load-config';
import type { CallerRole } from '../http/request-guard';
import { createLogger } from '../../server-kit/logger';

/**
 * The whole service built in-process, for route tests: the demo configuration
 * (in-process simulated devices) or a variant of it, a throwaway data
 * directory with a real records.db, the built content release, and requests
 * through `app.inject` past the real guard. No port is bound unless asked
 * (`listen`, for a test that opens the shell's socket); the guard checks
 * Host against the port, which every request here carries.
 */

const ROOT = join(import.meta.dirname, '..', '..');
export const DEMO_CONFIG = join(ROOT, 'kiosk-config', 'demo.json');
/** The content release `npm test` builds before the tests run. */
export const BUILT_RELEASE = join(ROOT, 'dist', 'content', 'content.db');
/** Any port: nothing listens on it, the guard only compares it with Host. */
export const GUARD_PORT = 47_123;

export interface InProcessOptions {
  /** Changes the demo configuration (e.g. a terminal without a printer). */
  config?: (demo: TerminalConfig) => TerminalConfig;
  contentPath?: string;
  /** Kept after stop; by default a fresh directory that stop removes. */
  dataDir?: string;
  /** Whether to open the devices (and start the health push and search warm-up) as `main` does. Default true. */
  start?: boolean;
  /** Listen on a free loopback port (the shell's socket is reached over it); default: `app.inject` only. */
  listen?: boolean;
  /** As if started by a shell that takes screenshots (`--shell-captures`); default not. */
  shellCaptures?: boolean;
  /** How often the heartbeat goes; default the fleet's. */
  heartbeatIntervalMs?: number;
}

/** An answer other than 200: its status and the contract's error body. */
export interface Refusal {
  status: number;
  error: ApiErrorBody['error'];
}

export interface InProcessKiosk {
  service: KioskService;
  dataDir: string;
  /** The UI's per-boot secret, which the shell presents on its socket. */
  secret: string;
  /** The port the guard takes as the service's own (bound only with `listen`). */
  port: number;
  /** Every line the service logged so far, parsed. */
  logs(): Record<string, unknown>[];
  /** Calls a route as the touchscreen does (or as a technician's kioskctl); fails unless it answers 200. */
  ok<R extends RouteName>(route: R, body?: RequestBody<R>, as?: CallerRole): Promise<ResponseBody<R>>;
  /** Calls a route expecting it to refuse; fails if it answers 200. `body` may be anything, to test validation. */
  refused(route: RouteName, body?: unknown, as?: CallerRole): Promise<Refusal>;
  stop(): Promise<void>;
}

export async function startInProcessKiosk(opts: InProcessOptions = {}): Promise<InProcessKiosk> {
  const loaded = loadConfig(DEMO_CONFIG);
  if (!loaded.ok) throw new Error(`${DEMO_CONFIG} does not load`);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-in-process-'));
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (s: string) => void lines.push(s) } });
  const tokens: Record<CallerRole, string> = {
    ui: randomBytes(32).toString('base64url'),
    technician: randomBytes(32).toString('base64url'),
  };
  const service = await buildService({
    config: opts.config?.(loaded.value.config) ?? loaded.value.config,
    configName: loaded.value.name,
    dataDir,
    contentPath: opts.contentPath ?? BUILT_RELEASE,
    rendererDir: undefined,
    logger,
    port: opts.listen === true ? 0 : GUARD_PORT,
    listen: opts.listen === true,
    secret: tokens.ui,
    technicianToken: tokens.technician,
    startedAt: new Date(),
    recentLog: () => lines.join(''),
    shellCaptures: opts.shellCaptures,
    heartbeatIntervalMs: opts.heartbeatIntervalMs,
  });
  if (opts.start !== false) service.start();

  const call = async (route: RouteName, body: unknown, as: CallerRole): Promise<{ status: number; json: unknown }> => {
    const def = api[route];
    const res = await service.server.app.inject({
      method: def.method,
      url: def.path,
      headers: { host: `127.0.0.1:${service.server.port}`, authorization: `Bearer ${tokens[as]}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, json: res.json() };
  };
  return {
    service,
    dataDir,
    secret: tokens.ui,
    port: service.server.port,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    async ok(route, body, as = 'ui') {
      const { status, json } = await call(route, body, as);
      if (status !== 200) throw new Error(`${route} answered ${status}: ${JSON.stringify(json)}`);
      return api[route].response.parse(json) as ResponseBody<typeof route>;
    },
    async refused(route, body, as = 'ui') {
      const { status, json } = await call(route, body, as);
      if (status === 200) throw new Error(`${route} answered 200: ${JSON.stringify(json)}`);
      return { status, error: ApiErrorBody.parse(json).error };
    },
    async stop() {
      await service.stop();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
