import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { TargetFile } from '@tufjs/models';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { contentReleaseTargetName, type ContentReleaseCustom } from '../../common/hub/api/tuf-files';
import { appendAudit, type AuditActor, actorText } from '../storage/audit-log';
import type { Transaction } from 'kysely';
import type { HubDatabase, HubDb } from '../storage/schema';
import type { TufSigner } from './tuf-keys';
import { storeRollout } from './rollouts';
import { publishDelegatedTarget, publishTarget, type OnlineKeys, type OnlineReleaseKeys } from './tuf-repository';

/**
 * Content releases (content.db files made by the content builder) as the
 * hub takes them: uploaded and checked first, kept unpublished until an
 * administrator publishes one, which gives it the next release number and
 * makes it a target of the TUF repository, signed.
 */

/** A file that is not a content release this hub publishes; the message says what is wrong with it. */
export class ContentReleaseRefusedError extends Error {}
/** No upload of that id, or one published already. */
export class ReleaseUploadError extends Error {}

/** How many of quick_check's findings a refusal quotes. */
const CHECK_LINES_QUOTED = 3;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface CheckedRelease {
  version: string;
  schemaVersion: number;
}

/**
 * Checks the very bytes that will be stored (opened read-only from memory,
 * so what is checked is what is kept): a SQLite database, sound by
 * `quick_check`, of the content schema this software builds, with a
 * `meta.version`. `where` names the file in the refusals.
 */
export function checkContentRelease(bytes: Buffer, where: string): CheckedRelease {
  if (bytes.length < 100 || !bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER))
    throw new ContentReleaseRefusedError(`${where} is not a SQLite database, so not a content release`);
  let db: Database.Database | undefined;
  try {
    db = new Database(bytes, { readonly: true });
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw new ContentReleaseRefusedError(
        `${where} is damaged (quick_check: ${problems.slice(0, CHECK_LINES_QUOTED).join('; ')}): build it again`,
      );
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion !== CONTENT_SCHEMA_VERSION)
      throw new ContentReleaseRefusedError(
        `${where} is built for content schema ${schemaVersion}, and this hub publishes schema ${CONTENT_SCHEMA_VERSION}: build it with this software's \`npm run content:build\``,
      );
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get();
    const version = hasMeta
      ? (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: unknown } | undefined)?.value
      : undefined;
    if (typeof version !== 'string' || version.length === 0 || version.length > 100)
      throw new ContentReleaseRefusedError(
        `${where} has no version in its meta table: not a release made by the content builder`,
      );
    return { version, schemaVersion };
  } catch (error) {
    if (error instanceof ContentReleaseRefusedError) throw error;
    throw new ContentReleaseRefusedError(`${where} is damaged (${(error as Error).message}): build it again`);
  } finally {
    db?.close();
  }
}

export interface ReleaseSummary {
  id: number;
  version: string;
  schemaVersion: number;
  sha256: string;
  length: number;
  uploadedAt: string;
  uploadedBy: string;
  /** Null until published. */
  releaseNumber: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** Checks and stores a release, unpublished; audited. */
export async function uploadRelease(
  db: HubDb,
  file: { bytes: Buffer; where: string },
  actor: AuditActor,
  now: Date,
): Promise<ReleaseSummary> {
  const checked = checkContentRelease(file.bytes, file.where);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('content_releases')
      .values({
        sha256,
        length: file.bytes.length,
        version: checked.version,
        schema_version: checked.schemaVersion,
        uploaded_at: now.toISOString(),
        uploaded_by: actorText(actor),
        body: file.bytes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        actor,
        action: 'release.upload',
        target: `release-upload:${row.id}`,
        details: { version: checked.version, sha256, length: file.bytes.length },
      },
      now,
    );
    return (await listReleases(trx, row.id))[0]!;
  });
}

/** Every release uploaded, oldest first (or the one asked for). */
export async function listReleases(db: HubDb, id?: number): Promise<ReleaseSummary[]> {
  let query = db
    .selectFrom('content_releases')
    .select([
      'id',
      'version',
      'schema_version',
      'sha256',
      'length',
      'uploaded_at',
      'uploaded_by',
      'release_number',
      'published_at',
      'published_by',
    ]);
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    schemaVersion: r.schema_version,
    sha256: r.sha256,
    length: r.length,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
    releaseNumber: r.release_number,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  }));
}

type Published = { releaseNumber: number; targetName: string; version: string };

/**
 * The stores of a publish, in its transaction: the next release number,
 * the file moved to the targets table, the upload marked published, the
 * audit row, the rollout to all when asked; answers the TUF target.
 */
