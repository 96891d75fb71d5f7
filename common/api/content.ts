import { z } from 'zod';

/** Reading the content release: the topic tree, answers, laws and guides. */
const Bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

export const TopicsResponse = z.object({
  topics: z.array(
    z.object({
      id: z.string(),
      title: Bilingual,
      icon: z.string().nullable(),
      situations: z.array(z.object({ id: z.string(), title: Bilingual, faqCount: z.number().int() })),
    }),
  ),
});
export type TopicsResponse = z.infer<typeof TopicsResponse>;

const Id = z.string().min(1).max(200);
export const ByTopic = z.strictObject({ topicId: Id });
export const ById = z.strictObject({ id: Id });

export const FaqListResponse = z.object({ items: z.array(z.object({ id: z.string(), question: z.string() })) });

export const ArticleRef = z.object({
  articleId: z.number().int(),
  law: z.string(),
  lawShort: z.string(),
  article: z.string(),
});
export type ArticleRef = z.infer<typeof ArticleRef>;

export const FaqResponse = z.object({
  id: z.string(),
  topicId: z.string(),
  question: z.string(),
  answer: z.string(),
  nextSteps: z.array(z.object({ step: z.string(), timeLimit: z.string().optional() })),
  cites: z.array(ArticleRef),
  related: z.array(z.object({ id: z.string(), question: z.string() })),
});
export type FaqResponse = z.infer<typeof FaqResponse>;

const LawSummary = z.object({
  id: z.number().int(),
  shortName: z.string(),
  title: z.string(),
  category: z.string(),
  versionDate: z.string(),
  effectiveDate: z.string().nullable(),
  articleCount: z.number().int(),
});
export const LawsResponse = z.object({
  categories: z.array(z.object({ name: z.string(), laws: z.array(LawSummary) })),
});
export type LawsResponse = z.infer<typeof LawsResponse>;

export const LawByIdRequest = z.strictObject({ id: z.number().int().positive() });
export const LawResponse = LawSummary.extend({
  issuer: z.string().nullable(),
  articles: z.array(
    z.object({ id: z.number().int(), number: z.string(), headings: z.array(z.string()), text: z.string() }),
  ),
});
export type LawResponse = z.infer<typeof LawResponse>;

export const ArticleRequest = z.strictObject({ articleId: z.number().int().positive() });
export const ArticleResponse = z.object({
  id: z.number().int(),
  number: z.string(),
  headings: z.array(z.string()),
  text: z.string(),
  law: LawSummary,
});
export type ArticleResponse = z.infer<typeof ArticleResponse>;

export const GuideResponse = z.object({
  id: z.string(),
  topicId: z.string(),
  title: z.string(),
  summary: z.string(),
  steps: z.array(z.object({ title: z.string(), body: z.string(), timeLimit: z.string().optional() })),
  cites: z.array(ArticleRef),
});

/** Law-education slides for the attract loop, in order. */
export const SlidesResponse = z.object({
  slides: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), cites: z.array(ArticleRef) })),
});
export type SlidesResponse = z.infer<typeof SlidesResponse>;
