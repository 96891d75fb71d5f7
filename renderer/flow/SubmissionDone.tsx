import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { QrCode } from '../../ui/qr/QrCode';
import { useNavigation } from '../app/NavigationContext';
import { printerAvailability } from '../app/service/health-view';
import type { TrackedJob } from '../print/use-tracked-job';
import { ReceiptReprint, receiptView, useReprint } from './Receipt';
import './flows.css';

export interface SubmissionDoneProps {
  /** A heading saying it went in, where the screen's own title does not say so already. */
  title?: string;
  reference: string;
  /** What the flow calls the number: 受理编号, 参考编号. */
  referenceLabel: string;
  /** A line under the number: keep the receipt, give the number when asking. */
  referenceHint?: string;
  /** The receipt's print job, followed since before the submission went (events can come before the answer). */
  receipt: TrackedJob;
  /** The service's answer said the receipt printed already (the same submission sent again): nothing new was queued. */
  receiptPrinted: boolean;
  health: Health;
  /** The flow's own part: what happens next, what to bring, the office, the rating. */
  children?: ReactNode;
}

/**
 * The last step of every flow that submits: the reference number in very
 * large type with its label (one paragraph, so 朗读 reads both together), the
 * receipt coming out and 再打印一张回执 with one behaviour (ReceiptReprint), a
 * QR code of the number to keep it on a phone, the flow's own content, then
 * 回到首页.
 */
export function SubmissionDone({
  title,
  reference,
  referenceLabel,
  referenceHint,
  receipt,
  receiptPrinted,
  health,
  children,
}: SubmissionDoneProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const labelId = useId();
  const reprint = useReprint(reference, health, receipt.track);
  return (
    <section className="flow-step submission-done" data-testid="submission-done">
      {title !== undefined && (
        <h2 className="submission-done__title">
          <Icon name="ok" className="submission-done__title-icon" />
          {title}
        </h2>
      )}
      <section className="reference-display" aria-labelledby={labelId}>
        <p className="submission-done__reference">
          <span id={labelId} className="reference-display__label">
            {referenceLabel}
          </span>
          <span className="reference-display__number" data-testid="submission-reference">
            {reference}
          </span>
        </p>
        {referenceHint !== undefined && <p className="submission-done__reference-hint">{referenceHint}</p>}
      </section>
      {printerAvailability(health).state === 'none' ? (
        <StatusNotice tone="info">{t('flow.done.noPrinter')}</StatusNotice>
      ) : (
        <ReceiptReprint view={receiptView(receipt.job, receiptPrinted)} reprint={reprint} />
      )}
      <div className="submission-done__qr">
        <QrCode data={reference} label={t('flow.done.qr')} maxSide={174} testId="submission-reference-qr" />
        <p className="submission-done__qr-text">{t('flow.done.qr')}</p>
      </div>
      {children}
      <div className="flow-actions">
        <BigButton variant="primary" icon="home" data-testid="submission-finish" onClick={nav.home}>
          {t('flow.done.home')}
        </BigButton>
      </div>
    </section>
  );
}
