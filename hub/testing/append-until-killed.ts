import { resolveHubDataDir } from '../data-dir';
import { appendAudit } from '../storage/audit-log';
import { openHubStorage, storageTarget } from '../storage/open-storage';

/**
 * The writer of the kill -9 test (storage/durability.test.ts): appends
 * audit rows one transaction at a time to the storage HUB_DATA_DIR and
 * HUB_DATABASE_URL name, and prints each row's id once its transaction has
 * committed — the moment the hub would answer "stored". It runs until it
 * is killed.
 */
const storage = await openHubStorage(storageTarget(resolveHubDataDir(undefined)), { create: false });
for (let i = 0; ; i++) {
  const id = await storage.db
    .transaction()
    .execute((trx) => appendAudit(trx, { actor: 'system', action: 'test.durability', details: { i } }, new Date()));
  process.stdout.write(`${id}\n`);
}
