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
import { contentReleaseTargetName } from '../../common/hub/api/tuf-files';
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
 *
 * Content releases can also be published without the offline keys: the
 * targets role delegates the paths `content-release-*` to a role
 * `releases` whose key the hub holds online, beside the snapshot and
 * timestamp keys. Why that is safe enough: the control over what is
 * published is the console's four-eyes approval (a second administrator
 * approves every change), which the offline keys could not add to — they
 * would only move the approval to whoever holds the USB key. Root and
 * targets stay offline, so their compromise model is unchanged; a stolen
 * online `releases` key can sign content releases (and nothing else: no
 * other path, no new root) until the targets role revokes it, which
 * `hubctl tuf delegate` does with a new key, with the offline targets key.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** How long each role's metadata is valid once signed. */
export const TUF_EXPIRY_MS: Record<TufRole, number> = {
  root: 365 * DAY_MS,
  targets: 365 * DAY_MS,
  snapshot: 7 * DAY_MS,
  timestamp: DAY_MS,
  // Online like snapshot, but renewed with every release too: a month leaves the renewal days to be fixed in.
  releases: 30 * DAY_MS,
};

/** The hub signs a new version of an online role when less than this is left of the current one. */
export const TUF_RENEW_BEFORE_MS = { snapshot: 3 * DAY_MS, timestamp: 12 * HOUR_MS, releases: 10 * DAY_MS } as const;

/** The delegated role the hub signs content releases with, online. */
export const RELEASES_ROLE = 'releases';
/** What the targets role lets `releases` sign: content releases, nothing else (no app, no other file a kiosk may take). */
export const RELEASES_PATHS: readonly string[] = ['content-release-*'];

/** The roles root names keys for. */
type TopRole = Exclude<TufRole, 'releases'>;

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
/** Publishing with the online releases key, on a repository whose targets delegate nothing to it. */
export class TufDelegationMissingError extends Error {
  constructor() {
    super(
      'the TUF targets role delegates no content releases to an online key: run `hubctl tuf delegate --keys DIR` with the offline targets key',
    );
  }
}

/** The keys the hub signs with on its own. */
export interface OnlineKeys {
  snapshot: TufSigner;
  timestamp: TufSigner;
}

interface StoredMetadata {
  version: number;
  body: string;
}

/** The keys the hub signs with on its own, with the key of the delegated `releases` role. */
export interface OnlineReleaseKeys extends OnlineKeys {
  releases: TufSigner;
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
  releases: Targets;
}

