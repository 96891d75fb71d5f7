import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishRelease, publishReleaseOnline, uploadRelease } from '../../hub/releases/content-releases';
import { storeRollout } from '../../hub/releases/rollouts';
import { makeTufKeys, type TufSigner } from '../../hub/releases/tuf-keys';
import {
  initRepository,
  publishTarget,
  TUF_EXPIRY_MS,
  type OnlineKeys,
  type OnlineReleaseKeys,
} from '../../hub/releases/tuf-repository';
import { Metadata, MetadataKind, MetaFile, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { T0, type TestHub } from '../../hub/testing/test-hub';
import { trustRoot } from '../../service/content/updater/trusted-root';
import { saveIdentity } from '../../service/hub/hub-identity';
import { startInProcessKiosk, type InProcessKiosk } from '../../service/testing/in-process-service';
import { releaseVariant } from '../../service/testing/release-files';
import { startTufTamperProxy, type TufTamperProxy } from './tuf-tamper-proxy';

/**
 * One hub with a TUF repository, a tampering proxy in front of it, and one
 * kiosk service enrolled with the hub through the proxy: what the content
 * update tests share. Releases are copies of the built content release under
 * other versions, so the kiosk's own checks pass them.
 */
export interface UpdateRig {
  scratch: string;
  proxy: TufTamperProxy;
  kiosk: InProcessKiosk;
  kioskId: number;
  rootJson: string;
  offline: { root: TufSigner; targets: TufSigner };
  online: OnlineKeys;
  /** The online keys with the delegated releases key (only with `delegated`). */
  onlineReleases: OnlineReleaseKeys | undefined;
  /** Uploads and publishes as publishRelease does, signed by the hub's delegated releases key (only with `delegated`). */
  publishOnline(version: string, rollout?: 'all' | 'none'): Promise<number>;
  /**
   * Signs `bytes` into the delegated releases role as target `name`, by
   * `signer` (default the delegated key), with a new snapshot and timestamp
   * signed by the hub's keys: what a hub whose database or releases key
   * was taken could serve. Rolled out to every kiosk.
   */
  publishDelegatedRaw(name: string, bytes: Buffer, custom: Record<string, unknown>, signer?: TufSigner): Promise<void>;
  /**
   * Uploads and publishes `bytes` (default: the built release as `version`),
   * rolled out to every kiosk unless `rollout` is 'none'; answers its release number.
   */
  publish(version: string, bytes?: Buffer, rollout?: 'all' | 'none'): Promise<number>;
  /** Another kiosk service enrolled with the hub the same way, trusting the repository's root. */
  addKiosk(name: string): Promise<{ kiosk: InProcessKiosk; kioskId: number; served(): Promise<string> }>;
  /**
   * Signs `bytes` into the repository as target `name` with `custom`, as a
   * hub whose builder (or targets key) went wrong would: none of the
   * upload's checks, rolled out to every kiosk. Answers nothing; the hub's release numbers are not used.
   */
  publishRaw(name: string, bytes: Buffer, custom: Record<string, unknown>): Promise<void>;
  /** The hub's current timestamp.json, changed by `change` and signed by `signer` (default the hub's timestamp key). */
  forgeTimestamp(change: (signed: Record<string, unknown>) => void, signer?: TufSigner): Promise<Buffer>;
  /** The hub's stored metadata file of `role` and `version`. */
  stored(role: 'timestamp' | 'snapshot' | 'targets' | 'releases', version: number): Promise<Buffer>;
  /** The newest version of `role` the hub has. */
  newest(role: 'timestamp' | 'snapshot' | 'targets' | 'releases'): Promise<number>;
  /** What the kiosk's health says it serves. */
  served(): Promise<string>;
  close(): Promise<void>;
}

export async function startUpdateRig(hub: TestHub, opts: { delegated?: boolean } = {}): Promise<UpdateRig> {
  const { db } = hub.storage.storage;
  // The kiosk signs with its own clock: the hub's must be today's.
  hub.advance(Date.now() - T0.getTime());
  const scratch = mkdtempSync(join(tmpdir(), 'content-update-'));
  const offline = makeTufKeys(join(scratch, 'offline'), ['root', 'targets']);
  const online = makeTufKeys(join(scratch, 'online'), ['snapshot', 'timestamp']);
  const onlineReleases =
    opts.delegated === true
      ? { ...online, releases: makeTufKeys(join(scratch, 'online'), ['releases']).releases }
      : undefined;
  const { rootJson } = await initRepository(db, { ...offline, ...(onlineReleases ?? online) }, 'hubctl', new Date());
  const proxy = await startTufTamperProxy(hub.server.port);
  const others: InProcessKiosk[] = [];
  const enrolled = async (name: string): Promise<{ kiosk: InProcessKiosk; kioskId: number }> => {
    const added = await hub.addKiosk('approved');
    const dataDir = join(scratch, name);
    saveIdentity(dataDir, added.privateKey, {
      hubUrl: proxy.url,
      kioskId: added.id,
      keyFingerprint: 'test',
      enrolledAt: new Date().toISOString(),
      status: 'approved',
      checkedAt: new Date().toISOString(),
    });
    return { kiosk: await startInProcessKiosk({ dataDir }), kioskId: added.id };
  };
  const servedBy = async (k: InProcessKiosk): Promise<string> => (await k.ok('health')).subsystems.content.detail ?? '';
  const { kiosk, kioskId } = await enrolled('kiosk');
  type Role = 'timestamp' | 'snapshot' | 'targets' | 'releases';
  const stored = async (role: Role, version: number): Promise<Buffer> => {
    const row = await db
      .selectFrom('tuf_metadata')
      .select('body')
      .where('role', '=', role)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    return Buffer.from(row.body);
  };
  const newest = async (role: Role): Promise<number> => {
    const row = await db
      .selectFrom('tuf_metadata')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.v);
  };
  let n = 0;
  const rollOutToAll = async (name: string) => {
    const numbered = /^content-release-([0-9]+)\.db$/.exec(name);
    if (numbered !== null)
      await storeRollout(
        db,
        { releaseNumber: Number(numbered[1]), stage: 'all', canaryGroup: null, percent: null, state: 'done' },
        'hubctl',
        new Date(),
      );
  };
  const expiry = (role: 'snapshot' | 'timestamp' | 'releases') =>
    new Date(Date.now() + TUF_EXPIRY_MS[role]).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const metaFile = (body: Buffer, version: number) =>
    new MetaFile({ version, length: body.length, hashes: { sha256: createHash('sha256').update(body).digest('hex') } });
  return {
    scratch,
    proxy,
    kiosk,
    kioskId,
    rootJson,
    offline,
    online,
    async publish(version, bytes, rollout = 'all') {
      const body = bytes ?? readFileSync(releaseVariant(join(scratch, `release-${++n}.db`), { version }));
      const upload = await uploadRelease(db, { bytes: body, where: version }, 'hubctl', new Date());
      const published = await publishRelease(db, upload.id, {
        targetsSigners: [offline.targets],
        online,
        actor: 'hubctl',
        now: new Date(),
        toAll: rollout === 'all',
      });
      return published.releaseNumber;
    },
    onlineReleases,
    async publishOnline(version, rollout = 'all') {
      if (onlineReleases === undefined) throw new Error('the rig was started without the delegated releases role');
      const body = readFileSync(releaseVariant(join(scratch, `release-${++n}.db`), { version }));
      const upload = await uploadRelease(db, { bytes: body, where: version }, 'hubctl', new Date());
      const published = await publishReleaseOnline(db, upload.id, {
        online: onlineReleases,
        actor: 'hubctl',
        now: new Date(),
        toAll: rollout === 'all',
      });
      return published.releaseNumber;
    },
    async publishDelegatedRaw(name, bytes, custom, signer) {
      if (onlineReleases === undefined) throw new Error('the rig was started without the delegated releases role');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await db
        .insertInto('tuf_targets')
        .values({ name, sha256, length: bytes.length, body: bytes, created_at: new Date().toISOString() })
        .execute();
      await rollOutToAll(name);
      const releasesVersion = await newest('releases');
      const previous = JSON.parse((await stored('releases', releasesVersion)).toString()) as {
        signed: { targets: Record<string, unknown> };
      };
      const target = new TargetFile({
        path: name,
        length: bytes.length,
        hashes: { sha256 },
        unrecognizedFields: { custom: custom as never },
      });
      const releases = new Metadata(
        new Targets({
          version: releasesVersion + 1,
          specVersion: '1.0.31',
          expires: expiry('releases'),
          targets: { ...Targets.fromJSON({ _type: 'targets', ...previous.signed } as never).targets, [name]: target },
        }),
      );
      releases.sign((data) => (signer ?? onlineReleases.releases).sign(data));
      const releasesBody = Buffer.from(JSON.stringify(releases.toJSON()));
      const targetsVersion = await newest('targets');
      const snapshotVersion = (await newest('snapshot')) + 1;
      const snapshot = new Metadata(
        new Snapshot({
          version: snapshotVersion,
          specVersion: '1.0.31',
          expires: expiry('snapshot'),
          meta: {
            'targets.json': metaFile(await stored('targets', targetsVersion), targetsVersion),
            'releases.json': metaFile(releasesBody, releasesVersion + 1),
          },
        }),
      );
      snapshot.sign((data) => online.snapshot.sign(data));
      const snapshotBody = Buffer.from(JSON.stringify(snapshot.toJSON()));
      const timestamp = new Metadata(
        new Timestamp({
          version: (await newest('timestamp')) + 1,
          specVersion: '1.0.31',
          expires: expiry('timestamp'),
          snapshotMeta: metaFile(snapshotBody, snapshotVersion),
        }),
      );
      timestamp.sign((data) => online.timestamp.sign(data));
      const at = new Date().toISOString();
      const row = (role: Role, version: number, body: Buffer, expires: string) => ({
        role,
        version,
        body: body.toString(),
        expires_at: expires,
        signed_at: at,
      });
      await db
        .insertInto('tuf_metadata')
        .values([
          row('releases', releasesVersion + 1, releasesBody, releases.signed.expires),
          row('snapshot', snapshotVersion, snapshotBody, snapshot.signed.expires),
          row(
            'timestamp',
            timestamp.signed.version,
            Buffer.from(JSON.stringify(timestamp.toJSON())),
            timestamp.signed.expires,
          ),
        ])
        .execute();
    },
    async addKiosk(name) {
      const other = await enrolled(name);
      others.push(other.kiosk);
      trustRoot(other.kiosk.dataDir, rootJson);
      return { ...other, served: () => servedBy(other.kiosk) };
    },
    async publishRaw(name, bytes, custom) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await publishTarget(db, {
        targetsSigners: [offline.targets],
        online,
        now: new Date(),
        async alsoStore(trx) {
          await trx
            .insertInto('tuf_targets')
            .values({ name, sha256, length: bytes.length, body: bytes, created_at: new Date().toISOString() })
            .execute();
          // Rolled out to every kiosk like the hub's own releases, so the kiosk's checks meet it.
          const numbered = /^content-release-([0-9]+)\.db$/.exec(name);
          if (numbered !== null)
            await storeRollout(
              trx,
              { releaseNumber: Number(numbered[1]), stage: 'all', canaryGroup: null, percent: null, state: 'done' },
              'hubctl',
              new Date(),
            );
          const target = new TargetFile({
            path: name,
            length: bytes.length,
            hashes: { sha256 },
            unrecognizedFields: { custom: custom as never },
          });
          return { target, result: undefined };
        },
      });
    },
    async forgeTimestamp(change, signer = online.timestamp) {
      const json = JSON.parse((await stored('timestamp', await newest('timestamp'))).toString()) as {
        signed: Record<string, unknown>;
      };
      change(json.signed);
      const forged = Metadata.fromJSON(MetadataKind.Timestamp, { ...json, signatures: [] } as never);
      forged.sign((data) => signer.sign(data), false);
      return Buffer.from(JSON.stringify(forged.toJSON()));
    },
    stored,
    newest,
    served: () => servedBy(kiosk),
    async close() {
      for (const other of others) await other.stop();
      await kiosk.stop();
      await proxy.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export const waitFor = async (what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 25));
  }
};
