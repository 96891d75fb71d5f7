import { itemLabel } from '../../../common/hub/api/content-edits';
export { itemLabel };
import {
  OFFICE_KINDS,
  type ContentItemFields,
  type ContentItemKind,
  type FieldProblem,
} from '../../../common/hub/api/content-edits';

/**
 * An item as the editor holds it between saves: the fields of its kind,
 * changed one path at a time (`nextSteps.1.timeLimit`), lists grown and
 * shrunk. The hub checks the whole item on save and names each problem by
 * the same paths, so the editor keeps the problems it was given in step with
 * the lists it changes: removing an entry drops that entry's problems and
 * moves those of the entries after it up by one, so each stays beside the
 * field it is about until the next save answers afresh.
 */

export type ItemOf<K extends ContentItemKind> = Extract<ContentItemFields, { kind: K }>;
export type FieldsOf<K extends ContentItemKind> = ItemOf<K>['fields'];

/** A new item of a kind, every text empty and every list empty, for the author to fill in. */
export function blankItem(kind: ContentItemKind): ContentItemFields {
  switch (kind) {
    case 'faq':
      return {
        kind,
        fields: { topic: '', situation: null, question: '', answer: '', nextSteps: [], cites: [], keywords: [] },
      };
    case 'slide':
      return { kind, fields: { title: '', body: '', cites: [] } };
    case 'notice':
      return { kind, fields: { regionCode: null, title: '', body: '', startsOn: '', endsOn: '' } };
    case 'office':
      return {
        kind,
        fields: {
          kind: OFFICE_KINDS[0],
          name: '',
          regionCode: '',
          address: '',
          hours: '',
          phone: '',
          services: [],
          mapUrl: null,
        },
      };
    case 'service-line':
      return {
        kind,
        fields: {
          regionCode: '',
          publicLegalService: '12348',
          local: [],
          dutyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        },
      };
  }
}

const splitPath = (path: string): string[] => (path === '' ? [] : path.split('.'));

/** The value at a path into an item's fields; undefined where there is none. */
export function valueAt(item: ContentItemFields, path: string): unknown {
  let node: unknown = item.fields;
  for (const key of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setIn(node: unknown, keys: readonly string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(node)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= node.length)
      throw new Error(`no entry ${key} in a list of ${node.length}`);
    return node.map((entry, i) => (i === index ? setIn(entry, rest, value) : entry));
  }
  if (node === null || typeof node !== 'object') throw new Error(`no field ${key} in a ${typeof node}`);
  const record = node as Record<string, unknown>;
  if (!(key in record)) throw new Error(`no field ${key}`);
  return { ...record, [key]: setIn(record[key], rest, value) };
}

/** The item with the value at `path` replaced; the rest shared, not copied. A path to no field is a programming error and throws. */
export function setField<T extends ContentItemFields>(item: T, path: string, value: unknown): T {
  return { ...item, fields: setIn(item.fields, splitPath(path), value) } as T;
}

function listAt(item: ContentItemFields, listPath: string): readonly unknown[] {
  const list = valueAt(item, listPath);
  if (!Array.isArray(list)) throw new Error(`${listPath} is not a list`);
  return list;
}

/** The item with `entry` added at the end of the list at `listPath`. */
export function addEntry<T extends ContentItemFields>(item: T, listPath: string, entry: unknown): T {
  return setField(item, listPath, [...listAt(item, listPath), entry]);
}

/** The item without the entry `index` of the list at `listPath`. */
export function removeEntry<T extends ContentItemFields>(item: T, listPath: string, index: number): T {
  return setField(
    item,
    listPath,
    listAt(item, listPath).filter((_e, i) => i !== index),
  );
}

/**
 * The problems still meaning the same fields once the entry `index` of the
 * list at `listPath` is removed: the removed entry's go, those of later
 * entries move up one; a problem about the list as a whole (`cites`) stays.
 */
export function problemsAfterRemoving<P extends Pick<FieldProblem, 'field'>>(
  problems: readonly P[],
  listPath: string,
  index: number,
): P[] {
  const prefix = `${listPath}.`;
  const out: P[] = [];
  for (const problem of problems) {
    if (!problem.field.startsWith(prefix)) {
      out.push(problem);
      continue;
    }
    const [head, ...rest] = problem.field.slice(prefix.length).split('.');
    const at = Number(head);
    if (!Number.isInteger(at) || at < index) out.push(problem);
    else if (at > index) out.push({ ...problem, field: [`${listPath}.${at - 1}`, ...rest].join('.') });
  }
  return out;
}

/** Every path the editor draws a field or list for: the item's fields, their lists' entries and the entries' fields. */
export function fieldPaths(item: ContentItemFields): Set<string> {
  const paths = new Set<string>();
  const walk = (node: unknown, prefix: string): void => {
    if (prefix !== '') paths.add(prefix);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) walk(value, prefix === '' ? key : `${prefix}.${key}`);
  };
  walk(item.fields, '');
  return paths;
}

/** The top-level fields of a kind, in the order the editor and the review show them. */
export const FIELD_ORDER: { [K in ContentItemKind]: readonly (keyof FieldsOf<K>)[] } = {
  faq: ['topic', 'situation', 'question', 'answer', 'nextSteps', 'cites', 'keywords'],
  slide: ['title', 'body', 'cites'],
  notice: ['regionCode', 'title', 'body', 'startsOn', 'endsOn'],
  office: ['kind', 'name', 'regionCode', 'address', 'hours', 'phone', 'services', 'mapUrl'],
  'service-line': ['regionCode', 'publicLegalService', 'local', 'dutyHours'],
};

/** A field of an item beside the same field of another version: whether it differs, compared as data. */
export interface FieldComparison {
  field: string;
  current: unknown;
  proposed: unknown;
  changed: boolean;
}

/**
 * The fields of a change's item beside the item as it is now, in the
 * kind's order; for a new item every field counts as changed, for a
 * deletion none is proposed.
 */
export function compareFields(
  kind: ContentItemKind,
  current: ContentItemFields | null,
  proposed: ContentItemFields | null,
): FieldComparison[] {
  return (FIELD_ORDER[kind] as readonly string[]).map((field) => {
    const now = current === null ? undefined : valueAt(current, field);
    const next = proposed === null ? undefined : valueAt(proposed, field);
    return { field, current: now, proposed: next, changed: JSON.stringify(now) !== JSON.stringify(next) };
  });
}
