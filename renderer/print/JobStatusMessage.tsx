import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../ui/icons/Icon';
import type { PrintPhase } from './print-job';
import '../shared/content.css';

/** The icon beside each phase of a print job, wherever one is told. */
export const PHASE_ICON: Record<PrintPhase, IconName> = {
  sending: 'print',
  printing: 'print',
  printed: 'ok',
  waiting: 'warning',
  failed: 'warning',
};

/** What the printer is doing with one job, in words and an icon, with the reason when it waits or failed. */
export function JobStatusMessage({ phase, reason }: { phase: PrintPhase; reason: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="job-status__message" role="status">
      <Icon name={PHASE_ICON[phase]} className="job-status__icon" />
      <div>
        <p className="job-status__text">{t(`print.${phase}`)}</p>
        {reason && <p className="job-status__reason">{reason}</p>}
        {phase === 'waiting' && <p className="job-status__reason">{t('print.waitingKept')}</p>}
      </div>
    </div>
  );
}
