import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../common/api/devices';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import { COMMITTEE_CONTACT_WORKING_DAYS, type DisputeCategory } from '../../common/mediation/mediation';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { RatingPanel } from '../app/rating/RatingPanel';
import { useApi } from '../app/service/ServiceContext';
import { printerAvailability } from '../app/service/health-view';
import { ReceiptJobStatus } from '../submission-status/ReceiptJob';
import { CommitteeCard } from './steps';

export interface DoneStepProps {
  reference: string;
  category: DisputeCategory;
  committee: DirectoryEntry | null;
  /** The receipt's print job as it goes; null before the first word on it, or without one. */
  job: PrintJob | null;
  /** The service queued a receipt. */
  expectJob: boolean;
  health: Health;
  /** A retried or reprinted receipt's job, to follow. */
  onRetryPrint(job: PrintJob): void;
}

/**
 * After 提交: the reference number in very large type, the receipt coming
 * out, what happens next and who will call, then the rating.
 */
export function DoneStep({ reference, category, committee, job, expectJob, health, onRetryPrint }: DoneStepProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const api = useApi();
  const [retrying, setRetrying] = useState(false);
  const [retryFailed, setRetryFailed] = useState(false);
  const printer = printerAvailability(health);
  const referenceLabelId = useId();
  const nextTitleId = useId();

  const reprint = async (): Promise<void> => {
    if (retrying) return;
    setRetrying(true);
    setRetryFailed(false);
    try {
      onRetryPrint((await api.call('submissionReprint', { reference })).printJob);
    } catch {
      setRetryFailed(true);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div className="flow-step med-done" data-category={category}>
      <section className="reference-display med-reference" aria-labelledby={referenceLabelId}>
        {/* One paragraph, label and number: 朗读 says both after the title. */}
        <p className="med-reference__line">
          <span id={referenceLabelId} className="reference-display__label">
            {t('mediation.done.reference')}
          </span>
          <span className="reference-display__number" data-testid="mediation-reference">
            {reference}
          </span>
        </p>
        <p className="med-reference__hint">{t('mediation.done.referenceHint')}</p>
      </section>
      {printer.state === 'none' ? (
        <StatusNotice tone="info">{t('mediation.done.noPrinter')}</StatusNotice>
      ) : job !== null ? (
        <ReceiptJobStatus job={job} retrying={retrying} onRetry={() => void reprint()} />
      ) : (
        !expectJob && (
          <BigButton icon="print" disabled={retrying} data-testid="receipt-reprint" onClick={() => void reprint()}>
            {t('submissionStatus.reprint')}
          </BigButton>
        )
      )}
      {retryFailed && <StatusNotice tone="warning">{t('submissionStatus.reprintFailed')}</StatusNotice>}
      <section className="med-next" aria-labelledby={nextTitleId}>
        <h2 id={nextTitleId} className="flow-title">
          {t('mediation.done.nextTitle')}
        </h2>
        <p className="med-next__text">{t('mediation.done.next', { days: COMMITTEE_CONTACT_WORKING_DAYS })}</p>
        <p className="flow-hint">{t('mediation.done.promise')}</p>
      </section>
      {committee !== null && <CommitteeCard committee={committee} title={t('mediation.done.committee')} />}
      <RatingPanel subject="mediation" mode="inline" />
      <div className="med-actions">
        <BigButton icon="home" data-testid="mediation-home" onClick={nav.home}>
          {t('mediation.done.home')}
        </BigButton>
      </div>
    </div>
  );
}
