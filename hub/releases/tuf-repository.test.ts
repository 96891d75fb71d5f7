import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Metadata, MetadataKind, type Root, type Snapshot, type Targets, type Timestamp } from '@tufjs/models';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { listAudit } from '../storage/audit-log';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { writeContentRelease } from '../testing/content-release-files';
import {
  checkContentRelease,
  ContentReleaseRefusedError,
  listReleases,
  publishRelease,
  ReleaseUploadError,
  uploadRelease,
} from './content-releases';
import { createLogger } from '../../server-kit/logger';
import { readTufMetadata, readTufTarget, TIMESTAMP_CACHE } from './tuf-files';
import { startTufRenewal } from './tuf-renewal';
import { tufRepositoryCheck } from './tuf-standing';
import { makeTufKeys, readTufKey } from './tuf-keys';
import {
  initRepository,
  renewExpiring,
  renewTargets,
  rotateRoot,
  TufRepositoryExistsError,
  TufWrongKeyError,
  type InitKeys,
} from './tuf-repository';

const T0 = new Date('2026-12-07T08:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const scratch = mkdtempSync(join(tmpdir(), 'tuf-repo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// One set of keys for the file: making them is not what is tested here.
const keysDir = join(scratch, 'keys');
const KEYS: InitKeys = makeTufKeys(keysDir, ['root', 'targets', 'snapshot', 'timestamp']);
const release = (name: string, version: string) => writeContentRelease(join(scratch, name), { version, rows: 20 });
const RELEASE_A = release('a.db', '2026.12.07-aaaaaaaa');
const RELEASE_B = release('b.db', '2026.12.08-bbbbbbbb');

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const expiresIn = (signed: { expires: string }, from: Date) => Date.parse(signed.expires) - from.getTime();

describe('a content release as the hub takes it', () => {
  it('is checked from its bytes, and refused with what is wrong and where', () => {
    expect(checkContentRelease(RELEASE_A, 'a.db')).toEqual({
      version: '2026.12.07-aaaaaaaa',
      schemaVersion: CONTENT_SCHEMA_VERSION,
    });
    const refusal = (bytes: Buffer) => {
      try {
        checkContentRelease(bytes, 'x.db');
      } catch (error) {
        expect(error).toBeInstanceOf(ContentReleaseRefusedError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(Buffer.from('%PDF-1.7 '.repeat(50)))).toBe(
      'x.db is not a SQLite database, so not a content release',
    );
    const damaged = Buffer.from(RELEASE_A);
    damaged.fill(0x5a, 4096, damaged.length - 4096);
    expect(refusal(damaged)).toMatch(/^x\.db is damaged \(.+\): build it again$/);
    const other = writeContentRelease(join(scratch, 'other.db'), { schemaVersion: 9, rows: 1 });
    expect(refusal(other)).toBe(
      `x.db is built for content schema 9, and this hub publishes schema ${CONTENT_SCHEMA_VERSION}: build it with this software's \`npm run content:build\``,
    );
    const unversioned = writeContentRelease(join(scratch, 'unversioned.db'), { version: null, rows: 1 });
    expect(refusal(unversioned)).toBe(
      'x.db has no version in its meta table: not a release made by the content builder',
    );
  });
});

describe.each(ENGINES)('the TUF repository on %s', (engine) => {
  const t = useTestStorage(engine);

  async function metadata<T extends Root | Targets | Snapshot | Timestamp>(file: string): Promise<Metadata<T>> {
    const served = await readTufMetadata(t.storage.db, file);
    if (served === undefined) throw new Error(`${file} is not served`);
    const kind = file === 'timestamp.json' ? MetadataKind.Timestamp : (file.split('.')[1] as MetadataKind);
    return Metadata.fromJSON(kind as MetadataKind.Root, JSON.parse(served.body as string)) as unknown as Metadata<T>;
  }

  it('starts with version 1 of each role, each valid for its time, under consistent-snapshot names', async () => {
    const { db } = t.storage;
    const { rootJson } = await initRepository(db, KEYS, 'hubctl', T0);
    await expect(initRepository(db, KEYS, 'hubctl', T0)).rejects.toBeInstanceOf(TufRepositoryExistsError);

    const root = await metadata<Root>('1.root.json');
    expect(JSON.stringify(root.toJSON())).toBe(rootJson);
    expect(root.signed.consistentSnapshot).toBe(true);
    for (const role of ['root', 'targets', 'snapshot', 'timestamp'] as const)
      expect(root.signed.roles[role]!.keyIDs).toEqual([KEYS[role].keyId]);
    // The root verifies with its own keys, and each role with the key the root names.
    root.verifyDelegate('root', root);
    const targets = await metadata<Targets>('1.targets.json');
    const snapshot = await metadata<Snapshot>('1.snapshot.json');
    const timestamp = await metadata<Timestamp>('timestamp.json');
    root.verifyDelegate('targets', targets);
    root.verifyDelegate('snapshot', snapshot);
    root.verifyDelegate('timestamp', timestamp);
    expect(targets.signed.targets).toEqual({});
    expect(expiresIn(root.signed, T0)).toBe(365 * DAY);
    expect(expiresIn(targets.signed, T0)).toBe(365 * DAY);
    expect(expiresIn(snapshot.signed, T0)).toBe(7 * DAY);
    expect(expiresIn(timestamp.signed, T0)).toBe(DAY);
    // Each names the exact bytes of the file it covers.
    const targetsBody = (await readTufMetadata(db, '1.targets.json'))!.body;
    expect(snapshot.signed.meta['targets.json']).toMatchObject({ version: 1, hashes: { sha256: sha256(targetsBody) } });
    const snapshotBody = (await readTufMetadata(db, '1.snapshot.json'))!.body;
    expect(timestamp.signed.snapshotMeta).toMatchObject({ version: 1, hashes: { sha256: sha256(snapshotBody) } });

    expect((await readTufMetadata(db, '1.root.json'))!.cacheControl).toContain('immutable');
    expect((await readTufMetadata(db, 'timestamp.json'))!.cacheControl).toBe(TIMESTAMP_CACHE);
    for (const name of [
      '2.root.json',
      '01.root.json',
      '0.root.json',
      'root.json',
      '1.timestamp.json',
      '../1.root.json',
      '1.root.json/',
      'x/1.root.json',
      '1.ROOT.json',
      '1.root.json\0',
    ])
      expect(await readTufMetadata(db, name), name).toBeUndefined();
    expect((await listAudit(db, { limit: 1 }))[0]).toMatchObject({ actor: 'hubctl', action: 'tuf.init' });
  });

  it('renews the timestamp when less than 12 hours are left, the snapshot when less than 3 days', async () => {
    const { db } = t.storage;
    await initRepository(db, KEYS, 'hubctl', T0);
    const at = (ms: number) => new Date(T0.getTime() + ms);
    expect(await renewExpiring(db, KEYS, at(12 * HOUR - 60_000))).toBe('fresh');
    expect(await renewExpiring(db, KEYS, at(12 * HOUR + 60_000))).toBe('renewed');
    expect((await metadata<Timestamp>('timestamp.json')).signed).toMatchObject({ version: 2 });
    expect(await readTufMetadata(db, '2.snapshot.json')).toBeUndefined();

    // Renewed timestamps (each a day) until the snapshot has fewer than 3 days left.
    const later = at(4 * DAY + 60_000);
    expect(await renewExpiring(db, KEYS, later)).toBe('renewed');
    const snapshot = await metadata<Snapshot>('2.snapshot.json');
    expect(expiresIn(snapshot.signed, later)).toBe(7 * DAY);
    expect(snapshot.signed.meta['targets.json']!.version).toBe(1);
    const timestamp = await metadata<Timestamp>('timestamp.json');
    expect(timestamp.signed).toMatchObject({ version: 3, snapshotMeta: { version: 2 } });
    // The earlier snapshot is still served under its name (a client midway through an update reads it).
    expect(await readTufMetadata(db, '1.snapshot.json')).toBeDefined();

    // Two instances at once: one signs the next version, the other finds it done.
    const overnight = at(5 * DAY);
    const outcomes = await Promise.all([renewExpiring(db, KEYS, overnight), renewExpiring(db, KEYS, overnight)]);
    expect(outcomes.filter((o) => o === 'renewed')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'renewed')[0]).toMatch(/^(fresh|renewed-elsewhere)$/);
    const versions = await db
      .selectFrom('tuf_metadata')
      .select('version')
      .where('role', '=', 'timestamp')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);

    // A key the root does not name signs nothing.
    const stranger = makeTufKeys(join(scratch, `stranger-${engine}`), ['timestamp']).timestamp;
    await expect(renewExpiring(db, { ...KEYS, timestamp: stranger }, at(6 * DAY))).rejects.toBeInstanceOf(
      TufWrongKeyError,
    );
  });

  it('is renewed by the hub on its own once it exists, which says so loudly when its keys are missing', async () => {
    const { db } = t.storage;
    const logs: string[] = [];
    const logger = createLogger({
      service: 'hub',
      level: 'info',
      destination: { write: (s: string) => void logs.push(s) },
    });
    let clock = T0;
    const start = (dir: string) => startTufRenewal({ db, keysDir: dir, now: () => clock, logger, everyMs: HOUR });
    const renewal = start(keysDir);
    try {
      expect(await renewal.renewNow()).toBe('no-repository');
      await initRepository(db, KEYS, 'hubctl', T0);
      expect(await renewal.renewNow()).toBe('fresh');
      clock = new Date(T0.getTime() + 13 * HOUR);
      expect(await renewal.renewNow()).toBe('renewed');
      expect((await metadata<Timestamp>('timestamp.json')).signed.version).toBe(2);
      expect(logs.join('')).not.toContain('failed');
    } finally {
      await renewal.stop();
    }
    const keyless = start(join(scratch, `no-keys-${engine}`));
    try {
      expect(await keyless.renewNow()).toBeUndefined();
      expect(logs.join('')).toContain('renewing the timestamp failed');
      expect(logs.join('')).toContain('no snapshot key in');
    } finally {
      await keyless.stop();
    }
  });

  it('publishes uploads as releases 1, 2 … with their custom fields, the file served by its hash', async () => {
    const { db } = t.storage;
    await initRepository(db, KEYS, 'hubctl', T0);
    const a = await uploadRelease(db, { bytes: RELEASE_A, where: 'a.db' }, 'hubctl', T0);
    const b = await uploadRelease(db, { bytes: RELEASE_B, where: 'b.db' }, 'hubctl', T0);
    expect(a).toMatchObject({ version: '2026.12.07-aaaaaaaa', sha256: sha256(RELEASE_A), releaseNumber: null });
    const publish = (id: number, signers = [KEYS.targets]) =>
      publishRelease(db, id, { targetsSigners: signers, online: KEYS, actor: 'hubctl', now: T0 });

    await expect(publish(a.id, [KEYS.snapshot])).rejects.toBeInstanceOf(TufWrongKeyError);
    // Published in the other order: the number is the order of publishing.
    expect(await publish(b.id)).toEqual({
      releaseNumber: 1,
      targetName: 'content-release-1.db',
      version: '2026.12.08-bbbbbbbb',
      targetsVersion: 2,
    });
    expect(await publish(a.id)).toMatchObject({ releaseNumber: 2, targetsVersion: 3 });
    await expect(publish(a.id)).rejects.toThrow(
      new ReleaseUploadError(`release upload ${a.id} is published already, as release 2`),
    );
    await expect(publish(999)).rejects.toBeInstanceOf(ReleaseUploadError);

    const targets = await metadata<Targets>('3.targets.json');
    expect(Object.keys(targets.signed.targets).sort()).toEqual(['content-release-1.db', 'content-release-2.db']);
    const second = targets.signed.targets['content-release-2.db']!;
    expect(second.custom).toEqual({
      releaseNumber: 2,
      version: '2026.12.07-aaaaaaaa',
      schemaVersion: CONTENT_SCHEMA_VERSION,
    });
    expect(second).toMatchObject({ length: RELEASE_A.length, hashes: { sha256: sha256(RELEASE_A) } });
    const snapshot = await metadata<Snapshot>('3.snapshot.json');
    expect(snapshot.signed.meta['targets.json']!.version).toBe(3);
    expect((await metadata<Timestamp>('timestamp.json')).signed.snapshotMeta.version).toBe(3);

    const served = await readTufTarget(db, `${sha256(RELEASE_A)}.content-release-2.db`);
    expect(Buffer.compare(served!.body as Buffer, RELEASE_A)).toBe(0);
    expect(await readTufTarget(db, `${sha256(RELEASE_B)}.content-release-2.db`)).toBeUndefined();
    expect(await readTufTarget(db, 'content-release-2.db')).toBeUndefined();
    expect(await readTufTarget(db, `${sha256(RELEASE_A)}.../content-release-2.db`)).toBeUndefined();

    expect((await listReleases(db)).map((r) => [r.id, r.releaseNumber])).toEqual([
      [a.id, 2],
      [b.id, 1],
    ]);
    const audit = await listAudit(db, { limit: 2 });
    expect(audit.map((r) => [r.action, r.details['releaseNumber']])).toEqual([
      ['release.publish', 2],
      ['release.publish', 1],
    ]);
    // The bytes are kept once: as the target, no longer as the upload.
    const kept = await db.selectFrom('content_releases').select('body').where('id', '=', a.id).executeTakeFirst();
    expect(kept!.body).toBeNull();
  });

  it('rotates the root (signed by the current root key and the new one), and renews root and targets', async () => {
    const { db } = t.storage;
    await initRepository(db, KEYS, 'hubctl', T0);
    const next = makeTufKeys(join(scratch, `next-${engine}`), ['root']).root;
    await expect(rotateRoot(db, { currentRoot: KEYS.targets, newRoot: next }, 'hubctl', T0)).rejects.toBeInstanceOf(
      TufWrongKeyError,
    );
    expect(await rotateRoot(db, { currentRoot: KEYS.root, newRoot: next }, 'hubctl', T0)).toMatchObject({ version: 2 });
    const first = await metadata<Root>('1.root.json');
    const second = await metadata<Root>('2.root.json');
    first.verifyDelegate('root', second);
    second.verifyDelegate('root', second);
    expect(second.signed.roles['root']!.keyIDs).toEqual([next.keyId]);
    expect(second.signed.roles['targets']!.keyIDs).toEqual([KEYS.targets.keyId]);
    // The retired key no longer signs a root.
    await expect(rotateRoot(db, { currentRoot: KEYS.root, newRoot: next }, 'hubctl', T0)).rejects.toBeInstanceOf(
      TufWrongKeyError,
    );

    // A year on, the same keys sign the root and the targets again.
    const yearOn = new Date(T0.getTime() + 360 * DAY);
    expect(await rotateRoot(db, { currentRoot: next, newRoot: next }, 'hubctl', yearOn)).toMatchObject({ version: 3 });
    const renewedRoot = await metadata<Root>('3.root.json');
    second.verifyDelegate('root', renewedRoot);
    expect(renewedRoot.signed.roles['root']!.keyIDs).toEqual([next.keyId]);
    expect(expiresIn(renewedRoot.signed, yearOn)).toBe(365 * DAY);
    const online = { snapshot: KEYS.snapshot, timestamp: KEYS.timestamp };
    expect(await renewTargets(db, { targetsSigners: [KEYS.targets], online, actor: 'hubctl', now: yearOn })).toEqual({
      targetsVersion: 2,
    });
    expect(expiresIn((await metadata<Targets>('2.targets.json')).signed, yearOn)).toBe(365 * DAY);
    expect((await metadata<Timestamp>('timestamp.json')).signed.snapshotMeta.version).toBe(2);
    expect((await listAudit(db, { limit: 2 })).map((r) => r.action)).toEqual(['tuf.renew-targets', 'tuf.renew-root']);

    // What hubctl doctor says of it: fine, then the timestamp run out (no hub renewing), then the root and targets near their end.
    expect(await tufRepositoryCheck(db, yearOn)).toMatchObject({ status: 'pass' });
    expect(await tufRepositoryCheck(db, new Date(yearOn.getTime() + 2 * DAY))).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('the timestamp has expired'),
    });
    await renewExpiring(db, online, new Date(yearOn.getTime() + 340 * DAY));
    expect(await tufRepositoryCheck(db, new Date(yearOn.getTime() + 340 * DAY))).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('expiring within a month: run `hubctl tuf renew'),
    });
  });
});

describe('the repository keys', () => {
  it('are owner-only files, refused when others may read them', () => {
    const dir = join(scratch, 'loose');
    const made = makeTufKeys(dir, ['targets']).targets;
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'targets.pem')).mode & 0o777).toBe(0o600);
    expect(readTufKey(dir, 'targets').keyId).toBe(made.keyId);
    expect(() => makeTufKeys(dir, ['targets'])).toThrow(/exists already/);
    chmodSync(join(dir, 'targets.pem'), 0o644);
    expect(() => readTufKey(dir, 'targets')).toThrow(/can be read by other users \(mode 644\)/);
  });
});
