import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { prepareSecretBox } from './accounts/secret-box';
import { defaultSealingKeyFile, prepareSealingKey } from './kiosks/sealing-key';
import { defaultPayloadKeysDir } from './storage/payload-keyring';
import { preparePayloadKeyring } from './storage/payload-keys';
import { startHubServer, type HubServer } from './http/hub-server';
import { migrateHub, type MigrationOutcome } from './storage/migrate';
import {
  HubStorageUnavailableError,
  openHubStorage,
  type HubStorage,
  type StorageTarget,
} from './storage/open-storage';
import { prepareDataDir } from '../server-kit/data-dir';
import { createInProcessBus, type LiveBus } from './live/live-bus';
import { startAlertSweep, SWEEP_EVERY_MS } from './fleet/alert-evaluation';
import type { TurnSettings } from './calls/turn-credentials';
import { RETENTION_DEFAULTS } from './config/schema';
import { startRetentionPurge, type Retention } from './storage/retention';
import { configuredRelease, DEFAULT_CONTENT_RELEASE } from './take-away/current-release';
import { defaultTufKeysDir } from './releases/tuf-keys';
import { startTufRenewal } from './releases/tuf-renewal';
import { onlineTufKeys } from './releases/online-keys';
import { contentDirSource } from './content-edits/content-dir-source';
import { DEFAULT_CONTENT_DIR } from './content-source/build-edited-release';
import type { ContentEditing } from './http/content-edit-handlers';

export interface HubSettings {
  storage: StorageTarget;
  dataDir: string;
  host: string;
  port: number;
  publicOrigin: string | undefined;
  trustedProxies: readonly string[];
  tls: { certFile: string; keyFile: string } | undefined;
  /** Default: keys/totp.key in the data directory. */
  totpKeyFile: string | undefined;
  totpIssuer: string;
  /** Default: keys/payloads in the data directory. */
  payloadKeysDir?: string | undefined;
  /** Default: keys/sealing-key.pem in the data directory. */
  sealingKeyFile?: string | undefined;
  /** The TUF repository's online keys (snapshot, timestamp, releases); default: keys/tuf in the data directory. */
  tufKeysDir?: string | undefined;
  /** How this instance hears the others' events; default the in-process bus (a hub of one). */
  openBus?: (logger: Logger) => Promise<LiveBus>;
  /** The web console's built files, served at `/`; default dist/hub-console of this checkout. None served when missing. */
  consoleDir?: string | undefined;
  /** coturn's REST credentials for video calls (the secret read already); undefined: calls are peer to peer only. */
  turn?: TurnSettings | undefined;
  /** How long submissions are kept (hub/storage/retention.ts); default RETENTION_DEFAULTS. */
  retention?: Retention | undefined;
  /** The content release (content.db) the take-away pages read; default dist/content/content.db of this checkout, when present. */
  contentRelease?: string | undefined;
  /** The content folder edited content is built from (hub/content-source/); default the repository's content/ beside the hub's code. */
  contentDir?: string | undefined;
}

export interface RunningHub {
  server: HubServer;
  storage: HubStorage;
  migration: MigrationOutcome;
  bus: LiveBus;
  stop(): Promise<void>;
}

/** Where `npm run build` puts the web console (scripts/lib/paths.ts), from this file's place in the checkout. */
export const DEFAULT_CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'hub-console');

/** Where the TOTP key lives unless the configuration says otherwise. */
export const defaultTotpKeyFile = (dataDir: string): string => join(dataDir, 'keys', 'totp.key');

/**
 * Content editing as this hub runs it: built from the content folder in
 * `<data>/content-builds`, published with the online keys handed to the
 * handlers (`tufKeys`, the releases key among them) — a hub without the
 * releases key still starts, and an approval then fails naming
 * `hubctl tuf delegate`.
 */
function contentEditingOf(settings: HubSettings, logger: Logger): ContentEditing {
  const workDir = join(settings.dataDir, 'content-builds');
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  return {
    source: contentDirSource({
      contentDir: settings.contentDir ?? DEFAULT_CONTENT_DIR,
      workDir,
      log: (line) => logger.info(line),
    }),
  };
}

