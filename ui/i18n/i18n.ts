import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_TAGS, type LanguageTag } from '../../common/i18n/catalogue';
import { en } from '../../common/i18n/en';
import { zhCN } from '../../common/i18n/zh-CN';

// Typed keys: `t('home.lead')` is checked against the Chinese catalogue, so a
// misspelt or removed key fails the type check instead of showing on screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export const DEFAULT_LANGUAGE: LanguageTag = 'zh-CN';

export function isLanguageTag(value: string): value is LanguageTag {
  return (LANGUAGE_TAGS as readonly string[]).includes(value);
}

/** A ready instance: the catalogues are bundled, so initialisation is synchronous. */
export function createI18n(language: LanguageTag = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    // The catalogues have identical keys (tested); this only guards a runtime surprise.
    fallbackLng: DEFAULT_LANGUAGE,
    // React escapes what it renders; escaping here would show "&amp;".
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

/**
 * The language the one-tap switch offers: the terminal's other language, or
 * null when it offers only one. Before the service has answered, both are offered.
 */
export function otherLanguage(current: string, offered: readonly LanguageTag[] = LANGUAGE_TAGS): LanguageTag | null {
  return offered.find((tag) => tag !== current) ?? null;
}
