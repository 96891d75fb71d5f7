import type { TFunction } from 'i18next';
import type { hubContentZhCN } from '../../../common/i18n/sections/hub-content';
import { WEEKDAYS, type Weekday } from '../../../common/hub/opening-hours';
import { ContentItemFields, type ContentItemKind, type FieldProblem } from '../../../common/hub/api/content-edits';

/**
 * The problems of an item, placed beside the fields they name. The hub's
 * checks name a field by its path (`cites.0`, `nextSteps.2.step`) and a code
 * with params; the console adds, before saving, what the hub's request
 * schema would refuse outright (an id that is not one, a region code that
 * is not six digits), so the author sees it at the field instead of a
 * refused request.
 */

export const LOCAL_PROBLEM_CODES = ['bad-id', 'bad-region', 'too-long'] as const;
type LocalCode = (typeof LOCAL_PROBLEM_CODES)[number];

/** A problem from the hub's checks or found before saving. */
export interface ShownProblem {
  field: string;
  code: FieldProblem['code'] | LocalCode;
  params: Record<string, string>;
}

/** The problems naming exactly this field. */
export function problemsAt(problems: readonly ShownProblem[], path: string): ShownProblem[] {
  return problems.filter((p) => p.field === path);
}

/**
 * The problems that no field shown would hold: a path the editor has no
 * field for (an entry removed since, a field of a newer hub). They are
 * listed at the top of the form so none is lost.
 */
export function problemsElsewhere(problems: readonly ShownProblem[], shownPaths: ReadonlySet<string>): ShownProblem[] {
  return problems.filter((p) => !shownPaths.has(p.field));
}

/**
 * A problem in the console's words, filled in from its params: the law and
 * article a citation names (or the text that is not one), the topic or
 * situation id, the id taken. A
 * param the hub left out shows as nothing rather than as a placeholder.
 */
export function problemText(t: TFunction, problem: ShownProblem): string {
  const p = (name: string): string => problem.params[name] ?? '';
  const { code } = problem;
  switch (code) {
    case 'not-a-citation':
      return t('hubContent.problems.not-a-citation', { text: p('text') });
    case 'law-not-shipped':
      return t('hubContent.problems.law-not-shipped', { law: p('law') });
    case 'article-missing':
      return t('hubContent.problems.article-missing', { law: p('law'), article: p('article') });
    case 'unknown-topic':
      return t('hubContent.problems.unknown-topic', { topic: p('topic') });
    case 'unknown-situation':
      return t('hubContent.problems.unknown-situation', { situation: p('situation') });
    case 'id-taken':
      return t('hubContent.problems.id-taken', { id: p('id') });
    case 'bad-id':
    case 'bad-region':
    case 'too-long':
      return t(`hubContent.localProblems.${code}`);
    default:
      return t(`hubContent.problems.${code}`);
  }
}

type FieldKey = keyof typeof hubContentZhCN.fields;
const FIELD_KEYS: ReadonlySet<string> = new Set<FieldKey>([
  'topic',
  'situation',
  'question',
  'answer',
  'nextSteps',
  'cites',
  'keywords',
  'title',
  'body',
  'regionCode',
  'startsOn',
  'endsOn',
  'kind',
  'name',
  'address',
  'hours',
  'phone',
  'services',
  'mapUrl',
  'publicLegalService',
  'local',
  'dutyHours',
]);
const isFieldKey = (key: string): key is FieldKey => FIELD_KEYS.has(key);
const isWeekday = (key: string): key is Weekday => (WEEKDAYS as readonly string[]).includes(key);

/**
 * What the hub's request schema would refuse in an item, as problems at
 * their fields: ids and region codes in their shapes, text within its
 * length. Empty when the item can be sent; the builder's own checks
 * (complete, citations that exist) come back from the hub after saving.
 */
export function requestProblems(item: ContentItemFields): ShownProblem[] {
  const parsed = ContentItemFields.safeParse(item);
  if (parsed.success) return [];
  const out: ShownProblem[] = [];
  for (const issue of parsed.error.issues) {
    // The first key is `fields`: the rest is the path into the item's fields the hub's problems use.
    const field = issue.path.slice(1).map(String).join('.');
    const last = String(issue.path[issue.path.length - 1] ?? '');
    let code: ShownProblem['code'];
    if (issue.code === 'too_big') code = 'too-long';
    else if (last === 'regionCode') code = 'bad-region';
    else if (last === 'startsOn' || last === 'endsOn') code = 'bad-date';
    else if (last === 'topic' || last === 'situation') code = 'bad-id';
    else code = 'required';
    if (!out.some((p) => p.field === field && p.code === code)) out.push({ field, code, params: {} });
  }
  return out;
}

/** The label of a field path for a list of problems (`cites.1` → "依据 2"). */
export function fieldLabel(t: TFunction, kind: ContentItemKind, path: string): string {
  const [head = '', index, sub] = path.split('.');
  const number = index === undefined ? undefined : Number(index) + 1;
  if (kind === 'service-line' && head === 'dutyHours' && index !== undefined && isWeekday(index)) {
    const day = t(`hubFleet.weekdays.${index}`);
    return sub === undefined ? day : t('hubContent.fields.dutyRange', { day, number: Number(sub) + 1 });
  }
  if (number === undefined || Number.isNaN(number)) return isFieldKey(head) ? t(`hubContent.fields.${head}`) : path;
  switch (head) {
    case 'nextSteps':
      return sub === 'timeLimit'
        ? `${t('hubContent.fields.step', { number })} · ${t('hubContent.fields.timeLimit')}`
        : t('hubContent.fields.step', { number });
    case 'cites':
      return t('hubContent.fields.cite', { number });
    case 'keywords':
      return t('hubContent.fields.keyword', { number });
    case 'services':
      return t('hubContent.fields.service', { number });
    case 'local':
      return `${t('hubContent.fields.local')} ${number} · ${t(
        sub === 'number' ? 'hubContent.fields.localNumber' : 'hubContent.fields.localName',
      )}`;
    default:
      return path;
  }
}
