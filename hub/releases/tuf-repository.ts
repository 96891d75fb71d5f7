import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  Metadata,
  MetadataKind,
  MetaFile,
  Root,
  Snapshot,
  Targets,
  Timestamp,
  type Key,
  type TargetFile,
} from '@tufjs/models';
import type { HubDatabase, HubDb, TufRole } from '../storage/schema';
import { isUniqueViolation } from '../storage/unique-violation';
import { appendAudit, type AuditActor } from '../storage/audit-log';
import type { TufSigner } from './tuf-keys';

/**
 * The hub's TUF repository, kept in its database (migration 11), with
 * consistent snapshots: every root, targets and snapshot version is served
 * under its own name (`N.root.json`…) and never changes, only
 * `timestamp.json` does — friendly to a CDN in front.
 *
 * Root and targets are signed with offline keys, passed in by `hubctl` for
 * the one command that needs them; snapshot and timestamp with the online
 * keys the hub keeps, so it renews them on its own before they expire.
 * Every write is one transaction that checks nothing changed underneath:
 * the version a new file takes is the stored one plus one, and the primary
 * key (role, version) refuses a second file of that version — so two hubs
 * renewing at once, or a hub renewing while `hubctl` publishes, never
 * serve two different files under one version; the loser tries again on
 * what the winner stored, or leaves it at that.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** How long each role's metadata is valid once signed. */
export const TUF_EXPIRY_MS: Record<TufRole, number> = {
  root: 365 * DAY_MS,
  targets: 365 * DAY_MS,
  snapshot: 7 * DAY_MS,
  timestamp: DAY_MS,
};

/** The hub signs a new version of an online role when less than this is left of the current one. */
export const TUF_RENEW_BEFORE_MS = { snapshot: 3 * DAY_MS, timestamp: 12 * HOUR_MS } as const;

/** The TUF specification our metadata follows (@tufjs/models's). */
const SPEC_VERSION = '1.0.31';

/** `hubctl tuf init` on a database that has a repository already. */
export class TufRepositoryExistsError extends Error {
  constructor() {
    super(
      'this hub has a TUF repository already: rotate its root with `hubctl tuf rotate-root`; it is never made again (kiosks trust the first root)',
    );
  }
}
/** A command that needs the repository, on a database without one. */
export class TufRepositoryMissingError extends Error {
  constructor() {
    super('there is no TUF repository yet: make one with `hubctl tuf init --keys DIR`');
  }
}
/** A key given to sign a role is not one the current root names for it. */
export class TufWrongKeyError extends Error {}

/** The keys the hub signs with on its own. */
export interface OnlineKeys {
  snapshot: TufSigner;
  timestamp: TufSigner;
}

interface StoredMetadata {
  version: number;
  body: string;
}

/** The latest snapshot and timestamp versions a transaction read (0: none). */
interface StoredVersions {
  snapshot: number;
  timestamp: number;
}

async function storedVersions(trx: Db): Promise<StoredVersions> {
  return {
    snapshot: (await latestOf(trx, 'snapshot'))?.version ?? 0,
    timestamp: (await latestOf(trx, 'timestamp'))?.version ?? 0,
  };
}

