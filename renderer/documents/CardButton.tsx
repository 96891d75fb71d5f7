import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { BigButton } from '../../ui/buttons/BigButton';
import { readerAvailability } from '../flow/id-card/identity';
import { subsystemReasonKey } from '../app/service/health-view';
import '../flow/flows.css';
import './documents.css';

/** "读身份证填写": on terminals with a reader; while the reader is down it says so and does nothing. */
export function CardButton({
  health,
  label,
  onPress,
  variant = 'secondary',
}: {
  health: Health;
  label: string;
  onPress(): void;
  variant?: 'primary' | 'secondary';
}) {
  const { t } = useTranslation();
  const reader = readerAvailability(health);
  if (reader === 'none') return null;
  const reason = subsystemReasonKey('idCardReader', health.subsystems.idCardReader.reason);
  return (
    <BigButton
      icon="idCard"
      variant={variant}
      data-testid="card-button"
      disabled={reader === 'unavailable'}
      unavailable={
        reader === 'unavailable'
          ? {
              label: reason ? `${t('documents.card.unavailable')}（${t(reason)}）` : t('documents.card.unavailable'),
              icon: 'warning',
            }
          : undefined
      }
      onClick={onPress}
    >
      {label}
    </BigButton>
  );
}