function parsed<R extends TufRole>(role: R, stored: StoredMetadata): Metadata<MetadataOf[R]> {
  // The kind names the class fromJSON makes; its overloads cannot say so for a role known only as R.
  const json = JSON.parse(stored.body) as Record<string, never>;
  const kind = role === RELEASES_ROLE ? MetadataKind.Targets : role;
  return Metadata.fromJSON(kind as MetadataKind.Root, json) as unknown as Metadata<MetadataOf[R]>;
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
  role: TopRole,
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

/** The key ids the targets role delegates content releases to (none: no delegation). */
export const releasesKeyIdsOf = (targets: Targets): string[] =>
  targets.delegations?.roles?.[RELEASES_ROLE]?.keyIDs ?? [];

/** Signs the delegated role's metadata; the key must be the one the targets role delegates to. */
function signDelegated(metadata: Metadata<Targets>, targets: Targets, signer: TufSigner): Metadata<Targets> {
  checkReleasesKey(targets, signer);
  metadata.sign((data) => signer.sign(data));
  return metadata;
}

/** Whether `signer` is the key the targets role delegates content releases to. */
export function checkReleasesKey(targets: Targets, signer: TufSigner): void {
  const delegated = releasesKeyIdsOf(targets);
  if (delegated.length === 0) throw new TufDelegationMissingError();
  if (!delegated.includes(signer.keyId))
    throw new TufWrongKeyError(
      `the online releases key (${signer.keyId}) is not the one the TUF targets (version ${targets.version}) delegates to (${delegated.join(', ')}): use the key file made by \`hubctl tuf init\` or \`hubctl tuf delegate\` (every hub on one database needs the same one)`,
    );
}

/**
 * Targets delegating content releases to one key. Made from JSON, as
 * @tufjs/models does not export its Delegations class.
 */
function delegatingTargets(
  options: { version: number; expires: string; targets?: Record<string, TargetFile> },
  key: Key,
): Targets {
  const json = new Targets({ ...options, specVersion: SPEC_VERSION }).toJSON();
  json['delegations'] = {
    keys: { [key.keyID]: key.toJSON() },
    roles: [
      {
        name: RELEASES_ROLE,
        keyids: [key.keyID],
        threshold: 1,
        // A release name the role does not list is not looked for elsewhere.
        terminating: true,
        paths: [...RELEASES_PATHS],
      },
    ],
  };
  return Targets.fromJSON(json);
}

/** Each role's key ids, for the audit log and the operator. */
export const keyIdsOf = (root: Root): Record<TopRole, string[]> => ({
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

/** A file of a targets role as the snapshot names it. */
const metaFileOf = (file: StoredMetadata): MetaFile =>
  new MetaFile({ version: file.version, length: Buffer.byteLength(file.body), hashes: { sha256: sha256(file.body) } });

/** A stored version, as the snapshot's input. */
const asFile = (role: TufRole, stored: StoredMetadata): NewFile => ({ role, expires: '', ...stored });

/**
 * A snapshot naming the targets file (and the delegated releases file,
 * once there is one) as stored, and a timestamp naming that snapshot,
 * each the version after the one the transaction read as the latest — to
 * store with whatever else the transaction stores (a new targets or
 * releases file is passed in, as it is not stored yet). Never read again
 * here: had another writer stored a version since, a second read would
 * take the version after it, and both writers would store one; with the
 * version first read, the later writer's insert is refused.
 */
function snapshotAndTimestamp(
  root: Root,
  online: OnlineKeys,
  now: Date,
  files: { targets: NewFile; releases: NewFile | undefined },
  stored: StoredVersions,
): NewFile[] {
  const snapshotVersion = stored.snapshot + 1;
  const meta: Record<string, MetaFile> = { 'targets.json': metaFileOf(files.targets) };
  if (files.releases !== undefined) meta[`${RELEASES_ROLE}.json`] = metaFileOf(files.releases);
  const snapshot = new Metadata(
    new Snapshot({
      version: snapshotVersion,
      specVersion: SPEC_VERSION,
      expires: expiryAfter(now, TUF_EXPIRY_MS.snapshot),
      meta,
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
  /** The online key content releases are delegated to; without it the targets delegate nothing (`hubctl tuf delegate` adds it). */
  releases?: TufSigner | undefined;
}

/**
 * The first root (its keys: one per role, threshold 1), empty targets
 * (delegating content releases to `keys.releases` when given, with the
 * delegated role's first, empty, version), and the snapshot and timestamp
 * over them. Refused when a root exists. Answers the root's JSON: the file
 * kiosks are installed with.
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
  const first = { version: 1, expires: expiryAfter(now, TUF_EXPIRY_MS.targets) };
  const targetsSigned =
    keys.releases === undefined
      ? new Targets({ ...first, specVersion: SPEC_VERSION })
      : delegatingTargets(first, keys.releases.publicKey);
  const targetsFile = fileOf('targets', signAs(new Metadata(targetsSigned), root, 'targets', [keys.targets]));
  const releasesFile =
    keys.releases === undefined ? undefined : delegatedFile(targetsSigned, keys.releases, now, 1, {});
  try {
    await db.transaction().execute(async (trx) => {
      if (await repositoryExists(trx)) throw new TufRepositoryExistsError();
      const files = { targets: targetsFile, releases: releasesFile };
      await insertMetadata(
        trx,
        [
          rootFile,
          targetsFile,
          ...(releasesFile === undefined ? [] : [releasesFile]),
          ...snapshotAndTimestamp(root, keys, now, files, await storedVersions(trx)),
        ],
        now,
      );
      const details = { ...keyIdsOf(root), releases: releasesKeyIdsOf(targetsSigned) };
      await appendAudit(trx, { actor, action: 'tuf.init', target: 'tuf-root:1', details }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TufRepositoryExistsError();
    throw error;
  }
  return { rootJson: rootFile.body };
}

/** The stored delegated role is not signed by the key the targets delegate to: its file was not written by this hub. */
export class TufForeignMetadataError extends Error {}

/**
 * The latest stored version of the delegated role, refused unless the key
 * the current targets delegate to signed it: the hub builds the next
 * version on its list of releases, and must not sign again a list someone
 * with write access to the database (but not the key) made up.
 */
function trustedReleases(delegator: Metadata<Targets>, stored: StoredMetadata): Targets {
  const releases = parsed(RELEASES_ROLE, stored);
  try {
    delegator.verifyDelegate(RELEASES_ROLE, releases);
  } catch (error) {
    throw new TufForeignMetadataError(
      `the stored ${RELEASES_ROLE} metadata (version ${stored.version}) is not signed by the key the TUF targets delegate to (${(error as Error).message}): it was not written by this hub; find out how it got into the database, then sign the role anew with \`hubctl tuf delegate --keys DIR\``,
    );
  }
  return releases.signed;
}

/** A version of the delegated releases role listing `targets`, signed by the key `delegator` delegates to. */
function delegatedFile(
  delegator: Targets,
  signer: TufSigner,
  now: Date,
  version: number,
  targets: Record<string, TargetFile>,
): NewFile {
  const releases = new Metadata(
    new Targets({ version, specVersion: SPEC_VERSION, expires: expiryAfter(now, TUF_EXPIRY_MS.releases), targets }),
  );
  return fileOf(RELEASES_ROLE, signDelegated(releases, delegator, signer));
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
    const releasesStored = await latestOf(trx, RELEASES_ROLE);
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
        // The delegation stays as it is: only `hubctl tuf delegate` changes it.
        ...(previous.delegations === undefined ? {} : { delegations: previous.delegations }),
      }),
    );
    const targetsFile = fileOf('targets', signAs(targets, root, 'targets', opts.targetsSigners));
    const files = {
      targets: targetsFile,
      releases: releasesStored === undefined ? undefined : asFile(RELEASES_ROLE, releasesStored),
    };
    await insertMetadata(
      trx,
      [targetsFile, ...snapshotAndTimestamp(root, opts.online, opts.now, files, versions)],
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
    // Root names keys for the four top-level roles; the delegation lives in targets and is carried by it.
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
export async function renewExpiring(
  db: HubDb,
  online: OnlineKeys & { releases?: TufSigner | undefined },
  now: Date,
): Promise<RenewalOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const [rootStored, targetsStored, snapshotStored, timestampStored, releasesStored] = await Promise.all(
        (['root', 'targets', 'snapshot', 'timestamp', RELEASES_ROLE] as const).map((role) => latestOf(trx, role)),
      );
      if (rootStored === undefined || targetsStored === undefined) return 'no-repository';
      const root = parsed('root', rootStored).signed;
      checkOnlineKeys(root, online);
      const snapshot = snapshotStored === undefined ? undefined : parsed('snapshot', snapshotStored).signed;
      const timestamp = timestampStored === undefined ? undefined : parsed('timestamp', timestampStored).signed;
      const releases = releasesStored === undefined ? undefined : parsed(RELEASES_ROLE, releasesStored).signed;
      const left = (signed: { expires: string } | undefined) =>
        signed === undefined ? -Infinity : Date.parse(signed.expires) - now.getTime();
      // Without its key (a hub whose keys directory predates the delegation) it is not renewed here; the check says so.
      const newReleases =
        releases !== undefined && online.releases !== undefined && left(releases) < TUF_RENEW_BEFORE_MS.releases;
      let releasesFile = releasesStored === undefined ? undefined : asFile(RELEASES_ROLE, releasesStored);
      if (newReleases) {
        const delegator = parsed('targets', targetsStored);
        const listed = trustedReleases(delegator, releasesStored!).targets;
        releasesFile = delegatedFile(delegator.signed, online.releases!, now, releases.version + 1, listed);
      }
      const newSnapshot =
        newReleases ||
        left(snapshot) < TUF_RENEW_BEFORE_MS.snapshot ||
        snapshot?.meta['targets.json']?.version !== targetsStored.version ||
        snapshot.meta[`${RELEASES_ROLE}.json`]?.version !== releasesStored?.version;
      const newTimestamp =
        newSnapshot ||
        left(timestamp) < TUF_RENEW_BEFORE_MS.timestamp ||
        timestamp?.snapshotMeta.version !== snapshotStored?.version;
      if (!newTimestamp) return 'fresh';
      const read = { snapshot: snapshotStored?.version ?? 0, timestamp: timestampStored?.version ?? 0 };
      const files = newSnapshot
        ? [
            ...(newReleases ? [releasesFile!] : []),
            ...snapshotAndTimestamp(
              root,
              online,
              now,
              { targets: asFile('targets', targetsStored), releases: releasesFile },
              read,
            ),
          ]
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

/**
 * `hubctl tuf delegate`: a new targets version, signed with the offline
 * targets key, delegating content releases (`content-release-*`) to
 * `releases` — an online key the hub keeps beside its snapshot and
 * timestamp keys — in place of any key delegated before; and a new
 * version of the delegated role signed by that key, listing the releases
 * it listed. A key given again (the same one) only signs both anew.
 * Revoking a stolen online key is this with a new key: the old one's
 * signatures no longer count from the next targets version a kiosk reads.
 */
export async function delegateReleases(
  db: HubDb,
  opts: { targetsSigners: readonly TufSigner[]; online: OnlineKeys; releases: TufSigner; actor: AuditActor; now: Date },
): Promise<{ targetsVersion: number; releasesVersion: number }> {
  return withRetries(db, async (trx) => {
    const rootStored = await latestOf(trx, 'root');
    const targetsStored = await latestOf(trx, 'targets');
    const releasesStored = await latestOf(trx, RELEASES_ROLE);
    const versions = await storedVersions(trx);
    if (rootStored === undefined || targetsStored === undefined) throw new TufRepositoryMissingError();
    const root = parsed('root', rootStored).signed;
    const previous = parsed('targets', targetsStored).signed;
    const targetsSigned = delegatingTargets(
      {
        version: previous.version + 1,
        expires: expiryAfter(opts.now, TUF_EXPIRY_MS.targets),
        targets: previous.targets,
      },
      opts.releases.publicKey,
    );
    const targetsFile = fileOf('targets', signAs(new Metadata(targetsSigned), root, 'targets', opts.targetsSigners));
    // Carried over: only what this hub published (its release records say so). A new key is given after the old
    // one was stolen, and whatever the thief listed with it (validly signed by it) must not be signed again.
    const listed: Record<string, TargetFile> = {};
    if (releasesStored !== undefined) {
      const own = await trx
        .selectFrom('content_releases')
        .select(['release_number', 'sha256'])
        .where('release_number', 'is not', null)
        .execute();
      const ours = new Set(own.map((r) => `${contentReleaseTargetName(r.release_number!)}:${r.sha256}`));
      for (const [name, target] of Object.entries(parsed(RELEASES_ROLE, releasesStored).signed.targets))
        if (ours.has(`${name}:${target.hashes['sha256'] ?? ''}`)) listed[name] = target;
    }
    const releasesVersion = (releasesStored?.version ?? 0) + 1;
    const releasesFile = delegatedFile(targetsSigned, opts.releases, opts.now, releasesVersion, listed);
    await insertMetadata(
      trx,
      [
        targetsFile,
        releasesFile,
        ...snapshotAndTimestamp(
          root,
          opts.online,
          opts.now,
          { targets: targetsFile, releases: releasesFile },
          versions,
        ),
      ],
      opts.now,
    );
    await appendAudit(
      trx,
      {
        actor: opts.actor,
        action: 'tuf.delegate',
        target: `tuf-targets:${targetsFile.version}`,
        details: {
          releases: [opts.releases.keyId],
          revoked: releasesKeyIdsOf(previous).filter((id) => id !== opts.releases.keyId),
          paths: [...RELEASES_PATHS],
          releasesVersion,
        },
      },
      opts.now,
    );
    return { targetsVersion: targetsFile.version, releasesVersion };
  });
}

/**
 * A new version of the delegated releases role adding the target made by
 * `alsoStore`, signed by the online releases key (which must be the one
 * the current targets delegate to), with a new snapshot and timestamp —
 * one transaction with what `alsoStore` writes, retried like publishTarget.
 * No offline key is involved: what the hub publishes this way is held back
 * by the console's review, not by a key.
 */
export async function publishDelegatedTarget<T>(
  db: HubDb,
  opts: {
    online: OnlineReleaseKeys;
    now: Date;
    alsoStore: (trx: Transaction<HubDatabase>, releasesVersion: number) => Promise<{ target: TargetFile; result: T }>;
  },
): Promise<T> {
  return withRetries(db, async (trx) => {
    const rootStored = await latestOf(trx, 'root');
    const targetsStored = await latestOf(trx, 'targets');
    const releasesStored = await latestOf(trx, RELEASES_ROLE);
    const versions = await storedVersions(trx);
    if (rootStored === undefined || targetsStored === undefined) throw new TufRepositoryMissingError();
    if (releasesStored === undefined) throw new TufDelegationMissingError();
    const root = parsed('root', rootStored).signed;
    const delegatorMetadata = parsed('targets', targetsStored);
    const delegator = delegatorMetadata.signed;
    checkReleasesKey(delegator, opts.online.releases);
    const previous = trustedReleases(delegatorMetadata, releasesStored);
    const { target, result } = await opts.alsoStore(trx, previous.version + 1);
    const releasesFile = delegatedFile(delegator, opts.online.releases, opts.now, previous.version + 1, {
      ...previous.targets,
      [target.path]: target,
    });
    const files = { targets: asFile('targets', targetsStored), releases: releasesFile };
    await insertMetadata(
      trx,
      [releasesFile, ...snapshotAndTimestamp(root, opts.online, opts.now, files, versions)],
      opts.now,
    );
    return result;
  });
}
