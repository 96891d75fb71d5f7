import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { DatabaseTooNewError } from '../../server-kit/sqlite/migrations';
import { resolveHubDataDir } from '../data-dir';
import { requireCurrentSchema, SchemaBehindError } from '../storage/migrate';
import {
  HubStorageMissingError,
  HubStorageUnavailableError,
  openHubStorage,
  StorageConfigError,
  storageTarget,
  type HubStorage,
  type StorageTarget,
} from '../storage/open-storage';

/** The storage hubctl works on: HUB_DATABASE_URL's PostgreSQL, else hub.db in the data directory. */
export function cliTarget(dataDirFlag: string | undefined): StorageTarget {
  try {
    return storageTarget(resolveHubDataDir(dataDirFlag));
  } catch (error) {
    if (error instanceof StorageConfigError) fail(error.message, EXIT_USAGE);
    throw error;
  }
}

/** What the storage errors mean to someone at hubctl; anything else is a bug and keeps its stack. */
export function storageErrorMessage(error: unknown): string | undefined {
  if (
    error instanceof HubStorageMissingError ||
    error instanceof HubStorageUnavailableError ||
    error instanceof DatabaseTooNewError ||
    error instanceof SchemaBehindError
  )
    return error.message;
  return undefined;
}

/**
 * Opens the storage for one command, runs it and closes the storage. With
 * `create` (migrate), a new hub.db may be made; otherwise the database must
 * exist and be at this hubctl's schema version: an old hubctl never writes
 * to a newer schema, and a new one does not guess at an old one.
 */
export async function withStorage<T>(
  dataDirFlag: string | undefined,
  opts: { create: boolean },
  run: (storage: HubStorage) => Promise<T>,
): Promise<T> {
  const target = cliTarget(dataDirFlag);
  let storage: HubStorage;
  try {
    storage = await openHubStorage(target, opts);
    if (!opts.create) await requireCurrentSchema(storage);
  } catch (error) {
    const message = storageErrorMessage(error);
    if (message !== undefined) fail(message, EXIT_FAILED);
    throw error;
  }
  try {
    return await run(storage);
  } finally {
    await storage.close();
  }
}
