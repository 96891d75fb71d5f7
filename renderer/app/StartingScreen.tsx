import { useTranslation } from 'react-i18next';
import './shell.css';

/** The first moments before the service answers; deliberately plain, so a quick start shows no flash of "problem". */
export function StartingScreen() {
  const { t } = useTranslation();
  return (
    <main className="starting" data-testid="starting" aria-busy="true">
      <p className="starting__name">{t('app.name')}</p>
      <p className="starting__text">{t('app.starting')}</p>
    </main>
  );
}
