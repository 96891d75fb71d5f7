import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { FeatureId, FeatureUnavailableReason } from '../../common/features';
import { useNavigation } from './NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { HotlineCard } from '../shared/HotlineCard';
import { Icon } from '../../ui/icons/Icon';
import { ScreenHeader } from '../shared/ScreenHeader';
import { REASON_ICON } from '../shared/reason-icons';
import './shell.css';

export interface FeatureUnavailableScreenProps {
  feature: FeatureId;
  reason: FeatureUnavailableReason;
  health: Health;
}

/** Why a tapped service cannot be used, and who to call instead (for 视频咨询 with its hub out of reach, also a lawyer's callback). */
export function FeatureUnavailableScreen({ feature, reason, health }: FeatureUnavailableScreenProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const { hotlines } = health.terminal;
  // A kiosk enrolled with a hub that is out of reach now can still take a lawyer's callback: the outbox sends it later.
  const offersCallback = feature === 'videoCall' && reason === 'needs-hub' && health.subsystems.hub.state !== 'off';
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
        {offersCallback && (
          <BigButton
            icon="phone"
            data-testid="feature-callback"
            onClick={() => nav.push({ name: 'video-call', callbackFor: 'hub-unreachable' })}
          >
            {t('videoCall.unavailable.callback')}
          </BigButton>
        )}
        <BigButton variant="primary" icon="home" onClick={nav.home}>
          {t('nav.backToHome')}
        </BigButton>
      </div>
    </main>
  );
}
