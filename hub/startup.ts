import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_USAGE, fail } from '../server-kit/cli/exit-codes';
import { formatConfigReport } from '../server-kit/config/json-config';
import { loadHubConfig } from './config/load-hub-config';
import { resolveHubDataDir } from './data-dir';
import type { HubSettings } from './start-hub';
import { openRedisBus, RedisBusError, redisClientOptions } from './live/redis-bus';
import { StorageConfigError, storageTarget } from './storage/open-storage';
import { TurnSecretError, turnSettings } from './calls/turn-settings';

/** Exit codes a supervisor acts on: 2 and 3 mean "fix something first", so do not restart. */
export const EXIT_BAD_CONFIG = 2;
/** The database or the key cannot be used as they are: newer than this software, or another key. */
export const EXIT_STORAGE_REFUSED = 3;

/** The configuration `npm run hub` starts with when none is named: loopback only, for a first look. */
export const LOCAL_CONFIG = join(import.meta.dirname, 'config', 'local.json');

const USAGE = 'usage: hub [--config FILE] [--data-dir DIR] [--port N]';

export interface HubStartup {
  configPath: string;
  settings: HubSettings;
}

/**
 * What the hub starts with, from its flags, environment and configuration
 * file (flags win over HUB_CONFIG, HUB_DATA_DIR, HUB_PORT, which win over
 * the file; HUB_DATABASE_URL and HUB_REDIS_URL name the servers a hub of
 * several instances shares). A wrong flag or a configuration with problems ends the
 * process here, saying everything that is wrong, before anything is opened; so
 * does a TURN secret file that is missing, open to others or not a secret.
 */
export function readHubStartup(argv: readonly string[], env: NodeJS.ProcessEnv): HubStartup {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, EXIT_USAGE);
  }
  const configPath = values.config ?? (env['HUB_CONFIG'] || LOCAL_CONFIG);
  const loaded = loadHubConfig(configPath);
  if (!loaded.ok)
    fail(
      `${formatConfigReport(loaded.error)}\nThe hub will not start until the configuration is fixed.`,
      EXIT_BAD_CONFIG,
    );
  const { config } = loaded.value;

  const portText = values.port ?? env['HUB_PORT'];
  let port = config.listen.port;
  if (portText !== undefined && portText !== '') {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535)
      fail(`--port: expected a number 0–65535, got "${portText}"`, EXIT_USAGE);
  }
  const dataDir =
    values['data-dir'] !== undefined || (env['HUB_DATA_DIR'] ?? '') !== ''
      ? resolveHubDataDir(values['data-dir'], env)
      : (loaded.value.dataDir ?? resolveHubDataDir(undefined, {}));
  let storage;
  try {
    storage = storageTarget(dataDir, env);
  } catch (error) {
    if (error instanceof StorageConfigError) fail(error.message, EXIT_BAD_CONFIG);
    throw error;
  }
  // Live events across instances: through Redis when HUB_REDIS_URL names one, else in this process.
  const redisUrl = env['HUB_REDIS_URL'] ?? '';
  if (redisUrl !== '') {
    try {
      redisClientOptions(redisUrl);
    } catch (error) {
      if (error instanceof RedisBusError) fail(error.message, EXIT_BAD_CONFIG);
      throw error;
    }
  }
  let turn;
  try {
    turn = loaded.value.turn === undefined ? undefined : turnSettings(loaded.value.turn);
  } catch (error) {
    if (error instanceof TurnSecretError) fail(`turn.secretFile: ${error.message}`, EXIT_BAD_CONFIG);
    throw error;
  }
  return {
    configPath,
    settings: {
      storage,
      dataDir,
      host: config.listen.host,
      port,
      publicOrigin: config.publicOrigin,
      trustedProxies: config.trustedProxies,
      tls: loaded.value.tls,
      totpKeyFile: loaded.value.totpKeyFile,
      payloadKeysDir: loaded.value.payloadKeysDir,
      sealingKeyFile: loaded.value.sealingKeyFile,
      totpIssuer: config.totpIssuer,
      openBus: redisUrl === '' ? undefined : (logger) => openRedisBus(redisUrl, { logger }),
      turn,
      retention: config.retention,
      contentRelease: loaded.value.contentRelease,
      contentDir: loaded.value.contentDir,
    },
  };
}
