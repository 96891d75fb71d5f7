import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { hotlineNumber } from '../app/service/health-view';
import type { SubmissionState } from './use-submission';
import './flows.css';

/**
 * Why a submission did not go, the same in every flow: not sent (tap again,
 * it will not be sent twice), or the kiosk cannot keep it now (with where to
 * go instead — the flow's own words, or the hotline). Nothing while idle or
 * sending. A polite live region, so a screen reader hears it appear.
 */
export function SubmissionProblem({
  state,
  health,
  unavailableDetail,
}: {
  state: SubmissionState;
  health: Health;
  /** Where to go instead when the kiosk cannot keep it: the flow's office, or the hotline by default. */
  unavailableDetail?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="flow-live" aria-live="polite" data-testid="submission-problem" data-state={state}>
      {state === 'failed' && (
        <StatusNotice tone="warning" detail={t('flow.submission.failedDetail')}>
          {t('flow.submission.failed')}
        </StatusNotice>
      )}
      {state === 'unavailable' && (
        <StatusNotice
          tone="warning"
          detail={unavailableDetail ?? t('flow.submission.unavailableDetail', { hotline: hotlineNumber(health) })}
        >
          {t('flow.submission.unavailable')}
        </StatusNotice>
      )}
    </div>
  );
}
