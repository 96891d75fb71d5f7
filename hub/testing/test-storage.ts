import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { migrateHub } from '../storage/migrate';
import { openHubStorage, storageTarget, type HubStorage, type StorageTarget } from '../storage/open-storage';
import type { StorageEngine } from '../storage/schema';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

/**
 * The hub's storage tests run once per engine: `describe.each(ENGINES)`
 * and `useTestStorage(engine)` inside. Each test gets a database of its
 * own: a fresh hub.db in a temporary data directory, or a fresh database
 * on a throwaway PostgreSQL that the test file starts once (before its
 * first PostgreSQL test) and stops after its last.
 *
 * Why once per file and not a vitest globalSetup for the whole run: the
 * unit tests of the kiosk (most of them) then never wait for a database
 * server they do not use, running one hub test file alone starts what it
 * needs, and no state crosses test files. Starting costs about a second
 * and a half per file.
 *
 * Nothing is skipped: without PostgreSQL's binaries, the PostgreSQL half
 * fails, saying `apt-get install postgresql`.
 */
export const ENGINES = ['sqlite', 'postgres'] as const satisfies readonly StorageEngine[];

const PG_START_TIMEOUT_MS = 60_000;

let cluster: Promise<ThrowawayPostgres> | undefined;
let clusterUsers = 0;
let databases = 0;

export interface TestStorage {
  /** The open storage of the test under way. */
  readonly storage: HubStorage;
  readonly target: StorageTarget;
  /** The test's data directory (hub.db lives there on SQLite). */
  readonly dataDir: string;
  /** The environment that points a child process (hubctl) at the test's database. */
  env(): NodeJS.ProcessEnv;
  /** Closes the storage and opens it again, as a restarted hub would. */
  reopen(): Promise<HubStorage>;
}

/**
 * Hooks for the calling describe block. With `migrate` (the default) each
 * test's database is at the current schema version, migrated by `system`.
 */
export function useTestStorage(engine: StorageEngine, opts: { migrate?: boolean } = {}): TestStorage {
  let current: { storage: HubStorage; target: StorageTarget; dataDir: string } | undefined;
  const get = () => {
    if (current === undefined) throw new Error('useTestStorage: no test is under way');
    return current;
  };

  if (engine === 'postgres') {
    beforeAll(async () => {
      clusterUsers++;
      cluster ??= startThrowawayPostgres();
      await cluster;
    }, PG_START_TIMEOUT_MS);
    afterAll(async () => {
      clusterUsers--;
      if (clusterUsers > 0 || cluster === undefined) return;
      const started = cluster;
      cluster = undefined;
      await (await started.catch(() => undefined))?.stop();
    }, PG_START_TIMEOUT_MS);
  }

  beforeEach(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
    let env: NodeJS.ProcessEnv = {};
    if (engine === 'postgres') {
      const pgServer = await cluster!;
      env = { HUB_DATABASE_URL: await pgServer.createDatabase(`hub_test_${++databases}`) };
    }
    const target = storageTarget(dataDir, env);
    const storage = await openHubStorage(target, { create: true });
    if (opts.migrate !== false) await migrateHub(storage, { actor: 'system' });
    current = { storage, target, dataDir };
  });

  afterEach(async () => {
    if (current === undefined) return;
    await current.storage.close();
    rmSync(current.dataDir, { recursive: true, force: true });
    current = undefined;
  });

  return {
    get storage() {
      return get().storage;
    },
    get target() {
      return get().target;
    },
    get dataDir() {
      return get().dataDir;
    },
    env() {
      const { target, dataDir } = get();
      return { HUB_DATA_DIR: dataDir, HUB_DATABASE_URL: target.engine === 'postgres' ? target.url : '' };
    },
    async reopen() {
      const c = get();
      await c.storage.close();
      c.storage = await openHubStorage(c.target, { create: false });
      return c.storage;
    },
  };
}
