import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/icons/Icon';
import { otherLanguage } from '../../../ui/i18n/i18n';

/** The other language, named in its own script (as the kiosk's switch does); the choice is kept in this browser. */
export function LanguageButton() {
  const { i18n } = useTranslation();
  const other = otherLanguage(i18n.language);
  if (other === null) return null;
  return (
    <Button
      lang={other}
      icon={<Icon name="globe" className="console-icon" />}
      onClick={() => void i18n.changeLanguage(other)}
      data-testid="language-switch"
    >
      {i18n.getFixedT(other)('language.name')}
    </Button>
  );
}
