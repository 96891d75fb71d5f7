import { z } from 'zod';

/**
 * Search over everything the kiosk knows. The query is whatever the citizen
 * typed — Chinese, pinyin, slang, punctuation, emoji — and is never an error:
 * the service cuts it to a sensible length and treats every character as text.
 */
export const SearchRequest = z.strictObject({
  query: z.string().max(10_000),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const HIT_KINDS = ['faq', 'article', 'guide'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

const Highlights = z.array(z.tuple([z.number().int(), z.number().int()]));
const CitedArticle = z.object({
  law: z.string(),
  lawShort: z.string(),
  article: z.string(),
  articleId: z.number().int(),
});
export type CitedArticle = z.infer<typeof CitedArticle>;

const HitBase = {
  /** FAQ or guide id; for an article, its numeric id as text. */
  id: z.string(),
  title: z.string(),
  titleHighlights: Highlights,
  snippet: z.string(),
  /** UTF-16 offsets into `snippet` to show highlighted. */
  highlights: Highlights,
  score: z.number(),
};

export const SearchHit = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('article'),
    ...HitBase,
    /** The law's full title, e.g. 中华人民共和国劳动合同法. */
    law: z.string(),
    lawShort: z.string(),
    /** As the law writes it, e.g. 第三十条. */
    article: z.string(),
    versionDate: z.string(),
  }),
  z.object({ kind: z.literal('faq'), ...HitBase, topicId: z.string(), cites: z.array(CitedArticle) }),
  z.object({ kind: z.literal('guide'), ...HitBase, topicId: z.string(), cites: z.array(CitedArticle) }),
]);
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  /** The query as searched, after normalisation. */
  query: z.string(),
  /** The words actually looked for, e.g. 老板不给钱 → 拖欠, 劳动报酬, 工资 — so the UI can say what it understood. */
  interpretedAs: z.array(z.string()),
  /** All hits, best first. */
  hits: z.array(SearchHit),
  /** The same hits grouped by kind, each group best first. */
  groups: z.object({ faq: z.array(SearchHit), article: z.array(SearchHit), guide: z.array(SearchHit) }),
  /** Content release searched. */
  contentVersion: z.string(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const SuggestRequest = z.strictObject({
  prefix: z.string().max(10_000),
  limit: z.number().int().min(1).max(20).default(8),
});
export const SuggestResponse = z.object({
  suggestions: z.array(z.object({ text: z.string(), pinyin: z.string() })),
});
export type SuggestResponse = z.infer<typeof SuggestResponse>;