/** Expiry as TUF writes it: UTC, whole seconds. */
const expiryAfter = (now: Date, ms: number): string =>
  new Date(now.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

type Db = HubDb | Transaction<HubDatabase>;

async function latestOf(db: Db, role: TufRole): Promise<StoredMetadata | undefined> {
  return db
    .selectFrom('tuf_metadata')
    .select(['version', 'body'])
    .where('role', '=', role)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

interface MetadataOf {
  root: Root;
  targets: Targets;
  snapshot: Snapshot;
  timestamp: Timestamp;
}

function parsed<R extends TufRole>(role: R, stored: StoredMetadata): Metadata<MetadataOf[R]> {
  // The kind names the class fromJSON makes; its overloads cannot say so for a role known only as R.
  const json = JSON.parse(stored.body) as Record<string, never>;
  return Metadata.fromJSON(role as MetadataKind.Root, json) as unknown as Metadata<MetadataOf[R]>;
}

/** Whether `tuf init` was run on this database. */
export const repositoryExists = async (db: Db): Promise<boolean> => (await latestOf(db, 'root')) !== undefined;

/** The latest version of a role, parsed; undefined before `tuf init`. */
export async function currentMetadata<R extends TufRole>(
  db: Db,
  role: R,
): Promise<Metadata<MetadataOf[R]> | undefined> {
  const stored = await latestOf(db, role);
  return stored === undefined ? undefined : parsed(role, stored);
}

/** Signs with each signer; each must be a key the root names for the role. */
function signAs<T extends Root | Targets | Snapshot | Timestamp>(
  metadata: Metadata<T>,
  root: Root,
  role: TufRole,
  signers: readonly TufSigner[],
): Metadata<T> {
  for (const signer of signers) {
    if (!root.roles[role]?.keyIDs.includes(signer.keyId))
      throw new TufWrongKeyError(
        `key ${signer.keyId} is not a ${role} key of the repository's root (version ${root.version}), which names ${root.roles[role]?.keyIDs.join(', ') || 'none'}`,
      );
    metadata.sign((data) => signer.sign(data));
  }
  return metadata;
}

/** Each role's key ids, for the audit log and the operator. */
export const keyIdsOf = (root: Root): Record<TufRole, string[]> => ({
  root: root.roles['root']?.keyIDs ?? [],
  targets: root.roles['targets']?.keyIDs ?? [],
  snapshot: root.roles['snapshot']?.keyIDs ?? [],
  timestamp: root.roles['timestamp']?.keyIDs ?? [],
});

const bodyOf = (metadata: Metadata<Root | Targets | Snapshot | Timestamp>): string => JSON.stringify(metadata.toJSON());

interface NewFile {
  role: TufRole;
  version: number;
  body: string;
  expires: string;
}

async function insertMetadata(trx: Db, files: readonly NewFile[], now: Date): Promise<void> {
  for (const f of files)
    await trx
      .insertInto('tuf_metadata')
      .values({ role: f.role, version: f.version, body: f.body, expires_at: f.expires, signed_at: now.toISOString() })
      .execute();
}

const fileOf = (role: TufRole, metadata: Metadata<Root | Targets | Snapshot | Timestamp>): NewFile => ({
  role,
  version: metadata.signed.version,
  body: bodyOf(metadata),
  expires: metadata.signed.expires,
});

/**
 * A snapshot naming the targets file as stored, and a timestamp naming that
 * snapshot, each the version after the one the transaction read as the
 * latest — to store with whatever else the transaction stores (a new
 * targets file is passed in, as it is not stored yet). Never read again
 * here: had another writer stored a version since, a second read would
 * take the version after it, and both writers would store one; with the
 * version first read, the later writer's insert is refused.
 */
function snapshotAndTimestamp(
  root: Root,
  online: OnlineKeys,
  now: Date,
  targets: NewFile,
  stored: StoredVersions,
): NewFile[] {
  const snapshotVersion = stored.snapshot + 1;
  const snapshot = new Metadata(
    new Snapshot({
      version: snapshotVersion,
      specVersion: SPEC_VERSION,
      expires: expiryAfter(now, TUF_EXPIRY_MS.snapshot),
      meta: {
        'targets.json': new MetaFile({
          version: targets.version,
          length: Buffer.byteLength(targets.body),
          hashes: { sha256: sha256(targets.body) },
        }),
      },
    }),
  );
  const snapshotFile = fileOf('snapshot', signAs(snapshot, root, 'snapshot', [online.snapshot]));
  return [snapshotFile, timestampOver(root, online, now, snapshotFile, stored.timestamp)];
}

/** Whether an error is another writer having stored first (a version taken, or SQLite's write lock moved on). */
function lostRace(error: unknown): boolean {
  if (isUniqueViolation(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const ATTEMPTS = 5;

/**
 * Runs a write in a transaction, again on what the winner stored when
 * another writer stored first; gives up (with that writer's error) after a
 * few tries, which only a stream of writers could cause.
 */
async function withRetries<T>(db: HubDb, write: (trx: Transaction<HubDatabase>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(write);
    } catch (error) {
      if (!lostRace(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

export interface InitKeys extends OnlineKeys {
  root: TufSigner;
  targets: TufSigner;
}

/**
 * The first root (its keys: one per role, threshold 1), empty targets, and
 * the snapshot and timestamp over them. Refused when a root exists.
 * Answers the root's JSON: the file kiosks are installed with.
 */
export async function initRepository(
  db: HubDb,
  keys: InitKeys,
  actor: AuditActor,
  now: Date,
): Promise<{ rootJson: string }> {
  const root = new Root({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiryAfter(now, TUF_EXPIRY_MS.root),
    consistentSnapshot: true,
  });
  for (const role of ['root', 'targets', 'snapshot', 'timestamp'] as const) root.addKey(keys[role].publicKey, role);
  const rootFile = fileOf('root', signAs(new Metadata(root), root, 'root', [keys.root]));
  const targets = new Metadata(
    new Targets({ version: 1, specVersion: SPEC_VERSION, expires: expiryAfter(now, TUF_EXPIRY_MS.targets) }),
  );
  const targetsFile = fileOf('targets', signAs(targets, root, 'targets', [keys.targets]));
  try {
    await db.transaction().execute(async (trx) => {
      if (await repositoryExists(trx)) throw new TufRepositoryExistsError();
      await insertMetadata(
        trx,
        [rootFile, targetsFile, ...snapshotAndTimestamp(root, keys, now, targetsFile, await storedVersions(trx))],
        now,
      );
      await appendAudit(trx, { actor, action: 'tuf.init', target: 'tuf-root:1', details: keyIdsOf(root) }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TufRepositoryExistsError();
    throw error;
  }
  return { rootJson: rootFile.body };
}

/**
 * A new targets version adding `target` (none: the same targets, signed
 * for another year), signed by every signer given (the offline targets key
 * now; a second signer fits here when the console's review flow publishes
 * through a delegated key), with a new snapshot and timestamp, stored in
 * one transaction together with what `alsoStore` writes (the release it
 * publishes, the audit row). `target` is made inside the transaction, from
 * what it reads (the release number is the stored highest plus one), so a
 * retry after another writer won makes it again.
 */
export async function publishTarget<T>(
  db: HubDb,
  opts: {
    targetsSigners: readonly TufSigner[];
    online: OnlineKeys;
    now: Date;
    /** Reads what it needs in the transaction, stores what goes with the target (and its audit row), and answers the target. */
    alsoStore: (
      trx: Transaction<HubDatabase>,
      targetsVersion: number,
    ) => Promise<{ target: TargetFile | undefined; result: T }>;
  },
): Promise<T> {
  return withRetries(db, async (trx) => {
    const rootStored = await latestOf(trx, 'root');
    const targetsStored = await latestOf(trx, 'targets');
    const versions = await storedVersions(trx);
    if (rootStored === undefined || targetsStored === undefined) throw new TufRepositoryMissingError();
    const root = parsed('root', rootStored).signed;
    const previous = parsed('targets', targetsStored).signed;
    const { target, result } = await opts.alsoStore(trx, previous.version + 1);
    const targets = new Metadata(
      new Targets({
        version: previous.version + 1,
        specVersion: SPEC_VERSION,
        expires: expiryAfter(opts.now, TUF_EXPIRY_MS.targets),
        targets: target === undefined ? previous.targets : { ...previous.targets, [target.path]: target },
      }),
    );
    const targetsFile = fileOf('targets', signAs(targets, root, 'targets', opts.targetsSigners));
    await insertMetadata(
      trx,
      [targetsFile, ...snapshotAndTimestamp(root, opts.online, opts.now, targetsFile, versions)],
      opts.now,
    );
    return result;
  });
}

/**
 * The next root version: the same keys for targets, snapshot and timestamp,
 * `newRoot` in place of the root keys, signed by the current root key and
 * the new one — a client trusting the current root accepts it (the old
 * keys' threshold), and it is valid by its own keys. With `newRoot` the
 * current key, the same root signed for another year.
 */
export async function rotateRoot(
  db: HubDb,
  keys: { currentRoot: TufSigner; newRoot: TufSigner },
  actor: AuditActor,
  now: Date,
): Promise<{ version: number; rootJson: string }> {
  return withRetries(db, async (trx) => {
    const stored = await latestOf(trx, 'root');
    if (stored === undefined) throw new TufRepositoryMissingError();
    const previous = parsed('root', stored).signed;
    if (!previous.roles['root']?.keyIDs.includes(keys.currentRoot.keyId))
      throw new TufWrongKeyError(
        `key ${keys.currentRoot.keyId} is not the root key of the repository's root (version ${previous.version})`,
      );
    const root = new Root({
      version: previous.version + 1,
      specVersion: SPEC_VERSION,
      expires: expiryAfter(now, TUF_EXPIRY_MS.root),
      consistentSnapshot: true,
    });
    root.addKey(keys.newRoot.publicKey, 'root');
    for (const role of ['targets', 'snapshot', 'timestamp'] as const) {
      for (const id of previous.roles[role]?.keyIDs ?? []) root.addKey(previous.keys[id] as Key, role);
    }
    const metadata = new Metadata(root);
    // The old key signs as the root the clients trust now; the new one as the root it becomes.
    signAs(metadata, previous, 'root', [keys.currentRoot]);
    signAs(metadata, root, 'root', [keys.newRoot]);
    const file = fileOf('root', metadata);
    await insertMetadata(trx, [file], now);
    const action = keys.newRoot.keyId === keys.currentRoot.keyId ? 'tuf.renew-root' : 'tuf.rotate-root';
    await appendAudit(trx, { actor, action, target: `tuf-root:${file.version}`, details: keyIdsOf(root) }, now);
    return { version: file.version, rootJson: file.body };
  });
}

/** Whether the online keys are the ones the current root names for snapshot and timestamp. */
export function checkOnlineKeys(root: Root, online: OnlineKeys): void {
  for (const role of ['snapshot', 'timestamp'] as const) {
    if (!root.roles[role]?.keyIDs.includes(online[role].keyId))
      throw new TufWrongKeyError(
        `the online ${role} key (${online[role].keyId}) is not the one the TUF root names (${root.roles[role]?.keyIDs.join(', ')}): use the key files made by \`hubctl tuf init\` (every hub on one database needs the same ones)`,
      );
  }
}

export type RenewalOutcome = 'no-repository' | 'fresh' | 'renewed' | 'renewed-elsewhere';

/**
 * What the hub does on its own: a new snapshot when fewer than three days
 * are left of it (or it does not name the latest targets), and a new
 * timestamp when fewer than twelve hours are left of it (or it does not
 * name the latest snapshot). `renewed-elsewhere`: another hub instance (or
 * hubctl) stored a new version first, which is as good.
 */
export async function renewExpiring(db: HubDb, online: OnlineKeys, now: Date): Promise<RenewalOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const [rootStored, targetsStored, snapshotStored, timestampStored] = await Promise.all(
        (['root', 'targets', 'snapshot', 'timestamp'] as const).map((role) => latestOf(trx, role)),
      );
      if (rootStored === undefined || targetsStored === undefined) return 'no-repository';
      const root = parsed('root', rootStored).signed;
      checkOnlineKeys(root, online);
      const snapshot = snapshotStored === undefined ? undefined : parsed('snapshot', snapshotStored).signed;
      const timestamp = timestampStored === undefined ? undefined : parsed('timestamp', timestampStored).signed;
      const left = (signed: { expires: string } | undefined) =>
        signed === undefined ? -Infinity : Date.parse(signed.expires) - now.getTime();
      const newSnapshot =
        left(snapshot) < TUF_RENEW_BEFORE_MS.snapshot ||
        snapshot?.meta['targets.json']?.version !== targetsStored.version;
      const newTimestamp =
        newSnapshot ||
        left(timestamp) < TUF_RENEW_BEFORE_MS.timestamp ||
        timestamp?.snapshotMeta.version !== snapshotStored?.version;
      if (!newTimestamp) return 'fresh';
      const read = { snapshot: snapshotStored?.version ?? 0, timestamp: timestampStored?.version ?? 0 };
      const files = newSnapshot
        ? snapshotAndTimestamp(root, online, now, { role: 'targets', expires: '', ...targetsStored }, read)
        : [timestampOver(root, online, now, snapshotStored!, read.timestamp)];
      await insertMetadata(trx, files, now);
      return 'renewed';
    });
  } catch (error) {
    if (lostRace(error)) return 'renewed-elsewhere';
    throw error;
  }
}

/** A timestamp naming the snapshot, the version after `storedTimestamp` (as read, see snapshotAndTimestamp). */
function timestampOver(
  root: Root,
  online: OnlineKeys,
  now: Date,
  snapshot: StoredMetadata,
  storedTimestamp: number,
): NewFile {
  const timestamp = new Metadata(
    new Timestamp({
      version: storedTimestamp + 1,
      specVersion: SPEC_VERSION,
      expires: expiryAfter(now, TUF_EXPIRY_MS.timestamp),
      snapshotMeta: new MetaFile({
        version: snapshot.version,
        length: Buffer.byteLength(snapshot.body),
        hashes: { sha256: sha256(snapshot.body) },
      }),
    }),
  );
  return fileOf('timestamp', signAs(timestamp, root, 'timestamp', [online.timestamp]));
}

/**
 * The targets signed again for another year, as they are, with a new
 * snapshot and timestamp: for a year with no release published. Audited.
 */
export async function renewTargets(
  db: HubDb,
  opts: { targetsSigners: readonly TufSigner[]; online: OnlineKeys; actor: AuditActor; now: Date },
): Promise<{ targetsVersion: number }> {
  return publishTarget(db, {
    ...opts,
    async alsoStore(trx, targetsVersion) {
      await appendAudit(
        trx,
        { actor: opts.actor, action: 'tuf.renew-targets', target: `tuf-targets:${targetsVersion}` },
        opts.now,
      );
      return { target: undefined, result: { targetsVersion } };
    },
  });
}
