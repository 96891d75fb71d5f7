import { z } from 'zod';
import { parseArticleLabel } from '../../legal/chinese-numerals';

/**
 * What the hub's take-away pages accept: the addresses a kiosk's QR code
 * holds (common/take-away.ts), checked strictly before any lookup. A page
 * is opened from a phone, so every key is short text and nothing else.
 */

/** An answer's, guide's or office's id as the content release names it: lowercase letters, digits and dashes. */
export const ContentSlug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and dashes');

/** The page chrome's language; the content itself is Chinese. */
export const PageLanguage = z.enum(['zh-CN', 'en']);
export type PageLanguage = z.infer<typeof PageLanguage>;

/** Every page takes `?lang=en`; nothing else is accepted besides its own keys. */
const LanguageQuery = { lang: PageLanguage.optional() };

export const SlugPageParams = z.strictObject({ id: ContentSlug });
export const PlainPageQuery = z.strictObject(LanguageQuery);

/** An article as a kiosk names it: the law's full title, its version date and the article's number (第三十条, 第十条之一). */
export const LawPageQuery = z.strictObject({
  title: z.string().min(1).max(100),
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2012-12-28'),
  article: z
    .string()
    .max(20)
    .refine((label) => parseArticleLabel(label) !== undefined, 'expected an article number such as 第三十条'),
  ...LanguageQuery,
});
export type LawPageQuery = z.infer<typeof LawPageQuery>;

/** A public page of the hub: a GET anyone may load by link. */
export interface HubPageDef<Params extends z.ZodType, Query extends z.ZodType> {
  /** With parameters as `:name`. */
  path: `/p/${string}`;
  params: Params;
  query: Query;
  access: 'anyone';
}
