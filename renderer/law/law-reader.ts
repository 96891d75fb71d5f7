import { parseArticleLabel } from '../../common/legal/chinese-numerals';
import { findRanges } from '../shared/highlight';

/**
 * What the law reader computes from a law's articles: the table of contents,
 * jumping to an article by number, and "find in this law". Pure functions.
 */
export interface ReaderArticle {
  id: number;
  /** As the law writes it: 第三十条, 第二百七十六条之一. */
  number: string;
  /** Outermost first: 编, 分编, 章, 节 — e.g. ["第五章 特别规定", "第一节 集体合同"]. */
  headings: readonly string[];
  text: string;
}

export interface ContentsEntry {
  heading: string;
  /** 0 for the outermost level the law uses. */
  depth: number;
  /** The first article under this heading: where a tap jumps to. */
  articleId: number;
  articleNumber: string;
}

/**
 * One entry per heading, in reading order, where a heading starts: an article
 * whose heading at some level differs from the previous article's (or whose
 * parent heading changed) opens a new entry at that level and below.
 */
export function buildContents(articles: readonly ReaderArticle[]): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  let previous: readonly string[] = [];
  for (const article of articles) {
    const { headings } = article;
    let changed = false;
    headings.forEach((heading, depth) => {
      changed ||= previous[depth] !== heading;
      if (changed) entries.push({ heading, depth, articleId: article.id, articleNumber: article.number });
    });
    previous = headings;
  }
  return entries;
}

/**
 * The headings to print above `article` in a continuous reading: those that
 * start with it (same rule as {@link buildContents}).
 */
export function headingsStartingAt(
  article: ReaderArticle,
  previous: ReaderArticle | undefined,
): { heading: string; depth: number }[] {
  const before = previous?.headings ?? [];
  const out: { heading: string; depth: number }[] = [];
  let changed = false;
  article.headings.forEach((heading, depth) => {
    changed ||= before[depth] !== heading;
    if (changed) out.push({ heading, depth });
  });
  return out;
}

/** The article numbered `ordinal` (第30条 → 30; an inserted 第三十条之一 only if there is no 第三十条). */
export function findArticleByOrdinal<A extends ReaderArticle>(articles: readonly A[], ordinal: number): A | undefined {
  let inserted: A | undefined;
  for (const article of articles) {
    const label = parseArticleLabel(article.number);
    if (label?.ordinal !== ordinal) continue;
    if (label.sub === 0) return article;
    inserted ??= article;
  }
  return inserted;
}

/** The highest article number of the law, to bound the number pad. */
export function maxArticleOrdinal(articles: readonly ReaderArticle[]): number {
  return articles.reduce((max, a) => Math.max(max, parseArticleLabel(a.number)?.ordinal ?? 0), 0);
}

export interface FoundArticle<A extends ReaderArticle> {
  article: A;
  /** Where the query occurs in the article's text (UTF-16 ranges). */
  ranges: [number, number][];
}

/** Articles whose text or number contains `query`, in law order. */
export function findInLaw<A extends ReaderArticle>(articles: readonly A[], query: string): FoundArticle<A>[] {
  if (query.trim() === '') return [];
  const found: FoundArticle<A>[] = [];
  for (const article of articles) {
    const ranges = findRanges(article.text, query);
    if (ranges.length > 0 || findRanges(article.number, query).length > 0) found.push({ article, ranges });
  }
  return found;
}
