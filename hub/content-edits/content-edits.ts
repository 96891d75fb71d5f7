import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  ChangeState,
  ContentChange,
  ContentItemFields,
  ContentItemKind,
  FieldProblem,
} from '../../common/hub/api/content-edits';
import { parseCitation } from '../../common/legal/citation';
import { checkItem } from '../../content/build/item-checks';
import { checkContentRelease } from '../releases/content-releases';
import { actorText, appendAudit, type AuditActor } from '../storage/audit-log';
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { HubDatabase, HubDb } from '../storage/schema';
import { isUniqueViolation } from '../storage/unique-violation';
import { currentOf, itemLabel, OPEN_STATES, overlay, publishedEdits, readChanges } from './change-rows';
import type { EditsSource, ItemEdit, SourceItem } from './edits-source';
import type { ReleaseQueue } from './release-queue';

/**
 * Content editing (common/hub/api/content-edits.ts): drafts checked by the
 * builder's own rules on every save, sent for review, approved by a second
 * administrator — which builds a release from the content source with
 * every published change applied and publishes it with the hub's online
 * `releases` key — or rejected. Every step is audited.
 *
 * A build takes seconds: no transaction is held across it. The approval
 * first claims the change (a conditional update: two reviewers approving at
 * once, on one hub or two, claim it once), then the build and publication
 * run one at a time in this process (ReleaseQueue). Two hub instances may
 * publish at once: publishTarget gives the later one the higher release
 * number, and a publication that finds a change published meanwhile which
 * its build did not have builds once more, so the newest release holds
 * every published change.
 */

export type EditRefusal = 'not-found' | 'forbidden' | 'conflict' | 'unavailable';

