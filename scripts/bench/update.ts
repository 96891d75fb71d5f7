import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareSecretBox } from '../../hub/accounts/secret-box';
import { startHubServer } from '../../hub/http/hub-server';
import { createInProcessBus } from '../../hub/live/live-bus';
import { publishRelease, uploadRelease } from '../../hub/releases/content-releases';
import { makeTufKeys } from '../../hub/releases/tuf-keys';
import { initRepository } from '../../hub/releases/tuf-repository';
import { defaultTotpKeyFile } from '../../hub/start-hub';
import { migrateHub } from '../../hub/storage/migrate';
import { openHubStorage, storageTarget } from '../../hub/storage/open-storage';
import { createLogger } from '../../server-kit/logger';
import { trustRoot } from '../../service/content/updater/trusted-root';
import { newKioskKeyPair, saveIdentity } from '../../service/hub/hub-identity';
import { startInProcessKiosk } from '../../service/testing/in-process-service';
import { releaseVariant } from '../../service/testing/release-files';
import { buildContentIfStale } from '../lib/build';

const RUNS = 3;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]!);
};

/**
 * A content update as a kiosk makes it, against a hub on this machine:
 * refresh the TUF metadata, download the release, verify its length and
 * hash, and install and switch it (the store's copy and checks) — against,
 * in the same run, copying the same file, and installing a local copy
 * without TUF (what the update adds on top of the store's own work).
 */
export async function updateBench(): Promise<Record<string, unknown>> {
  await buildContentIfStale();
  const scratch = mkdtempSync(join(tmpdir(), 'bench-update-'));
  const quiet = createLogger({ destination: { write: () => undefined } });
  const target = storageTarget(join(scratch, 'hub'), {});
  const storage = await openHubStorage(target, { create: true });
  await migrateHub(storage, { actor: 'system' });
  const { db } = storage;
  const hub = await startHubServer({
    logger: quiet,
    db,
    now: () => new Date(),
    host: '127.0.0.1',
    port: 0,
    publicOrigin: undefined,
    trustedProxies: [],
    totpBox: await prepareSecretBox(db, 'totp', defaultTotpKeyFile(join(scratch, 'hub')), new Date()),
    totpIssuer: 'bench',
    bus: createInProcessBus(),
    tufWatchMs: 3_600_000,
  });
  const offline = makeTufKeys(join(scratch, 'offline'), ['root', 'targets']);
  const online = makeTufKeys(join(scratch, 'online'), ['snapshot', 'timestamp']);
  const { rootJson } = await initRepository(db, { ...offline, ...online }, 'hubctl', new Date());
  const dataDir = join(scratch, 'kiosk');
  // Enrolled in name only: the updater reads the hub's address from the enrollment; the TUF files are public.
  saveIdentity(dataDir, newKioskKeyPair().privateKey, {
    hubUrl: `http://127.0.0.1:${hub.port}`,
    kioskId: 1,
    keyFingerprint: 'bench',
    enrolledAt: new Date().toISOString(),
    status: 'approved',
    checkedAt: new Date().toISOString(),
  });
  trustRoot(dataDir, rootJson);
  const kiosk = await startInProcessKiosk({ dataDir, start: false });
  const bare = await startInProcessKiosk({ dataDir: join(scratch, 'bare'), start: false });
  const updater = kiosk.service.updater!;
  const update: number[] = [];
  const local: number[] = [];
  const copy: number[] = [];
  let bytes = 0;
  try {
    for (let run = 1; run <= RUNS; run++) {
      const published = releaseVariant(join(scratch, `published-${run}.db`), {
        version: `2026.12.07-${String(run).padStart(8, '0')}`,
      });
      const body = readFileSync(published);
      bytes = body.length;
      const upload = await uploadRelease(db, { bytes: body, where: published }, 'hubctl', new Date());
      const { releaseNumber } = await publishRelease(db, upload.id, {
        targetsSigners: [offline.targets],
        online,
        actor: 'hubctl',
        now: new Date(),
      });
      let t0 = performance.now();
      const outcome = await updater.check();
      update.push(performance.now() - t0);
      if (outcome.outcome !== 'installed' || outcome.install.switch !== 'switched')
        throw new Error(`release ${releaseNumber} was not installed and switched: ${JSON.stringify(outcome)}`);

      // Another kiosk's store installs a local copy of the same release: the store's copy, checks and switch alone.
      const localFile = releaseVariant(join(scratch, `local-${run}.db`), {
        version: `2026.12.07-${String(run).padStart(8, '0')}`,
      });
      t0 = performance.now();
      await bare.service.releases.install(localFile, { releaseNumber: run });
      local.push(performance.now() - t0);

      t0 = performance.now();
      copyFileSync(published, join(scratch, `copy-${run}.db`));
      copy.push(performance.now() - t0);
    }
  } finally {
    await kiosk.stop();
    await bare.stop();
    await hub.close();
    await storage.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const updateMs = median(update);
  const copyMs = median(copy);
  return {
    runs: RUNS,
    releaseBytes: bytes,
    updateMs,
    localInstallMs: median(local),
    copyMs,
    /** The TUF part: refresh, download over HTTP and verify, above the store's own install. */
    tufOverheadMs: updateMs - median(local),
    updateOverCopy: Math.round((updateMs / Math.max(copyMs, 1)) * 10) / 10,
  };
}
