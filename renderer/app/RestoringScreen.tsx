import { useTranslation } from 'react-i18next';
import { HotlineCard } from '../shared/HotlineCard';
import { LanguageSwitch } from '../../ui/i18n/LanguageSwitch';
import './shell.css';

export interface RestoringScreenProps {
  /** The hotline to offer meanwhile: the terminal's if known, else 12348. */
  hotline: string;
  /** The page was opened without its access key: add a line for the technician. */
  technicianHint?: boolean;
}

/**
 * Shown over everything while the local service cannot be reached. Calm on
 * purpose: no error codes, nothing to press; it goes away by itself.
 */
export function RestoringScreen({ hotline, technicianHint = false }: RestoringScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="restoring" data-testid="restoring">
      <div className="restoring__status" role="status">
        <div className="restoring__pulse" aria-hidden="true" />
        <h1 className="restoring__title">{t('restoring.title')}</h1>
        <p className="restoring__body reading">{t('restoring.body')}</p>
      </div>
      <HotlineCard size="large" number={hotline} />
      {technicianHint && <p className="restoring__hint">{t('restoring.technicianHint')}</p>}
      <div className="restoring__language">
        <LanguageSwitch />
      </div>
    </div>
  );
}
