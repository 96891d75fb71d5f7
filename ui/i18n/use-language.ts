import { useTranslation } from 'react-i18next';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { DEFAULT_LANGUAGE, isLanguageTag } from './i18n';

/** The language on screen as one of ours (for content that carries its own translations, dates…). */
export function useLanguage(): LanguageTag {
  const { i18n } = useTranslation();
  return isLanguageTag(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** The text for the language on screen from content that carries both (topic titles). */
export function pickLanguage(text: Readonly<Record<LanguageTag, string>>, language: LanguageTag): string {
  return text[language] || text[DEFAULT_LANGUAGE];
}
