import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { makeDurable, restrictSqliteModes } from '../../server-kit/sqlite/files';
import { prepareDataDir } from '../../server-kit/data-dir';
import type { HubDatabase, HubDb, StorageEngine } from './schema';

/** The embedded database's file in the hub's data directory. */
export const HUB_DB_FILE = 'hub.db';

/** How long a writer waits for another process (hubctl beside the hub) to finish its transaction. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** How long to wait for a PostgreSQL server to accept a connection before saying it cannot be reached. */
const PG_CONNECT_TIMEOUT_MS = 5000;

/**
 * Where the hub's records are: PostgreSQL when HUB_DATABASE_URL names a
 * server, else hub.db in the data directory. `where` says so in words for
 * messages, without a password. The URL is read from the environment only,
 * never from a command-line flag: a process's arguments are readable by
 * every user of the machine (/proc/PID/cmdline).
 */
export type StorageTarget =
  { engine: 'sqlite'; file: string; where: string } | { engine: 'postgres'; url: string; where: string };

export class StorageConfigError extends Error {}

export function storageTarget(dataDir: string, env: NodeJS.ProcessEnv = process.env): StorageTarget {
  const url = env['HUB_DATABASE_URL'];
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'no scheme';
      throw new StorageConfigError(
        `HUB_DATABASE_URL must be a postgres:// or postgresql:// URL (it has ${scheme}); unset it to use the embedded database`,
      );
    }
    return { engine: 'postgres', url, where: `PostgreSQL at ${describePostgresUrl(url)}` };
  }
  const file = join(dataDir, HUB_DB_FILE);
  return { engine: 'sqlite', file, where: file };
}

/** A PostgreSQL URL fit for messages and logs: any password replaced by ***. */
export function describePostgresUrl(url: string): string {
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:@/?#]*):[^@/?#]*@/, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** The hub's open storage: one query layer whatever the engine. */
export interface HubStorage {
  engine: StorageEngine;
  /** Where the records are, in words, without secrets. */
  where: string;
  db: HubDb;
  close(): Promise<void>;
}

/** Thrown when the embedded database is asked for without `create` and hub.db does not exist. */
export class HubStorageMissingError extends Error {}

/** Thrown when the database cannot be opened or reached; the message says where, never with a password. */
export class HubStorageUnavailableError extends Error {}

/**
 * Opens the hub's storage. With `create`, a missing hub.db (and its data
 * directory, owner-only) is made; without, its absence is an error that
 * says what to do. Nothing is migrated here (see migrate.ts).
 *
 * SQLite: WAL, synchronous=FULL, a busy timeout, owner-only file modes, as
 * the kiosk's records.db. PostgreSQL: a pool over node-postgres; the first
 * query proves the server can be reached, so a wrong URL is reported at
 * start and not at the first request.
 */
export async function openHubStorage(target: StorageTarget, opts: { create: boolean }): Promise<HubStorage> {
  if (target.engine === 'sqlite') return openSqlite(target.file, target.where, opts.create);
  return openPostgres(target.url, target.where);
}

function openSqlite(file: string, where: string, create: boolean): HubStorage {
  if (!existsSync(file)) {
    if (!create)
      throw new HubStorageMissingError(
        `no hub database at ${file}: create it with \`npm run hubctl -- migrate\`, or name the hub's data directory with --data-dir or HUB_DATA_DIR`,
      );
    const dir = prepareDataDir(dirname(file));
    if (!dir.ok) throw new HubStorageUnavailableError(dir.error.detail);
  }
  // Before opening: SQLite gives a new -wal and -shm the database's mode.
  restrictSqliteModes(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: !create });
  } catch (error) {
    throw new HubStorageUnavailableError(`cannot open ${where}: ${(error as Error).message}`);
  }
  try {
    makeDurable(sqlite, SQLITE_BUSY_TIMEOUT_MS);
    restrictSqliteModes(file);
  } catch (error) {
    sqlite.close();
    throw new HubStorageUnavailableError(`cannot use ${where}: ${(error as Error).message}`);
  }
  const db = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { engine: 'sqlite', where, db, close: () => db.destroy() };
}

async function openPostgres(url: string, where: string): Promise<HubStorage> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
  // A connection that dies while idle in the pool (the server restarted) is
  // dropped by the pool, and the next query opens another; without a
  // listener the error would end the process.
  pool.on('error', () => {});
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    // node-postgres's messages name the host and user, never the password.
    throw new HubStorageUnavailableError(`cannot reach ${where}: ${(error as Error).message}`);
  }
  return { engine: 'postgres', where, db, close: () => db.destroy() };
}
