import { parseArticleLabel } from '../../common/legal/chinese-numerals';

/**
 * Parser for the corpus's law files: `# title` (a second `#` line names a
 * part, as in the Civil Code's 合同编), history lines up to
 * `<!-- INFO END -->`, then `##`…`####` headings (编, 章, 节) and article
 * paragraphs that begin with `第X条`. A paragraph that does not start an
 * article continues the one before it.
 */
export interface ParsedArticle {
  /** As the law writes it: 第三十条, 第二百七十六条之一. */
  number: string;
  ordinal: number;
  sub: number;
  /** Headings in force where the article stands, outermost first: ['第二章 劳动合同的订立']. */
  headings: string[];
  text: string;
  /** 1-based line of the article's first paragraph in the source file. */
  line: number;
}

export interface ParsedLaw {
  title: string;
  part: string | undefined;
  /** The history lines between the title and the INFO END marker. */
  history: string[];
  /** Dates found in the history, ISO `YYYY-MM-DD`, in order. */
  historyDates: string[];
  /** When the history says so (a line ending in 施行). */
  effectiveDate: string | undefined;
  articles: ParsedArticle[];
}

export class LawParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

const INFO_END = '<!-- INFO END -->';
const ARTICLE_START = /^(第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?)(?:[\s\u3000]+|$)(.*)$/;
const CN_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;

function isoDates(text: string): string[] {
  return [...text.matchAll(CN_DATE)].map((m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

const tidy = (s: string): string => s.replace(/[\s\u3000]+/g, ' ').trim();

export function parseLaw(file: string, source: string): ParsedLaw {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const titles: string[] = [];
  const history: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === INFO_END) break;
    if (line.startsWith('# ')) titles.push(tidy(line.slice(2)));
    else if (line.startsWith('---') || line === '' || /^\w+:/.test(line)) continue;
    else history.push(tidy(line));
  }
  if (i === lines.length) throw new LawParseError(file, 1, `no "${INFO_END}" marker after the title and history`);
  if (titles.length === 0) throw new LawParseError(file, 1, 'no "# title" line before the INFO END marker');

  const headings: string[] = [];
  const articles: ParsedArticle[] = [];
  let current: ParsedArticle | undefined;
  for (i += 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const heading = /^(#{2,6})\s+(.*)$/.exec(line);
    if (heading !== null) {
      const depth = heading[1]!.length - 2; // ## is the outermost level inside a law
      headings.length = Math.min(headings.length, depth);
      headings[depth] = tidy(heading[2]!);
      current = undefined;
      continue;
    }
    const start = ARTICLE_START.exec(line);
    const number = start === null ? undefined : parseArticleLabel(start[1]!);
    if (start !== null && number !== undefined) {
      const prev = articles.at(-1);
      if (
        prev !== undefined &&
        (number.ordinal < prev.ordinal || (number.ordinal === prev.ordinal && number.sub <= prev.sub))
      ) {
        throw new LawParseError(
          file,
          i + 1,
          `${start[1]} comes after ${prev.number} (line ${prev.line}): articles out of order or repeated`,
        );
      }
      current = {
        number: start[1]!,
        ordinal: number.ordinal,
        sub: number.sub,
        headings: headings.filter(Boolean),
        text: tidy(start[2]!),
        line: i + 1,
      };
      articles.push(current);
    } else if (current !== undefined) {
      current.text += `\n${tidy(line)}`;
    }
    // Text before the first article (a preamble) is not part of any article and is left out.
  }
  if (articles.length === 0) throw new LawParseError(file, i, 'no articles (lines beginning with 第X条) found');

  const effective = history
    .filter((h) => /施行$/.test(h))
    .flatMap(isoDates)
    .at(-1);
  return {
    title: titles[0]!,
    part: titles[1],
    history,
    historyDates: history.flatMap(isoDates),
    effectiveDate: effective,
    articles,
  };
}

/** The version date in a corpus file name: `劳动法(2018-12-29).md` → 2018-12-29. */
export function versionDateFromPath(path: string): string | undefined {
  return /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(path)?.[1];
}

/** 中华人民共和国劳动合同法 → 劳动合同法: the name citizens use. */
export function shortTitle(title: string): string {
  return title.replace(/^中华人民共和国/, '');
}
