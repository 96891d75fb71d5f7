import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseCitation } from '../../common/legal/citation';
import type { SearchResponse } from '../../common/api/search';
import { ROOT } from './paths';

/**
 * Relevance on the evaluation set (content/eval), shared by `npm run eval --
 * search` and `npm run bench -- search`. Articles are compared by instrument
 * and article, not by display name, so the full release (民法典·合同编 …) is
 * judged on the same questions as the kiosk's own.
 */
const Questions = z.object({
  questions: z.array(
    z.object({ query: z.string(), kind: z.string(), topic: z.string(), relevant: z.array(z.string()).min(1) }),
  ),
});
export type Question = z.infer<typeof Questions>['questions'][number];

export function loadQuestions(): Question[] {
  return Questions.parse(parse(readFileSync(join(ROOT, 'content', 'eval', 'search-questions.yaml'), 'utf8'))).questions;
}

/** `中华人民共和国民法典·合同编` + `第五百七十七条` → one key for the article in any release. */
export const articleKey = (lawTitle: string, article: string): string => `${lawTitle.split('·')[0]} ${article}`;

/** The kiosk's short names → instrument titles, read from a kiosk (shipped) release. */
export function titlesOfShortNames(shippedDb: Database): Map<string, string> {
  const rows = shippedDb.prepare('SELECT short_name AS short, title FROM laws').all() as {
    short: string;
    title: string;
  }[];
  return new Map(rows.map((r) => [r.short, r.title]));
}

/** A question's relevant articles as keys; a citation of an unknown law is an error in the set. */
export function relevantKeys(q: Question, titles: ReadonlyMap<string, string>): Set<string> {
  return new Set(
    q.relevant.map((c) => {
      const parsed = parseCitation(c);
      if (parsed === undefined) throw new Error(`content/eval: "${c}" is not a citation`);
      const title = titles.get(parsed.law);
      if (title === undefined) throw new Error(`content/eval: "${parsed.law}" in "${c}" is not a shipped law`);
      return articleKey(title, parsed.article);
    }),
  );
}

/** What a search shows: article keys in rank order, and the articles on the first screen (cited by answers too). */
export interface Ranked {
  articles: string[];
  firstScreen: Set<string>;
}

export function rankedOf(result: SearchResponse): Ranked {
  const articles = result.groups.article.flatMap((h) => (h.kind === 'article' ? [articleKey(h.law, h.article)] : []));
  const firstScreen = new Set(
    result.hits
      .slice(0, 5)
      .flatMap((h) =>
        h.kind === 'article' ? [articleKey(h.law, h.article)] : h.cites.map((c) => articleKey(c.law, c.article)),
      ),
  );
  return { articles, firstScreen };
}

export interface Scored {
  query: string;
  kind: string;
  r5: number;
  r10: number;
  rr: number;
  answered5: number;
}

export function score(q: Question, relevant: ReadonlySet<string>, ranked: Ranked): Scored {
  const { articles, firstScreen } = ranked;
  const recallAt = (k: number): number => articles.slice(0, k).filter((a) => relevant.has(a)).length / relevant.size;
  const first = articles.slice(0, 20).findIndex((a) => relevant.has(a));
  return {
    query: q.query,
    kind: q.kind,
    r5: recallAt(5),
    r10: recallAt(10),
    rr: first === -1 ? 0 : 1 / (first + 1),
    answered5: [...relevant].some((a) => firstScreen.has(a)) ? 1 : 0,
  };
}

const mean = (xs: number[]): number =>
  Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 1000) / 1000;

export function summary(rs: readonly Scored[]) {
  return {
    n: rs.length,
    recall_at_5: mean(rs.map((r) => r.r5)),
    recall_at_10: mean(rs.map((r) => r.r10)),
    mrr: mean(rs.map((r) => r.rr)),
    answered_at_5: mean(rs.map((r) => r.answered5)),
  };
}

export function summaryByKind(rs: readonly Scored[]): Record<string, ReturnType<typeof summary>> {
  const out: Record<string, ReturnType<typeof summary>> = {};
  for (const kind of [...new Set(rs.map((r) => r.kind))]) out[kind] = summary(rs.filter((r) => r.kind === kind));
  return out;
}
