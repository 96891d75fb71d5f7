import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { FeatureId, FeatureUnavailableReason } from '../../common/features';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../components/BigButton';
import { HotlineCard } from '../components/HotlineCard';
import { Icon } from '../components/Icon';
import { ScreenHeader } from '../components/ScreenHeader';
import { REASON_ICON } from './reason-icons';
import './screens.css';

export interface FeatureUnavailableScreenProps {
  feature: FeatureId;
  reason: FeatureUnavailableReason;
  health: Health;
}

/** Why a tapped service cannot be used, and who to call instead. */
export function FeatureUnavailableScreen({ feature, reason, health }: FeatureUnavailableScreenProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const { hotlines } = health.terminal;
  return (
    <main className="screen" data-testid="feature-unavailable">
      <ScreenHeader title={t(`features.${feature}.title`)} />
      <div className="screen__content unavailable">
        <Icon name={feature} className="unavailable__feature-icon" />
        <p className="unavailable__status">
          <Icon name={REASON_ICON[reason]} className="unavailable__status-icon" />
          {t(`featureUnavailable.${reason}.badge`)}
        </p>
        <p className="unavailable__explain reading">{t(`featureUnavailable.${reason}.explain`)}</p>
        <p className="unavailable__meanwhile reading">{t('featureUnavailable.meanwhile')}</p>
        <HotlineCard size="large" number={hotlines.publicLegalService} local={hotlines.local} />
        <BigButton variant="primary" icon="home" onClick={nav.home}>
          {t('nav.backToHome')}
        </BigButton>
      </div>
    </main>
  );
}
