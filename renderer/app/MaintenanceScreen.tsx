import { useTranslation } from 'react-i18next';
import { HotlineCard } from '../shared/HotlineCard';
import { LanguageSwitch } from '../../ui/i18n/LanguageSwitch';
import './shell.css';

export interface MaintenanceScreenProps {
  /** The terminal's hotline, for help while the kiosk is out of use. */
  hotline: string;
}

/**
 * Shown instead of every screen while an administrator has the kiosk in
 * maintenance mode: 设备维护中 and the hotline, nothing that starts a
 * citizen's flow. It goes away when maintenance mode is turned off.
 */
export function MaintenanceScreen({ hotline }: MaintenanceScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="restoring" data-testid="maintenance">
      <div className="restoring__status" role="status">
        <h1 className="restoring__title">{t('maintenance.title')}</h1>
        <p className="restoring__body reading">{t('maintenance.body')}</p>
      </div>
      <HotlineCard size="large" number={hotline} />
      <div className="restoring__language">
        <LanguageSwitch />
      </div>
    </div>
  );
}
