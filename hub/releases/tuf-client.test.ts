import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Updater } from 'tuf-js';
import { TUF_FILE_ROUTES } from '../../common/hub/api/tuf-files';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { useTestHub } from '../testing/test-hub';
import { writeContentRelease } from '../testing/content-release-files';
import { publishRelease, uploadRelease } from './content-releases';
import { makeTufKeys } from './tuf-keys';
import { initRepository, rotateRoot } from './tuf-repository';

/**
 * The repository as a kiosk meets it: a real hub serving it over HTTP and
 * tuf-js's Updater — the client the kiosks run — trusting only the first
 * root, as a kiosk is installed. Signed with the real clock: the client
 * checks expiry against it.
 */

const scratch = mkdtempSync(join(tmpdir(), 'tuf-client-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a kiosk’s TUF client updating from the hub', () => {
  const hub = useTestHub('sqlite', { listen: true });

  it('finds, downloads and verifies releases, follows a root rotation, and refuses a replayed timestamp', async () => {
    const { db } = hub.storage.storage;
    const offline = makeTufKeys(join(scratch, 'offline'), ['root', 'targets']);
    const online = makeTufKeys(join(scratch, 'online'), ['snapshot', 'timestamp']);
    const { rootJson } = await initRepository(db, { ...offline, ...online }, 'hubctl', new Date());

    const kiosk = join(scratch, 'kiosk');
    const metadataDir = join(kiosk, 'metadata');
    mkdirSync(metadataDir, { recursive: true });
    // The root the kiosk is installed with: 1.root.json as `hubctl tuf init` wrote it.
    writeFileSync(join(metadataDir, 'root.json'), rootJson);
    const base = `http://127.0.0.1:${hub.server.port}`;
    const updater = () =>
      new Updater({
        metadataDir,
        metadataBaseUrl: `${base}${TUF_FILE_ROUTES.tufMetadata.prefix}`,
        targetBaseUrl: `${base}${TUF_FILE_ROUTES.tufTargets.prefix}`,
        targetDir: kiosk,
        config: { fetchRetry: 0 },
      });
    const publish = async (file: string, version: string) => {
      const bytes = writeContentRelease(join(scratch, file), { version, rows: 50 });
      const upload = await uploadRelease(db, { bytes, where: file }, 'hubctl', new Date());
      await publishRelease(db, upload.id, {
        targetsSigners: [offline.targets],
        online,
        actor: 'hubctl',
        now: new Date(),
      });
      return bytes;
    };

    const first = await publish('first.db', '2026.12.07-11111111');
    const client = updater();
    await client.refresh();
    const info = await client.getTargetInfo('content-release-1.db');
    expect(info?.custom).toEqual({
      releaseNumber: 1,
      version: '2026.12.07-11111111',
      schemaVersion: CONTENT_SCHEMA_VERSION,
    });
    const downloaded = await client.downloadTarget(info!, join(kiosk, 'release-1.db'));
    expect(readFileSync(downloaded).equals(first)).toBe(true);

    // The root moves to a new key; the next release is signed under it.
    const next = makeTufKeys(join(scratch, 'offline-2'), ['root']).root;
    await rotateRoot(db, { currentRoot: offline.root, newRoot: next }, 'hubctl', new Date());
    const second = await publish('second.db', '2026.12.08-22222222');
    const later = updater();
    await later.refresh();
    expect(JSON.parse(readFileSync(join(metadataDir, 'root.json'), 'utf8'))).toMatchObject({
      signed: { version: 2, roles: { root: { keyids: [next.keyId] } } },
    });
    const info2 = await later.getTargetInfo('content-release-2.db');
    expect(info2?.custom).toMatchObject({ releaseNumber: 2, version: '2026.12.08-22222222' });
    expect(readFileSync(await later.downloadTarget(info2!, join(kiosk, 'release-2.db'))).equals(second)).toBe(true);

    // A tampered hub (or a mirror replaying yesterday) serves the timestamp before the one the kiosk has.
    await db.deleteFrom('tuf_metadata').where('role', '=', 'timestamp').where('version', '=', 3).execute();
    await expect(updater().refresh()).rejects.toThrow(/timestamp version 2 is less than current version 3/);
  });
});
