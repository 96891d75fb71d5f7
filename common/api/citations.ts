import { z } from 'zod';
import { ArticleRef } from './content';

/**
 * Articles by what a citation names — a law's short name and the article as
 * the law writes it (劳动合同法, 第四十七条) — for text that cites the law
 * without knowing the content release's ids: the calculators' breakdowns
 * (common/calculators) name their basis this way, and the screen turns each
 * shipped article into a button to its text.
 *
 * Several at once, in one answer, in the order asked: a breakdown cites a
 * handful. A citation the release does not ship (a law left out, an article
 * that does not exist, a label that is not an article) is `null` in its
 * place, not an error: the screen then shows the citation as words only.
 */
export const CitationQuery = z.strictObject({
  /** The law's short name as content/laws/shipped.yaml gives it: 劳动合同法. */
  lawShort: z.string().min(1).max(60),
  /** 第四十七条, 第二百七十六条之一 (第47条 is read too). */
  article: z.string().min(1).max(40),
});
export type CitationQuery = z.infer<typeof CitationQuery>;

export const ArticlesByCitationRequest = z.strictObject({ citations: z.array(CitationQuery).min(1).max(50) });

/** `articles[i]` answers `citations[i]`. */
export const ArticlesByCitationResponse = z.object({ articles: z.array(ArticleRef.nullable()) });
export type ArticlesByCitationResponse = z.infer<typeof ArticlesByCitationResponse>;
