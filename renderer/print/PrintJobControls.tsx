import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../common/api/devices';
import type { Health } from '../../common/api/health';
import type { ReceiptInput } from '../../common/receipt/receipt';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { JobStatusMessage } from './JobStatusMessage';
import { type PrintPhase, printJobView } from './print-job';
import { useTrackedJob } from './use-tracked-job';
import { useApi } from '../app/service/ServiceContext';
import { printerAvailability } from '../app/service/health-view';
import '../shared/content.css';

export interface PrintJobControlsProps {
  title: string;
  receipt: ReceiptInput;
  health: Health;
  /** False while what is to be printed is not on screen yet: the print button waits. */
  ready: boolean;
  /** The print button's words; default 打印. */
  printLabel?: string;
  /** Called once the service has accepted a job (usage figures count what went to paper). */
  onSent?: () => void;
  /** How the job reaches the service; default: `print` with the receipt (a filled document has its own route). */
  send?: () => Promise<PrintJob>;
}

/**
 * "打印" and then what the printer is doing with this one job — printing,
 * printed ("请取走回执"), or waiting with the reason in plain words (the job
 * is kept and prints by itself) — with 重试 after a failure and 完成.
 * Shared by the print screen and the document preview.
 */
export function PrintJobControls({ title, receipt, health, ready, printLabel, onSent, send }: PrintJobControlsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { job, track, merge } = useTrackedJob();
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const view = printJobView(job);

  const print = async (): Promise<void> => {
    if (sending) return;
    setSending(true);
    setSendError(null);
    try {
      track(await (send !== undefined ? send() : api.call('print', { title, receipt })));
      onSent?.();
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const retry = async (): Promise<void> => {
    if (job === null || sending) return;
    setSending(true);
    setSendError(null);
    try {
      merge(await api.call('printRetry', { id: job.id }));
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const printer = printerAvailability(health);
  return (
    <>
      {job === null && printer.state === 'waiting' && (
        <StatusNotice tone="warning" detail={printer.reasonKey ? t(printer.reasonKey) : undefined}>
          {t('print.unavailable')}
        </StatusNotice>
      )}
      {job === null ? (
        <BigButton
          variant="primary"
          icon="print"
          data-testid="print-now"
          disabled={sending || !ready}
          onClick={() => void print()}
        >
          {printLabel ?? t('print.print')}
        </BigButton>
      ) : (
        <JobStatus
          phase={view.phase}
          reason={view.reasonKey ? t(view.reasonKey) : null}
          sending={sending}
          onRetry={() => void retry()}
        />
      )}
      {sendError !== null && (
        <StatusNotice tone="warning" detail={t('print.sendFailedDetail')}>
          {t('print.sendFailed')}
        </StatusNotice>
      )}
    </>
  );
}

function JobStatus({
  phase,
  reason,
  sending,
  onRetry,
}: {
  phase: PrintPhase;
  reason: string | null;
  sending: boolean;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <div className="job-status" data-phase={phase} data-testid="print-status">
      <JobStatusMessage phase={phase} reason={reason} />
      {phase === 'failed' && (
        <BigButton variant="primary" icon="retry" disabled={sending} data-testid="print-retry" onClick={onRetry}>
          {t('print.retry')}
        </BigButton>
      )}
      {(phase === 'printed' || phase === 'waiting' || phase === 'failed') && (
        <BigButton icon="back" data-testid="print-done" onClick={nav.back}>
          {t('print.done')}
        </BigButton>
      )}
    </div>
  );
}
