import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../common/api/devices';
import type { Health } from '../../common/api/health';
import { BigButton } from '../../ui/buttons/BigButton';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { useApi } from '../app/service/ServiceContext';
import { printerAvailability } from '../app/service/health-view';
import { JobStatusMessage } from '../print/JobStatusMessage';
import { type PrintJobView, printJobView } from '../print/print-job';
import '../shared/content.css';
import './flows.css';

/**
 * A submission's receipt as the citizen is told about it: its print job, or —
 * when none was queued with this answer — printed already (the same
 * submission sent again) or not printed (the queue had no room).
 */
export function receiptView(job: PrintJob | null, printedBefore: boolean): PrintJobView {
  if (job !== null) return printJobView(job);
  return { phase: printedBefore ? 'printed' : 'failed', reasonKey: null, settled: true };
}

/** Why a reprint did not happen: the terminal has no printer, or the service refused it (queue full, records down…). */
export type ReprintProblem = 'failed' | 'no-printer';

export interface Reprint {
  /** A reprint was asked for and the service has not answered yet. */
  reprinting: boolean;
  problem: ReprintProblem | null;
  reprint(): void;
}

/**
 * Printing a submission's receipt again (补打), the same in every flow: one
 * request at a time (a ref, so a double tap is one), the new job handed to
 * `onJob` to follow, and what went wrong kept to be said in words.
 */
export function useReprint(reference: string, health: Health, onJob: (job: PrintJob) => void): Reprint {
  const api = useApi();
  const asking = useRef(false);
  const [reprinting, setReprinting] = useState(false);
  const [problem, setProblem] = useState<ReprintProblem | null>(null);
  const reprint = async (): Promise<void> => {
    if (asking.current) return;
    asking.current = true;
    setReprinting(true);
    setProblem(null);
    try {
      onJob((await api.call('submissionReprint', { reference })).printJob);
    } catch {
      setProblem(printerAvailability(health).state === 'none' ? 'no-printer' : 'failed');
    } finally {
      asking.current = false;
      setReprinting(false);
    }
  };
  return { reprinting, problem, reprint: () => void reprint() };
}

/**
 * The receipt's status line in words and an icon (with the printer's reason
 * when it waits or failed), when there is one to tell; 再打印一张回执 once it
 * failed, printed or was never queued (not while it prints or waits for
 * paper — it will print by itself), held back while a reprint is on its
 * way; and, when the reprint did not happen, a warning saying so.
 */
export function ReceiptReprint({ view, reprint }: { view: PrintJobView | null; reprint: Reprint }) {
  const { t } = useTranslation();
  const offered = view === null || view.phase === 'failed' || view.phase === 'printed';
  return (
    <>
      {view !== null && (
        <div className="job-status" data-phase={view.phase} data-testid="receipt-status">
          <JobStatusMessage phase={view.phase} reason={view.reasonKey ? t(view.reasonKey) : null} />
        </div>
      )}
      {offered && (
        <BigButton icon="print" disabled={reprint.reprinting} data-testid="receipt-reprint" onClick={reprint.reprint}>
          {t('flow.reprint.button')}
        </BigButton>
      )}
      <div className="flow-live" aria-live="polite">
        {reprint.problem !== null && (
          <div data-testid="reprint-failed" data-problem={reprint.problem}>
            {reprint.problem === 'no-printer' ? (
              <StatusNotice tone="warning">{t('flow.reprint.noPrinter')}</StatusNotice>
            ) : (
              <StatusNotice tone="warning" detail={t('flow.reprint.failedDetail')}>
                {t('flow.reprint.failed')}
              </StatusNotice>
            )}
          </div>
        )}
      </div>
    </>
  );
}