/**
 * Opens the hub's storage (making hub.db on the first start), brings its
 * schema to this software's version (a newer one is refused, naming both),
 * checks the TOTP key against the database and the payload keys against
 * the rows sealed with them, and starts serving. Anything
 * that fails here fails the start, with what is wrong in the error.
 */
export async function startHub(
  settings: HubSettings,
  opts: { logger: Logger; now?: () => Date; listen?: boolean; alertSweepEveryMs?: number; tufRenewEveryMs?: number },
): Promise<RunningHub> {
  const now = opts.now ?? (() => new Date());
  // The keys live here whatever the engine; hub.db too on SQLite.
  const dir = prepareDataDir(settings.dataDir);
  if (!dir.ok) throw new HubStorageUnavailableError(dir.error.detail);
  const storage = await openHubStorage(settings.storage, { create: true });
  let bus: LiveBus | undefined;
  try {
    const migration = await migrateHub(storage, { actor: 'system', now });
    const totpBox = await prepareSecretBox(
      storage.db,
      'totp',
      settings.totpKeyFile ?? defaultTotpKeyFile(settings.dataDir),
      now(),
    );
    const payloads = await preparePayloadKeyring(
      storage.db,
      settings.payloadKeysDir ?? defaultPayloadKeysDir(settings.dataDir),
      now,
    );
    const sealing = await prepareSealingKey(
      storage.db,
      settings.sealingKeyFile ?? defaultSealingKeyFile(settings.dataDir),
      now(),
    );
    bus = await (settings.openBus ?? (() => Promise.resolve(createInProcessBus())))(opts.logger);
    const contentRelease = configuredRelease(settings.contentRelease);
    // Not a reason to refuse to start (the console and the kiosks need none), but an operator should hear of it.
    if (contentRelease() === undefined)
      opts.logger.warn(
        { contentRelease: settings.contentRelease ?? DEFAULT_CONTENT_RELEASE },
        'no content release: the take-away pages answer that content is unavailable',
      );
    const tufKeysDir = settings.tufKeysDir ?? defaultTufKeysDir(settings.dataDir);
    const tls =
      settings.tls === undefined
        ? undefined
        : { cert: readFileSync(settings.tls.certFile), key: readFileSync(settings.tls.keyFile) };
    const server = await startHubServer({
      logger: opts.logger,
      db: storage.db,
      now,
      host: settings.host,
      port: settings.port,
      listen: opts.listen,
      publicOrigin: settings.publicOrigin,
      trustedProxies: settings.trustedProxies,
      tls,
      totpBox,
      totpIssuer: settings.totpIssuer,
      payloads,
      sealing,
      tufKeys: onlineTufKeys(tufKeysDir),
      bus,
      consoleDir: settings.consoleDir ?? DEFAULT_CONSOLE_DIR,
      turn: settings.turn,
      contentRelease,
      contentEditing: contentEditingOf(settings, opts.logger),
    });
    const openedBus = bus;
    // Every instance sweeps: the sweep's writes are conditional, so two at once do the work once.
    const sweep = startAlertSweep({
      db: storage.db,
      now,
      bus,
      logger: opts.logger,
      everyMs: opts.alertSweepEveryMs ?? SWEEP_EVERY_MS,
    });
    // Every instance purges too: a row two delete at once is deleted once.
    const purge = startRetentionPurge({
      db: storage.db,
      now,
      retention: settings.retention ?? RETENTION_DEFAULTS,
      logger: opts.logger,
    });
    // Every instance renews the timestamp: the database stores one of each version.
    const tuf = startTufRenewal({
      db: storage.db,
      keysDir: tufKeysDir,
      now,
      logger: opts.logger,
      ...(opts.tufRenewEveryMs === undefined ? {} : { everyMs: opts.tufRenewEveryMs }),
    });
    return {
      server,
      storage,
      migration,
      bus: openedBus,
      async stop() {
        await tuf.stop();
        await purge.stop();
        await sweep.stop();
        await server.close();
        await openedBus.close();
        await storage.close();
      },
    };
  } catch (error) {
    await bus?.close();
    await storage.close();
    throw error;
  }
}
