import { useTranslation } from 'react-i18next';
import type { LanguageTag } from '../../common/i18n/catalogue';
import { otherLanguage } from './i18n';
import { Icon } from '../icons/Icon';
import '../components.css';

/**
 * One tap to the other language. The button shows that language's own name
 * in its own script ("English" on the Chinese screen, "中文" on the English
 * one), so the person who needs it can read it. Hidden on one-language terminals.
 */
export function LanguageSwitch({ offered }: { offered?: readonly LanguageTag[] }) {
  const { i18n } = useTranslation();
  const target = otherLanguage(i18n.language, offered);
  if (target === null) return null;
  const name = i18n.getFixedT(target)('language.name');
  return (
    <button
      type="button"
      className="button lang-switch"
      lang={target}
      data-testid="language-switch"
      onClick={() => void i18n.changeLanguage(target)}
    >
      <Icon name="globe" className="button__icon" />
      <span>{name}</span>
    </button>
  );
}
