import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Check } from '../../server-kit/cli/checks';
import { sqliteFiles } from '../../server-kit/sqlite/files';
import { HUB_SCHEMA_VERSION, schemaVersion } from '../storage/migrate';
import { openHubStorage, type HubStorage, type StorageTarget } from '../storage/open-storage';
import { maskRedisUrl, RedisBusError, redisClientOptions } from '../live/redis-bus';
import { storageErrorMessage } from './cli-storage';
import { tufRepositoryCheck } from '../releases/tuf-standing';

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const octal = (mode: number): string => `0${mode.toString(8)}`;

/**
 * Owner-only is what the hub sets on its data directory (0700) and on hub.db
 * and its -wal and -shm (0600). Checked before the database is opened:
 * opening sets them back, and the report must say what was found.
 */
function fileModesCheck(target: StorageTarget): Check {
  if (target.engine === 'postgres')
    return { name: 'file modes', status: 'pass', detail: 'not applicable: the records are on the PostgreSQL server' };
  const dir = dirname(target.file);
  if (!existsSync(dir))
    return { name: 'file modes', status: 'pass', detail: `nothing to check: ${dir} does not exist` };
  const open: string[] = [];
  if ((modeOf(dir) & 0o077) !== 0) open.push(`${dir} is ${octal(modeOf(dir))} (should be 0700)`);
  for (const f of sqliteFiles(target.file)) {
    if (existsSync(f) && (modeOf(f) & 0o077) !== 0) open.push(`${f} is ${octal(modeOf(f))} (should be 0600)`);
  }
  if (open.length === 0)
    return { name: 'file modes', status: 'pass', detail: `${dir} and hub.db are readable by their owner only` };
  return {
    name: 'file modes',
    status: 'fail',
    detail: `open to other users of this machine:\n${open.join('\n')}\nhubctl and the hub set them back to owner-only whenever they open the database; find out who changed them`,
  };
}

async function databaseCheck(storage: HubStorage): Promise<Check> {
  if (storage.engine === 'sqlite') {
    const { rows } = await sql<{ quick_check: string }>`PRAGMA quick_check`.execute(storage.db);
    const problems = rows.map((r) => Object.values(r)[0]);
    if (problems.length !== 1 || problems[0] !== 'ok')
      return {
        name: 'database',
        status: 'fail',
        detail: `${storage.where} is damaged: ${problems.slice(0, 3).join('; ')}`,
      };
    return { name: 'database', status: 'pass', detail: `${storage.where} opens and passes SQLite's quick_check` };
  }
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(storage.db);
  return {
    name: 'database',
    status: 'pass',
    detail: `${storage.where} answers (server ${rows[0]?.server_version ?? '?'})`,
  };
}

async function schemaCheck(storage: HubStorage): Promise<Check> {
  const found = await schemaVersion(storage.db);
  if (found === HUB_SCHEMA_VERSION)
    return { name: 'schema', status: 'pass', detail: `version ${found}, the version this hub software uses` };
  if (found > HUB_SCHEMA_VERSION)
    return {
      name: 'schema',
      status: 'fail',
      detail: `version ${found}, newer than this hub software (${HUB_SCHEMA_VERSION}): install a newer hub release`,
    };
  return {
    name: 'schema',
    status: 'fail',
    detail: `version ${found}, older than this hub software (${HUB_SCHEMA_VERSION}): run \`npm run hubctl -- migrate\``,
  };
}

/**
 * Whether the Redis server HUB_REDIS_URL names answers: a hub told to use
 * one refuses to start without it, so this is the first thing to ask when
 * an instance will not come up.
 */
export async function redisCheck(url: string | undefined): Promise<Check> {
  if (url === undefined || url === '')
    return {
      name: 'redis',
      status: 'pass',
      detail: 'not used: HUB_REDIS_URL is unset, live events stay in one instance',
    };
  const where = maskRedisUrl(url);
  let target;
  try {
    target = redisClientOptions(url);
  } catch (error) {
    if (error instanceof RedisBusError) return { name: 'redis', status: 'fail', detail: error.message };
    throw error;
  }
  // Loaded here, not at the top: hubctl's other commands never need the Redis client.
  const { createClient } = await import('redis');
  const client = createClient({
    ...('url' in target ? { url: target.url } : {}),
    socket: {
      ...('socket' in target ? { path: target.socket.path } : {}),
      connectTimeout: 5_000,
      // One attempt: a doctor reports, it does not wait for the server to come back.
      reconnectStrategy: false,
    },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? '?';
    return { name: 'redis', status: 'pass', detail: `Redis at ${where} answers (server ${version})` };
  } catch (error) {
    return { name: 'redis', status: 'fail', detail: `Redis at ${where} does not answer: ${(error as Error).message}` };
  } finally {
    client.destroy();
  }
}

/** The checks for a hub whose storage misbehaves: where the records are, whether they open, their schema, their modes; and whether its TUF repository is within its dates. */
export async function runHubDoctor(target: StorageTarget): Promise<Check[]> {
  const checks: Check[] = [
    {
      name: 'storage',
      status: 'pass',
      detail: target.engine === 'sqlite' ? `embedded SQLite, ${target.where}` : target.where,
    },
    fileModesCheck(target),
  ];
  let storage: HubStorage;
  try {
    storage = await openHubStorage(target, { create: false });
  } catch (error) {
    const detail = storageErrorMessage(error) ?? (error as Error).message;
    checks.push({ name: 'database', status: 'fail', detail });
    return checks;
  }
  try {
    checks.push(await databaseCheck(storage));
    const schema = await schemaCheck(storage);
    checks.push(schema);
    if (schema.status === 'pass') checks.push(await tufRepositoryCheck(storage.db, new Date()));
  } catch (error) {
    checks.push({ name: 'database', status: 'fail', detail: (error as Error).message });
  } finally {
    await storage.close();
  }
  return checks;
}
