import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../common/api/devices';
import { BigButton } from '../../ui/buttons/BigButton';
import { JobStatusMessage } from '../print/JobStatusMessage';
import { printJobView } from '../print/print-job';
import '../shared/content.css';

/** What the printer is doing with the receipt, in words and an icon; 重试 after a failure. */
export function ReceiptJobStatus({
  job,
  onRetry,
  retrying = false,
}: {
  job: PrintJob;
  onRetry?(): void;
  retrying?: boolean;
}) {
  const { t } = useTranslation();
  const view = printJobView(job);
  return (
    <div className="job-status" data-phase={view.phase} data-testid="receipt-status">
      <JobStatusMessage phase={view.phase} reason={view.reasonKey ? t(view.reasonKey) : null} />
      {view.phase === 'failed' && onRetry && (
        <BigButton variant="primary" icon="retry" disabled={retrying} data-testid="receipt-retry" onClick={onRetry}>
          {t('print.retry')}
        </BigButton>
      )}
    </div>
  );
}
