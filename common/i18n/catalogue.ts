/**
 * Shape shared by every language: the English catalogue must have exactly the
 * keys of the Chinese one (the compiler checks it), so no screen ever shows a
 * key or falls back to another language.
 */
export type Catalogue<T> = {
  [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]>;
};

export const LANGUAGE_TAGS = ['zh-CN', 'en'] as const;
export type LanguageTag = (typeof LANGUAGE_TAGS)[number];
