import type {
  FaqFields,
  NoticeFields,
  OfficeFields,
  ServiceLineFields,
  SlideFields,
  ContentItemFields,
  FIELD_PROBLEM_CODES,
} from '../../common/hub/api/content-edits';
import { parseRange } from '../../common/hub/opening-hours';
import { formatArticleLabel } from '../../common/legal/chinese-numerals';
import { parseCitation, type Citation } from '../../common/legal/citation';
import type { z } from 'zod';

/**
 * The builder's rules for one content item, as data: each problem names the
 * field it is in (a path into the item's fields, `cites.0`) and a code. The
 * release builder turns them into `file:line` messages; the hub's content
 * editing returns them at the field of the draft. One set of rules, so a
 * change the console accepts is a change the builder accepts.
 *
 * Plain functions of the item and lookups (no files, no Node): the hub runs
 * them on every save.
 */

export type ItemProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

export interface ItemProblem {
  field: string;
  code: ItemProblemCode;
  params: Record<string, string>;
}

/**
 * Each shipped law's short name → its articles by label, written
 * canonically (第三十条, 第二百七十六条之一): a set of labels, or a map of
 * label to text.
 */
export type ArticleLookup = ReadonlyMap<string, { has(label: string): boolean }>;
/** Each topic id of topics.yaml → the ids of its situations. */
export type TopicLookup = ReadonlyMap<string, ReadonlySet<string>>;

const problem = (field: string, code: ItemProblemCode, params: Record<string, string> = {}): ItemProblem => ({
  field,
  code,
  params,
});

const blank = (text: string): boolean => text.trim() === '';

/** Canonical label of an article number, as the lookup holds them. */
export const articleLabel = formatArticleLabel;

/**
 * One citation: the parsed citation when it names an existing article of a
 * shipped law, else the problem (not a citation; a law not shipped; no such
 * article).
 */
export function checkCitation(
  text: string,
  field: string,
  articles: ArticleLookup,
): { citation: Citation; problem?: undefined } | { citation?: Citation; problem: ItemProblem } {
  const citation = parseCitation(text);
  if (citation === undefined) return { problem: problem(field, 'not-a-citation', { text }) };
  const labels = articles.get(citation.law);
  if (labels === undefined) return { citation, problem: problem(field, 'law-not-shipped', { law: citation.law }) };
  if (!labels.has(citation.article))
    return { citation, problem: problem(field, 'article-missing', { law: citation.law, article: citation.article }) };
  return { citation };
}

/** Every citation of a list, at `<field>.<index>`. */
export function checkCitations(cites: readonly string[], field: string, articles: ArticleLookup): ItemProblem[] {
  return cites.flatMap((c, i) => checkCitation(c, `${field}.${i}`, articles).problem ?? []);
}

/** A topic and, when given, a situation under it. */
export function checkTopic(topic: string, situation: string | null, topics: TopicLookup): ItemProblem[] {
  const situations = topics.get(topic);
  if (situations === undefined) return [problem('topic', 'unknown-topic', { topic })];
  if (situation !== null && !situations.has(situation))
    return [problem('situation', 'unknown-situation', { topic, situation })];
  return [];
}

/** An answer must rest on the law: at least one citation. */
export function checkHasCitation(cites: readonly string[]): ItemProblem[] {
  return cites.length === 0 ? [problem('cites', 'no-citation')] : [];
}

function required(fields: Record<string, string>): ItemProblem[] {
  return Object.entries(fields).flatMap(([field, text]) => (blank(text) ? [problem(field, 'required')] : []));
}

const requiredEach = (list: readonly string[], field: string): ItemProblem[] =>
  list.flatMap((text, i) => (blank(text) ? [problem(`${field}.${i}`, 'required')] : []));

export function checkFaq(f: z.infer<typeof FaqFields>, look: { articles: ArticleLookup; topics: TopicLookup }) {
  return [
    ...checkTopic(f.topic, f.situation, look.topics),
    ...required({ question: f.question, answer: f.answer }),
    ...f.nextSteps.flatMap((s, i) => (blank(s.step) ? [problem(`nextSteps.${i}.step`, 'required')] : [])),
    ...checkHasCitation(f.cites),
    ...checkCitations(f.cites, 'cites', look.articles),
    ...requiredEach(f.keywords, 'keywords'),
  ];
}

export function checkSlide(s: z.infer<typeof SlideFields>, look: { articles: ArticleLookup }): ItemProblem[] {
  return [...required({ title: s.title, body: s.body }), ...checkCitations(s.cites, 'cites', look.articles)];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function checkNotice(n: z.infer<typeof NoticeFields>): ItemProblem[] {
  const out = required({ title: n.title, body: n.body });
  const startOk = isRealDate(n.startsOn);
  const endOk = isRealDate(n.endsOn);
  if (!startOk) out.push(problem('startsOn', 'bad-date', { date: n.startsOn }));
  if (!endOk) out.push(problem('endsOn', 'bad-date', { date: n.endsOn }));
  if (startOk && endOk && n.endsOn < n.startsOn)
    out.push(problem('endsOn', 'bad-date', { date: n.endsOn, startsOn: n.startsOn }));
  return out;
}

/** The phone pattern of the directory and the terminal configuration. */
export const PHONE = /^[0-9+\-() ]{3,20}$/;

const checkPhone = (number: string, field: string): ItemProblem[] =>
  blank(number) ? [problem(field, 'required')] : PHONE.test(number.trim()) ? [] : [problem(field, 'bad-phone')];

/** A map link: https:// with a host, or nothing. */
export function isMapUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === 'https:' && u.hostname !== '';
}

export function checkOffice(o: z.infer<typeof OfficeFields>): ItemProblem[] {
  return [
    ...required({ name: o.name, address: o.address, hours: o.hours }),
    ...checkPhone(o.phone, 'phone'),
    ...(o.services.length === 0 ? [problem('services', 'required')] : requiredEach(o.services, 'services')),
    ...(o.mapUrl !== null && !isMapUrl(o.mapUrl.trim()) ? [problem('mapUrl', 'bad-url')] : []),
  ];
}

export function checkServiceLine(s: z.infer<typeof ServiceLineFields>): ItemProblem[] {
  return [
    ...checkPhone(s.publicLegalService, 'publicLegalService'),
    ...s.local.flatMap((l, i) => [
      ...(blank(l.name) ? [problem(`local.${i}.name`, 'required')] : []),
      ...checkPhone(l.number, `local.${i}.number`),
    ]),
    ...Object.entries(s.dutyHours).flatMap(([day, ranges]) =>
      (ranges ?? []).flatMap((r, i) => {
        const range = parseRange(r.trim());
        return range === undefined || range.closes <= range.opens
          ? [problem(`dutyHours.${day}.${i}`, 'bad-hours', { text: r })]
          : [];
      }),
    ),
  ];
}

/** Every problem of one item, by its kind (ids are the caller's: they depend on the other items). */
export function checkItem(
  item: ContentItemFields,
  look: { articles: ArticleLookup; topics: TopicLookup },
): ItemProblem[] {
  switch (item.kind) {
    case 'faq':
      return checkFaq(item.fields, look);
    case 'slide':
      return checkSlide(item.fields, look);
    case 'notice':
      return checkNotice(item.fields);
    case 'office':
      return checkOffice(item.fields);
    case 'service-line':
      return checkServiceLine(item.fields);
  }
}
