import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Metadata, MetadataKind, type Snapshot, type Targets, type Timestamp } from '@tufjs/models';
import { listAudit } from '../storage/audit-log';
import { writeContentRelease } from '../testing/content-release-files';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { publishRelease, publishReleaseOnline, uploadRelease } from './content-releases';
import { makeTufKeys } from './tuf-keys';
import { readTufMetadata } from './tuf-files';
import { tufRepositoryCheck } from './tuf-standing';
import {
  delegateReleases,
  initRepository,
  renewExpiring,
  TufDelegationMissingError,
  TufWrongKeyError,
} from './tuf-repository';

const T0 = new Date('2026-12-07T08:00:00Z');
const DAY = 24 * 3_600_000;

const scratch = mkdtempSync(join(tmpdir(), 'tuf-delegation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const KEYS = makeTufKeys(join(scratch, 'keys'), ['root', 'targets', 'snapshot', 'timestamp', 'releases']);
const STRANGER = makeTufKeys(join(scratch, 'stranger'), ['releases']).releases;
let n = 0;
const releaseBytes = () =>
  writeContentRelease(join(scratch, `r${++n}.db`), { version: `2026.12.07.${n}-0000000${n}`, rows: 5 });

describe.each(ENGINES)('content releases delegated to the online key, on %s', (engine) => {
  const t = useTestStorage(engine);

  async function served<T extends Targets | Snapshot | Timestamp>(file: string): Promise<Metadata<T>> {
    const found = await readTufMetadata(t.storage.db, file);
    if (found === undefined) throw new Error(`${file} is not served`);
    const kind =
      file === 'timestamp.json'
        ? MetadataKind.Timestamp
        : file.includes('snapshot')
          ? MetadataKind.Snapshot
          : MetadataKind.Targets;
    return Metadata.fromJSON(kind as MetadataKind.Root, JSON.parse(found.body as string)) as unknown as Metadata<T>;
  }
  const upload = async () =>
    (await uploadRelease(t.storage.db, { bytes: releaseBytes(), where: 'r.db' }, 'hubctl', T0)).id;

  it('are signed by the hub alone into the releases role, beside releases published offline, and served like the others', async () => {
    const { db } = t.storage;
    await initRepository(db, KEYS, 'hubctl', T0);
    const targets1 = await served<Targets>('1.targets.json');
    expect(targets1.signed.delegations?.roles?.['releases']).toMatchObject({
      keyIDs: [KEYS.releases.keyId],
      paths: ['content-release-*'],
      terminating: true,
    });
    const releases1 = await served<Targets>('1.releases.json');
    targets1.verifyDelegate('releases', releases1);
    expect((await served<Snapshot>('1.snapshot.json')).signed.meta['releases.json']?.version).toBe(1);
    expect((await listAudit(db, { limit: 1 }))[0]).toMatchObject({
      action: 'tuf.init',
      details: { releases: [KEYS.releases.keyId] },
    });

    const offline = await publishRelease(db, await upload(), {
      targetsSigners: [KEYS.targets],
      online: KEYS,
      actor: 'hubctl',
      now: T0,
    });
    const online = await publishReleaseOnline(db, await upload(), { online: KEYS, actor: 'system', now: T0 });
    expect(online).toMatchObject({ releaseNumber: offline.releaseNumber + 1, releasesVersion: 2 });
    const releases2 = await served<Targets>('2.releases.json');
    (await served<Targets>('2.targets.json')).verifyDelegate('releases', releases2);
    expect(Object.keys(releases2.signed.targets)).toEqual([online.targetName]);
    expect(releases2.signed.targets[online.targetName]?.custom).toMatchObject({ releaseNumber: online.releaseNumber });
    const snapshot = await served<Snapshot>('3.snapshot.json');
    expect(snapshot.signed.meta).toMatchObject({ 'targets.json': { version: 2 }, 'releases.json': { version: 2 } });
    expect((await served<Timestamp>('timestamp.json')).signed.snapshotMeta.version).toBe(3);
    expect((await listAudit(db, { limit: 1 }))[0]).toMatchObject({
      actor: 'system',
      action: 'release.publish',
      details: { releaseNumber: online.releaseNumber, releasesVersion: 2 },
    });

    // Two approvals at once: both published, one after the other.
    const [x, y] = await Promise.all([
      publishReleaseOnline(db, await upload(), { online: KEYS, actor: 'system', now: T0 }),
      publishReleaseOnline(db, await upload(), { online: KEYS, actor: 'system', now: T0 }),
    ]);
    expect([x!.releaseNumber, y!.releaseNumber].sort()).toEqual([online.releaseNumber + 1, online.releaseNumber + 2]);
    expect(Object.keys((await served<Targets>('4.releases.json')).signed.targets)).toHaveLength(3);

    // A key the targets do not delegate to signs nothing.
    await expect(
      publishReleaseOnline(db, await upload(), { online: { ...KEYS, releases: STRANGER }, actor: 'system', now: T0 }),
    ).rejects.toBeInstanceOf(TufWrongKeyError);
  });

  it('renews the delegated role before it expires, with its key; a repository made without it is delegated later', async () => {
    const { db } = t.storage;
    const { releases: _none, ...withoutReleases } = KEYS;
    await initRepository(db, withoutReleases, 'hubctl', T0);
    await expect(
      publishReleaseOnline(db, await upload(), { online: KEYS, actor: 'system', now: T0 }),
    ).rejects.toBeInstanceOf(TufDelegationMissingError);
    expect(await readTufMetadata(db, '1.releases.json')).toBeUndefined();

    const delegated = await delegateReleases(db, {
      targetsSigners: [KEYS.targets],
      online: KEYS,
      releases: KEYS.releases,
      actor: 'hubctl',
      now: T0,
    });
    expect(delegated).toEqual({ targetsVersion: 2, releasesVersion: 1 });
    await publishReleaseOnline(db, await upload(), { online: KEYS, actor: 'system', now: T0 });

    // 19 days on: 11 left of the role's 30, nothing to renew but the snapshot and timestamp.
    await renewExpiring(db, KEYS, new Date(T0.getTime() + 19 * DAY));
    expect(await readTufMetadata(db, '3.releases.json')).toBeUndefined();
    // 21 days on: 9 left, under the 10 days' margin — renewed, listing what it listed, and named by the snapshot.
    const later = new Date(T0.getTime() + 21 * DAY);
    // Without its key (a keys directory from before the delegation) it is left as it is.
    expect(await renewExpiring(db, withoutReleases, later)).toBe('renewed');
    expect(await readTufMetadata(db, '3.releases.json')).toBeUndefined();
    expect(await renewExpiring(db, KEYS, later)).toBe('renewed');
    const renewed = await served<Targets>('3.releases.json');
    expect(Date.parse(renewed.signed.expires) - later.getTime()).toBe(30 * DAY);
    expect(Object.keys(renewed.signed.targets)).toEqual(['content-release-1.db']);
    (await served<Targets>('2.targets.json')).verifyDelegate('releases', renewed);
    const timestamp = await served<Timestamp>('timestamp.json');
    const snapshot = await served<Snapshot>(`${timestamp.signed.snapshotMeta.version}.snapshot.json`);
    expect(snapshot.signed.meta['releases.json']?.version).toBe(3);
    expect(await renewExpiring(db, KEYS, later)).toBe('fresh');
    expect(await tufRepositoryCheck(db, later)).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining(', releases version 3 until '),
    });
    // A hub without the releases key (lost, or not copied to it) renews the rest but lets the role run out:
    // kiosks take no release it signs, and the doctor says so.
    const monthOn = new Date(later.getTime() + 31 * DAY);
    expect(await renewExpiring(db, withoutReleases, monthOn)).toBe('renewed');
    expect(await tufRepositoryCheck(db, monthOn)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('releases role has expired'),
    });
  });
});