async function storePublished(
  trx: Transaction<HubDatabase>,
  id: number,
  opts: { actor: AuditActor; now: Date; toAll?: boolean | undefined },
  signedBy: { targetsVersion: number } | { releasesVersion: number },
): Promise<{ target: TargetFile; result: Published }> {
  const upload = await trx
    .selectFrom('content_releases')
    .select(['sha256', 'length', 'version', 'schema_version', 'body', 'release_number'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (upload === undefined) throw new ReleaseUploadError(`there is no uploaded release ${id}`);
  if (upload.release_number !== null || upload.body === null)
    throw new ReleaseUploadError(`release upload ${id} is published already, as release ${upload.release_number}`);
  const highest = await trx
    .selectFrom('content_releases')
    .select((eb) => eb.fn.max('release_number').as('n'))
    .executeTakeFirst();
  const releaseNumber = Number(highest?.n ?? 0) + 1;
  const targetName = contentReleaseTargetName(releaseNumber);
  const at = opts.now.toISOString();
  await trx
    .insertInto('tuf_targets')
    .values({ name: targetName, sha256: upload.sha256, length: upload.length, body: upload.body, created_at: at })
    .execute();
  await trx
    .updateTable('content_releases')
    .set({ release_number: releaseNumber, published_at: at, published_by: actorText(opts.actor), body: null })
    .where('id', '=', id)
    .execute();
  const custom: ContentReleaseCustom = {
    releaseNumber,
    version: upload.version,
    schemaVersion: upload.schema_version,
  };
  const target = new TargetFile({
    path: targetName,
    length: upload.length,
    hashes: { sha256: upload.sha256 },
    unrecognizedFields: { custom },
  });
  await appendAudit(
    trx,
    {
      actor: opts.actor,
      action: 'release.publish',
      target: `release-upload:${id}`,
      details: { releaseNumber, version: upload.version, ...signedBy, toAll: opts.toAll === true },
    },
    opts.now,
  );
  if (opts.toAll === true)
    await storeRollout(
      trx,
      { releaseNumber, stage: 'all', canaryGroup: null, percent: null, state: 'done' },
      opts.actor,
      opts.now,
    );
  return { target, result: { releaseNumber, targetName, version: upload.version } };
}

/**
 * Publishes an uploaded release: the next release number, a target
 * `content-release-<N>.db` with its custom fields, the file moved to the
 * targets table, a new targets version signed by `targetsSigners`, and a
 * new snapshot and timestamp — all in one transaction; audited. It goes to
 * no kiosk until its rollout starts (rollouts.ts), unless `toAll` rolls it
 * out to every kiosk in the same transaction.
 */
export async function publishRelease(
  db: HubDb,
  id: number,
  opts: { targetsSigners: readonly TufSigner[]; online: OnlineKeys; actor: AuditActor; now: Date; toAll?: boolean },
): Promise<{ releaseNumber: number; targetName: string; version: string; targetsVersion: number }> {
  return publishTarget(db, {
    targetsSigners: opts.targetsSigners,
    online: opts.online,
    now: opts.now,
    async alsoStore(trx, targetsVersion) {
      const { target, result } = await storePublished(trx, id, opts, { targetsVersion });
      return { target, result: { ...result, targetsVersion } };
    },
  });
}

/**
 * Publishes an uploaded release as publishRelease does, but signed by the
 * hub itself: the target goes into a new version of the delegated
 * `releases` role, signed with the online releases key, with a new
 * snapshot and timestamp, in one transaction (retried when another writer
 * stored first). For releases the console's four-eyes review approved;
 * releases published offline before stay valid (kiosks find them in the
 * top-level targets first).
 */
export async function publishReleaseOnline(
  db: HubDb,
  uploadId: number,
  opts: {
    online: OnlineReleaseKeys;
    actor: AuditActor;
    now: Date;
    toAll?: boolean;
    /** What else is true once the release is published, stored in the same transaction (a change marked published). */
    alsoStore?: (trx: Transaction<HubDatabase>, releaseNumber: number) => Promise<void>;
  },
): Promise<{ releaseNumber: number; targetName: string; version: string; releasesVersion: number }> {
  return publishDelegatedTarget(db, {
    online: opts.online,
    now: opts.now,
    async alsoStore(trx, releasesVersion) {
      const { target, result } = await storePublished(trx, uploadId, opts, { releasesVersion });
      await opts.alsoStore?.(trx, result.releaseNumber);
      return { target, result: { ...result, releasesVersion } };
    },
  });
}
