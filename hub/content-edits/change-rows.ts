import { itemLabel } from '../../common/hub/api/content-edits';
export { itemLabel };
import {
  ContentItemFields,
  FieldProblem,
  type ChangeState,
  type ContentChange,
  type ContentItemKind,
} from '../../common/hub/api/content-edits';
import type { HubDb } from '../storage/schema';
import type { ItemEdit, SourceItem } from './edits-source';

/**
 * content_changes (migration 16) as the contract's ContentChange, and the
 * content source as it stands: the base folder's items with every published
 * change applied in the order they were published.
 */

export const OPEN_STATES: readonly ChangeState[] = ['draft', 'in-review'];

const itemKey = (kind: ContentItemKind, itemId: string): string => `${kind}/${itemId}`;

/** Published changes in the order they went out: each later one wins over an earlier one to the same item. */
export async function publishedEdits(db: HubDb): Promise<(ItemEdit & { changeId: number })[]> {
  const rows = await db
    .selectFrom('content_changes')
    .select(['id', 'kind', 'item_id', 'item'])
    .where('state', '=', 'published')
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    changeId: r.id,
    kind: r.kind,
    itemId: r.item_id,
    item: r.item === null ? null : ContentItemFields.parse(JSON.parse(r.item)),
  }));
}

/** The items with the edits applied in order (null deletes); new items come after the base folder's, in order. */
export function overlay(base: readonly SourceItem[], edits: readonly ItemEdit[]): Map<string, SourceItem> {
  const items = new Map(base.map((i) => [itemKey(i.kind, i.itemId), i]));
  for (const e of edits) {
    const key = itemKey(e.kind, e.itemId);
    if (e.item === null) items.delete(key);
    else items.set(key, { kind: e.kind, itemId: e.itemId, item: e.item });
  }
  return items;
}

export const currentOf = (items: ReadonlyMap<string, SourceItem>, kind: ContentItemKind, itemId: string) =>
  items.get(itemKey(kind, itemId))?.item ?? null;

const CHANGE_COLUMNS = [
  'c.id',
  'c.kind',
  'c.item_id',
  'c.item',
  'c.state',
  'c.problems',
  'c.review_note',
  'c.failure',
  'c.created_at',
  'c.updated_at',
  'c.author_id',
  'c.reviewer_id',
  'r.release_number',
] as const;

/** The changes asked for, as the contract has them; `current` from `items`. */
export async function readChanges(
  db: HubDb,
  items: ReadonlyMap<string, SourceItem>,
  where: { id?: number; states?: readonly ChangeState[]; limit?: number },
): Promise<ContentChange[]> {
  let query = db
    .selectFrom('content_changes as c')
    .leftJoin('content_releases as r', 'r.id', 'c.upload_id')
    .select(CHANGE_COLUMNS);
  if (where.id !== undefined) query = query.where('c.id', '=', where.id);
  if (where.states !== undefined) query = query.where('c.state', 'in', [...where.states]);
  const rows = await query
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(where.limit ?? 200)
    .execute();
  const people = new Set(rows.flatMap((r) => (r.reviewer_id === null ? [r.author_id] : [r.author_id, r.reviewer_id])));
  const names = new Map(
    people.size === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'login', 'display_name'])
            .where('id', 'in', [...people])
            .execute()
        ).map((u) => [u.id, { id: u.id, name: u.display_name ?? u.login }]),
  );
  const person = (id: number) => names.get(id) ?? { id, name: `#${id}` };
  return rows.map((r) => ({
    changeId: r.id,
    kind: r.kind,
    itemId: r.item_id,
    item: r.item === null ? null : ContentItemFields.parse(JSON.parse(r.item)),
    current: currentOf(items, r.kind, r.item_id),
    state: r.state,
    problems: FieldProblem.array().parse(JSON.parse(r.problems)),
    author: person(r.author_id),
    reviewer: r.reviewer_id === null ? null : person(r.reviewer_id),
    reviewNote: r.review_note,
    failure: r.failure,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    releaseNumber: r.release_number ?? null,
  }));
}
