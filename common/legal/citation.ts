import { formatArticleLabel, parseArticleLabel, type ArticleNumber } from './chinese-numerals';

/** A reference to one article: the law's short name and the article as the law writes it. */
export interface Citation {
  law: string;
  article: string;
  number: ArticleNumber;
}

const CITATION = /^\s*(.+?)\s*(第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?)\s*$/;

/**
 * `劳动合同法 第三十条` (the space is optional) → a citation with the article
 * written canonically (第30条 becomes 第三十条). Undefined when the text is not
 * a citation.
 */
export function parseCitation(text: string): Citation | undefined {
  const m = CITATION.exec(text);
  if (m === null) return undefined;
  const number = parseArticleLabel(m[2]!);
  if (number === undefined || m[1]!.trim() === '') return undefined;
  return { law: m[1]!.trim(), article: formatArticleLabel(number), number };
}
