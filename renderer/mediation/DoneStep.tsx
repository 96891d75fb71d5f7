import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import { COMMITTEE_CONTACT_WORKING_DAYS } from '../../common/mediation/mediation';
import { RatingPanel } from '../app/rating/RatingPanel';
import { SubmissionDone } from '../flow/SubmissionDone';
import type { TrackedJob } from '../print/use-tracked-job';
import { CommitteeCard } from './steps';

export interface DoneStepProps {
  reference: string;
  /** The service said the receipt printed already (the same request sent again). */
  receiptPrinted: boolean;
  committee: DirectoryEntry | null;
  /** The receipt's print job, followed since before the request went. */
  receipt: TrackedJob;
  health: Health;
}

/**
 * After 提交: the flow kit's done step (the reference number in very large
 * type, the receipt coming out), then what happens next and who will call,
 * the committee, and the rating.
 */
export function DoneStep({ reference, receiptPrinted, committee, receipt, health }: DoneStepProps) {
  const { t } = useTranslation();
  const nextTitleId = useId();
  return (
    <SubmissionDone
      reference={reference}
      referenceLabel={t('mediation.done.reference')}
      referenceHint={t('mediation.done.referenceHint')}
      receipt={receipt}
      receiptPrinted={receiptPrinted}
      health={health}
    >
      <section className="med-next" aria-labelledby={nextTitleId}>
        <h2 id={nextTitleId} className="flow-title">
          {t('mediation.done.nextTitle')}
        </h2>
        <p className="med-next__text">{t('mediation.done.next', { days: COMMITTEE_CONTACT_WORKING_DAYS })}</p>
        <p className="flow-hint">{t('mediation.done.promise')}</p>
      </section>
      {committee !== null && <CommitteeCard committee={committee} title={t('mediation.done.committee')} />}
      <RatingPanel subject="mediation" mode="inline" />
    </SubmissionDone>
  );
}
