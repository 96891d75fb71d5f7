import { basename } from 'node:path';
import type { ContentItemFields, ContentItemKind } from '../../common/hub/api/content-edits';
import {
  copyItems,
  NOTICES_FILE,
  SERVICE_LINES_FILE,
  SLIDES_FILE,
  type ContentItem,
  type ContentItems,
} from './content-items';

/** One published change: an item's new fields, or null to delete it. */
export interface ItemEdit {
  kind: ContentItemKind;
  itemId: string;
  item: ContentItemFields | null;
}

/** An edit whose fields are of another kind than it says. */
export class ContentEditMismatchError extends Error {}

/**
 * The items with the edits applied, in order (a later edit of an item wins).
 * `items` is left as it was. An edited item keeps its place and its file
 * unless what files it changed (a FAQ's topic, an office's region): it then
 * goes to the file of its new topic or region, as a new item does — the
 * file with that topic (`faq/<topic>.yaml` if none), the file named for
 * that region (`directory/<code>.yaml` if none). A deleted FAQ answer is
 * taken out of the others' `related` lists too.
 */
export function applyEdits(items: ContentItems, edits: readonly ItemEdit[]): ContentItems {
  const result = copyItems(items);
  for (const edit of edits) {
    const map = result[edit.kind];
    if (edit.item === null) {
      map.delete(edit.itemId);
      if (edit.kind === 'faq') dropRelated(result, edit.itemId);
      continue;
    }
    if (edit.item.kind !== edit.kind)
      throw new ContentEditMismatchError(
        `the edit of ${edit.kind} "${edit.itemId}" carries the fields of a ${edit.item.kind}`,
      );
    if (edit.item.kind === 'service-line' && edit.item.fields.regionCode !== edit.itemId)
      throw new ContentEditMismatchError(
        `a service line's id is its region code: "${edit.itemId}" carries region ${edit.item.fields.regionCode}`,
      );
    const before = map.get(edit.itemId);
    const file =
      before !== undefined && groupOf(before.item) === groupOf(edit.item) ? before.file : fileFor(result, edit.item);
    map.set(edit.itemId, { item: edit.item, file, extra: before?.extra ?? newExtra(edit.item) });
  }
  return result;
}

/** What decides an item's file. */
function groupOf(item: ContentItemFields): string {
  switch (item.kind) {
    case 'faq':
      return item.fields.topic;
    case 'office':
      return item.fields.regionCode;
    default:
      return '';
  }
}

function newExtra(item: ContentItemFields): Record<string, unknown> {
  // Offices entered in the console are real ones: demo entries are written by us in the seed files.
  return item.kind === 'office' ? { demo: false } : {};
}

function fileFor(items: ContentItems, item: ContentItemFields): string {
  switch (item.kind) {
    case 'faq': {
      const topic = item.fields.topic;
      const holder = [...items.faq.values()].find((i) => i.item.kind === 'faq' && i.item.fields.topic === topic);
      return holder?.file ?? `faq/${topic}.yaml`;
    }
    case 'office': {
      const code = item.fields.regionCode;
      const files = new Set([...items.office.values()].map((i) => i.file));
      const named = [...files].find((f) => basename(f) === `${code}.yaml` || basename(f).startsWith(`${code}-`));
      return named ?? `directory/${code}.yaml`;
    }
    case 'slide':
      return SLIDES_FILE;
    case 'notice':
      return NOTICES_FILE;
    case 'service-line':
      return SERVICE_LINES_FILE;
  }
}

function dropRelated(items: ContentItems, deleted: string): void {
  for (const [id, entry] of items.faq) {
    const related = entry.extra['related'];
    if (!Array.isArray(related) || !related.includes(deleted)) continue;
    const kept = related.filter((r) => r !== deleted);
    const extra: ContentItem['extra'] = { ...entry.extra };
    if (kept.length > 0) extra['related'] = kept;
    else delete extra['related'];
    items.faq.set(id, { ...entry, extra });
  }
}
