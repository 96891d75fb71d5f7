import { useTranslation } from 'react-i18next';
import { BigButton } from '../../ui/buttons/BigButton';
import './shell.css';

/** Instead of a screen that failed to render: one plain way back. */
export function ScreenError({ onHome }: { onHome(): void }) {
  const { t } = useTranslation();
  return (
    <main className="screen screen-error" data-testid="screen-error">
      <h1 className="screen-error__title">{t('screenError.title')}</h1>
      <p className="screen-error__body reading">{t('screenError.body')}</p>
      <BigButton variant="primary" icon="home" onClick={onHome}>
        {t('nav.backToHome')}
      </BigButton>
    </main>
  );
}