/** A request the state of things refuses; `reason` maps to the HTTP status. */
export class ContentEditError extends Error {
  constructor(
    readonly reason: EditRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Publishes an uploaded release with the hub's online keys (content-releases.ts publishReleaseOnline). */
export type PublishOnline = (
  db: HubDb,
  uploadId: number,
  opts: {
    actor: AuditActor;
    now: Date;
    /** Stored in the transaction that publishes the release: what it makes true can never be lost to a crash after it. */
    alsoStore?: (trx: Transaction<HubDatabase>, releaseNumber: number) => Promise<void>;
  },
) => Promise<{ releaseNumber: number }>;

export interface ContentEditDeps {
  db: HubDb;
  now: () => Date;
  source: EditsSource;
  /** Undefined when the hub has no online `releases` key: approvals answer 503 until `hubctl tuf` makes one. */
  publish: PublishOnline | undefined;
  logger: Logger;
  /** Shared with the review of uploaded releases: one publication at a time. */
  queue: ReleaseQueue;
}

/** A claimed approval older than this was cut off (the hub stopped mid-build) and may be approved again. */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

/** No reviewer is publishing it now: never claimed, or claimed by a hub that stopped mid-build. */
const unclaimed = (at: Date) => (eb: ExpressionBuilder<HubDatabase, 'content_changes'>) =>
  eb.or([eb('approved_at', 'is', null), eb('approved_at', '<', new Date(at.getTime() - STALE_CLAIM_MS).toISOString())]);

const notFound = (changeId: number) => new ContentEditError('not-found', `there is no content change ${changeId}`);

export function createContentEdits(deps: ContentEditDeps) {
  const { db, now, source } = deps;
  const { queue } = deps;

  async function currentItems(): Promise<Map<string, SourceItem>> {
    return overlay(await source.baseItems(), await publishedEdits(db));
  }

  async function problemsOf(item: ContentItemFields | null): Promise<FieldProblem[]> {
    if (item === null) return [];
    return checkItem(item, { articles: await source.articles(), topics: await source.topics() });
  }

  async function show(changeId: number): Promise<ContentChange> {
    const [change] = await readChanges(db, await currentItems(), { id: changeId });
    if (change === undefined) throw notFound(changeId);
    return change;
  }

  async function openChangeOf(kind: ContentItemKind, itemId: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('content_changes')
      .select('id')
      .where('kind', '=', kind)
      .where('item_id', '=', itemId)
      .where('state', 'in', [...OPEN_STATES])
      .executeTakeFirst();
    return row?.id;
  }

  const openConflict = async (kind: ContentItemKind, itemId: string): Promise<ContentEditError> => {
    const open = await openChangeOf(kind, itemId);
    return new ContentEditError(
      'conflict',
      open === undefined
        ? `${kind} ${itemId} has another open change`
        : `${kind} ${itemId} has an open change already: change ${open}; edit or withdraw that one`,
    );
  };

  /** An id for a new item: a service line is its region's; others their kind (or topic) and a date, unique among items and changes. */
  async function newItemId(item: ContentItemFields): Promise<string> {
    if (item.kind === 'service-line') return item.fields.regionCode;
    const prefix =
      item.kind === 'faq' ? item.fields.topic : item.kind === 'office' ? `office-${item.fields.regionCode}` : item.kind;
    const day = now().toISOString().slice(0, 10).replace(/-/g, '');
    const taken = new Set([
      ...[...(await currentItems()).values()].filter((i) => i.kind === item.kind).map((i) => i.itemId),
      ...(await db.selectFrom('content_changes').select('item_id').where('kind', '=', item.kind).execute()).map(
        (r) => r.item_id,
      ),
    ]);
    for (let n = 1; ; n++) {
      const id = `${prefix}-${day}-${n}`;
      if (!taken.has(id)) return id;
    }
  }

  /** A new item's id may be taken meanwhile (by a published change); a service line's is its region code. */
  async function idProblems(
    kind: ContentItemKind,
    itemId: string,
    isNew: boolean,
    item: ContentItemFields | null,
  ): Promise<FieldProblem[]> {
    if (!isNew || item === null) return [];
    const field = kind === 'service-line' ? 'regionCode' : 'id';
    return currentOf(await currentItems(), kind, itemId) !== null
      ? [{ field, code: 'id-taken', params: { itemId } }]
      : [];
  }

  async function saveDraft(
    body: {
      changeId: number | null;
      itemId: string | null;
      edit: { action: 'save'; item: ContentItemFields } | { action: 'delete'; kind: ContentItemKind };
    },
    authorId: number,
  ): Promise<ContentChange> {
    const at = now().toISOString();
    const item = body.edit.action === 'save' ? body.edit.item : null;
    const kind = body.edit.action === 'save' ? body.edit.item.kind : body.edit.kind;

    if (body.changeId !== null) {
      const row = await db
        .selectFrom('content_changes')
        .select(['id', 'kind', 'item_id', 'is_new', 'state', 'author_id'])
        .where('id', '=', body.changeId)
        .executeTakeFirst();
      if (row === undefined) throw notFound(body.changeId);
      if (row.author_id !== authorId)
        throw new ContentEditError('forbidden', `change ${row.id} is another administrator's draft`);
      if (!['draft', 'rejected', 'failed'].includes(row.state))
        throw new ContentEditError('conflict', `change ${row.id} is ${row.state}: it can no longer be edited`);
      if (row.kind !== kind || (body.itemId !== null && body.itemId !== row.item_id))
        throw new ContentEditError('conflict', `change ${row.id} is to ${row.kind} ${row.item_id}, not to this item`);
      if (item === null && row.is_new === 1)
        throw new ContentEditError('conflict', `change ${row.id} makes a new item: withdraw it rather than delete`);
      const problems = [...(await idProblems(kind, row.item_id, row.is_new === 1, item)), ...(await problemsOf(item))];
      try {
        await db.transaction().execute(async (trx) => {
          // Only over the state read above: a change sent for review (and perhaps claimed by its reviewer)
          // meanwhile keeps the fields its reviewer saw.
          const saved = await trx
            .updateTable('content_changes')
            .set({
              item: item === null ? null : JSON.stringify(item),
              problems: JSON.stringify(problems),
              state: 'draft',
              reviewer_id: null,
              review_note: null,
              failure: null,
              approved_at: null,
              updated_at: at,
            })
            .where('id', '=', row.id)
            .where('state', '=', row.state)
            .where(unclaimed(now()))
            .executeTakeFirst();
          if (Number(saved.numUpdatedRows) !== 1)
            throw new ContentEditError('conflict', `change ${row.id} changed meanwhile: look at it again`);
          await appendAudit(
            trx,
            {
              actor: { userId: authorId },
              action: 'content.draft.save',
              target: `content-change:${row.id}`,
              details: { kind, itemId: row.item_id, delete: item === null, problems: problems.length },
            },
            now(),
          );
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw await openConflict(kind, row.item_id);
        throw error;
      }
      return show(row.id);
    }

    let itemId: string;
    const isNew = body.itemId === null;
    if (isNew) {
      if (item === null) throw new ContentEditError('conflict', 'a deletion names the item it deletes');
      itemId = await newItemId(item);
    } else {
      itemId = body.itemId!;
      if (currentOf(await currentItems(), kind, itemId) === null)
        throw new ContentEditError('not-found', `there is no ${kind} ${itemId}`);
    }
    const problems = [...(await idProblems(kind, itemId, isNew, item)), ...(await problemsOf(item))];
    try {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('content_changes')
          .values({
            kind,
            item_id: itemId,
            is_new: isNew ? 1 : 0,
            item: item === null ? null : JSON.stringify(item),
            state: 'draft',
            problems: JSON.stringify(problems),
            author_id: authorId,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          {
            actor: { userId: authorId },
            action: 'content.draft.save',
            target: `content-change:${row.id}`,
            details: { kind, itemId, new: isNew, delete: item === null, problems: problems.length },
          },
          now(),
        );
        return row.id;
      });
      return await show(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw await openConflict(kind, itemId);
      throw error;
    }
  }

  /** Moves one's own change from one state to another, conditionally (a concurrent move wins once); audited. */
  async function moveOwn(
    changeId: number,
    callerId: number,
    from: readonly ChangeState[],
    to: ChangeState,
    action: string,
    extra: { problems?: FieldProblem[] } = {},
  ): Promise<ContentChange> {
    const row = await db
      .selectFrom('content_changes')
      .select(['id', 'state', 'author_id', 'kind', 'item_id'])
      .where('id', '=', changeId)
      .executeTakeFirst();
    if (row === undefined) throw notFound(changeId);
    if (row.author_id !== callerId)
      throw new ContentEditError('forbidden', `change ${changeId} is another administrator's`);
    if (!from.includes(row.state))
      throw new ContentEditError('conflict', `change ${changeId} is ${row.state}, not ${from.join(' or ')}`);
    await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('content_changes')
        .set({
          state: to,
          updated_at: now().toISOString(),
          ...(extra.problems === undefined ? {} : { problems: JSON.stringify(extra.problems) }),
        })
        .where('id', '=', changeId)
        .where('state', '=', row.state)
        .where(unclaimed(now()))
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1)
        throw new ContentEditError('conflict', `change ${changeId} changed meanwhile: look at it again`);
      await appendAudit(
        trx,
        {
          actor: { userId: callerId },
          action,
          target: `content-change:${changeId}`,
          details: { kind: row.kind, itemId: row.item_id },
        },
        now(),
      );
    });
    return show(changeId);
  }

  async function itemOfChange(changeId: number) {
    const row = await db
      .selectFrom('content_changes')
      .select(['kind', 'item_id', 'is_new', 'item'])
      .where('id', '=', changeId)
      .executeTakeFirst();
    if (row === undefined) throw notFound(changeId);
    const item = row.item === null ? null : (JSON.parse(row.item) as ContentItemFields);
    return { ...row, item };
  }

  /** The problems of a change as things stand now (laws, topics and items may have changed since its save). */
  async function problemsNow(changeId: number): Promise<FieldProblem[]> {
    const row = await itemOfChange(changeId);
    return [...(await idProblems(row.kind, row.item_id, row.is_new === 1, row.item)), ...(await problemsOf(row.item))];
  }

  async function submit(changeId: number, callerId: number): Promise<ContentChange> {
    const problems = await problemsNow(changeId);
    if (problems.length > 0) {
      await db
        .updateTable('content_changes')
        .set({ problems: JSON.stringify(problems) })
        .where('id', '=', changeId)
        .where('state', '=', 'draft')
        .execute();
      throw new ContentEditError(
        'conflict',
        `change ${changeId} has problems to fix first: ${problems.map((p) => `${p.field} (${p.code})`).join(', ')}`,
      );
    }
    return moveOwn(changeId, callerId, ['draft'], 'in-review', 'content.submit', { problems });
  }

  async function withdraw(changeId: number, callerId: number): Promise<ContentChange> {
    return moveOwn(changeId, callerId, ['draft', 'in-review', 'rejected', 'failed'], 'withdrawn', 'content.withdraw');
  }

  /** The refusal when a change was edited (or its state moved) since its reviewer read it. */
  const notAsRead = (changeId: number) =>
    new ContentEditError('conflict', `change ${changeId} changed since you read it: read it again before reviewing`);

  async function reject(
    changeId: number,
    reviewerId: number,
    note: string | null,
    seen: string,
  ): Promise<ContentChange> {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('content_changes')
        .set({ state: 'rejected', reviewer_id: reviewerId, review_note: note, updated_at: now().toISOString() })
        .where('id', '=', changeId)
        .where('state', '=', 'in-review')
        .where('updated_at', '=', seen)
        .where(unclaimed(now()))
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw notAsRead(changeId);
      await appendAudit(
        trx,
        {
          actor: { userId: reviewerId },
          action: 'content.review.reject',
          target: `content-change:${changeId}`,
          details: { note },
        },
        now(),
      );
    });
    return show(changeId);
  }

  /** Builds a release with every published change and `plus`, stores it as the hub's own (origin `edits`), publishes it. */
  async function buildAndPublish(
    plus: ItemEdit | undefined,
    actor: AuditActor,
    alsoStore?: (trx: Transaction<HubDatabase>, releaseNumber: number, uploadId: number) => Promise<void>,
  ): Promise<{ uploadId: number; releaseNumber: number; included: Set<number> }> {
    const published = await publishedEdits(db);
    const last = await db
      .selectFrom('content_releases')
      .select('version')
      .where('release_number', 'is not', null)
      .orderBy('release_number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const built = await source.build(plus === undefined ? published : [...published, plus], last?.version);
    const checked = checkContentRelease(built.bytes, built.where);
    const at = now();
    const uploadId = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('content_releases')
        .values({
          sha256: createHash('sha256').update(built.bytes).digest('hex'),
          length: built.bytes.length,
          version: checked.version,
          schema_version: checked.schemaVersion,
          uploaded_at: at.toISOString(),
          uploaded_by: actorText(actor),
          body: built.bytes,
          origin: 'edits',
          reviewed_by: actorText(actor),
          reviewed_at: at.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(
        trx,
        {
          actor,
          action: 'release.build',
          target: `release-upload:${row.id}`,
          details: { version: checked.version, changes: published.length + (plus === undefined ? 0 : 1) },
        },
        at,
      );
      return row.id;
    });
    const { releaseNumber } = await deps.publish!(db, uploadId, {
      actor,
      now: now(),
      ...(alsoStore === undefined ? {} : { alsoStore: (trx, n) => alsoStore(trx, n, uploadId) }),
    });
    return { uploadId, releaseNumber, included: new Set(published.map((p) => p.changeId)) };
  }

  async function approve(
    changeId: number,
    reviewerId: number,
    note: string | null,
    seen: string,
  ): Promise<ContentChange> {
    const row = await db
      .selectFrom('content_changes')
      .select(['author_id', 'state', 'updated_at'])
      .where('id', '=', changeId)
      .executeTakeFirst();
    if (row === undefined) throw notFound(changeId);
    if (row.author_id === reviewerId)
      throw new ContentEditError('forbidden', `change ${changeId} is your own: a second administrator reviews it`);
    if (row.state !== 'in-review') throw new ContentEditError('conflict', `change ${changeId} is ${row.state}`);
    if (row.updated_at !== seen) throw notAsRead(changeId);
    if (deps.publish === undefined)
      throw new ContentEditError(
        'unavailable',
        'this hub has no online releases key to publish with: make it with `hubctl tuf delegate`',
      );
    const problems = await problemsNow(changeId);
    if (problems.length > 0)
      throw new ContentEditError(
        'conflict',
        `change ${changeId} has problems now: ${problems.map((p) => `${p.field} (${p.code})`).join(', ')}`,
      );
    const claimedAt = now();
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('content_changes')
        .set({ reviewer_id: reviewerId, review_note: note, approved_at: claimedAt.toISOString() })
        .where('id', '=', changeId)
        .where('state', '=', 'in-review')
        .where('updated_at', '=', seen)
        .where(unclaimed(claimedAt))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1)
        throw new ContentEditError('conflict', `change ${changeId} is being published already`);
      await appendAudit(
        trx,
        {
          actor: { userId: reviewerId },
          action: 'content.review.approve',
          target: `content-change:${changeId}`,
          details: { note },
        },
        claimedAt,
      );
    });

    const actor: AuditActor = { userId: reviewerId };
    await queue.run(async () => {
      const change = await itemOfChange(changeId);
      let outcome: Awaited<ReturnType<typeof buildAndPublish>>;
      // The change is marked published in the transaction that publishes its release: a hub killed right
      // after never leaves kiosks with text whose change still looks unpublished (and which the next
      // release, built without it, would take back off them).
      const markPublished = async (trx: Transaction<HubDatabase>, releaseNumber: number, uploadId: number) => {
        const at = now().toISOString();
        await trx
          .updateTable('content_changes')
          .set({ state: 'published', published_at: at, updated_at: at, upload_id: uploadId })
          .where('id', '=', changeId)
          .execute();
        await appendAudit(
          trx,
          { actor, action: 'content.publish', target: `content-change:${changeId}`, details: { releaseNumber } },
          now(),
        );
      };
      try {
        outcome = await buildAndPublish(
          { kind: change.kind, itemId: change.item_id, item: change.item },
          actor,
          markPublished,
        );
      } catch (error) {
        const failure = (error as Error).message;
        deps.logger.warn({ changeId, err: error }, 'content change approved but its release failed');
        await db.transaction().execute(async (trx) => {
          // Only if its release was not published: one published before the failure (the hub lost the
          // database's answer to the commit) stays published.
          const failed = await trx
            .updateTable('content_changes')
            .set({ state: 'failed', failure, approved_at: null, updated_at: now().toISOString() })
            .where('id', '=', changeId)
            .where('state', '=', 'in-review')
            .executeTakeFirst();
          if (Number(failed.numUpdatedRows) === 0) return;
          await appendAudit(
            trx,
            { actor, action: 'content.publish.failed', target: `content-change:${changeId}`, details: { failure } },
            now(),
          );
        });
        return;
      }
      // Another hub instance may have published a change while this one built: the newest release must hold both.
      const missed = (await publishedEdits(db)).filter(
        (e) => e.changeId !== changeId && !outcome.included.has(e.changeId),
      );
      if (missed.length > 0) {
        deps.logger.info(
          { changeId, missed: missed.map((m) => m.changeId) },
          'building again with changes published meanwhile',
        );
        await buildAndPublish(undefined, 'system').catch((error: unknown) =>
          deps.logger.error({ err: error }, 'the release with every published change could not be built'),
        );
      }
    });
    return show(changeId);
  }

  return {
    show,
    saveDraft,
    submit,
    withdraw,
    /** `seen`: the change's updatedAt as the reviewer read it; a change edited since is refused (409). */
    async review(
      changeId: number,
      reviewerId: number,
      decision: 'approve' | 'reject',
      note: string | null,
      seen: string,
    ) {
      if (decision === 'reject') {
        const row = await db
          .selectFrom('content_changes')
          .select('author_id')
          .where('id', '=', changeId)
          .executeTakeFirst();
        if (row === undefined) throw notFound(changeId);
        if (row.author_id === reviewerId)
          throw new ContentEditError('forbidden', `change ${changeId} is your own: withdraw it instead`);
        return reject(changeId, reviewerId, note, seen);
      }
      return approve(changeId, reviewerId, note, seen);
    },

    /** Open changes first, then the latest closed ones, newest first; or those in one state. */
    async list(state: ChangeState | undefined): Promise<ContentChange[]> {
      const items = await currentItems();
      if (state !== undefined) return readChanges(db, items, { states: [state] });
      return [
        ...(await readChanges(db, items, { states: OPEN_STATES })),
        ...(await readChanges(db, items, { states: ['rejected', 'published', 'withdrawn', 'failed'], limit: 100 })),
      ];
    },

    async items(kind: ContentItemKind) {
      const items = [...(await currentItems()).values()].filter((i) => i.kind === kind);
      const open = new Map(
        (
          await db
            .selectFrom('content_changes')
            .select(['id', 'item_id'])
            .where('kind', '=', kind)
            .where('state', 'in', [...OPEN_STATES])
            .execute()
        ).map((r) => [r.item_id, r.id]),
      );
      return items.map((i) => ({
        itemId: i.itemId,
        label: itemLabel(i.item),
        item: i.item,
        openChangeId: open.get(i.itemId) ?? null,
      }));
    },

    async preview(item: ContentItemFields) {
      const articles = await source.articles();
      const cites = item.kind === 'faq' || item.kind === 'slide' ? item.fields.cites : [];
      return {
        item,
        problems: await problemsOf(item),
        articles: cites.flatMap((text) => {
          const c = parseCitation(text);
          const body = c === undefined ? undefined : articles.get(c.law)?.get(c.article);
          return c === undefined || body === undefined ? [] : [{ citation: `${c.law} ${c.article}`, text: body }];
        }),
      };
    },
  };
}

export type ContentEdits = ReturnType<typeof createContentEdits>;
