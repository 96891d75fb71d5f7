import { useEffect, useState } from 'react';
import type { PrintJob } from '../../../common/api/devices';
import { newerJob, printJobView } from '../../print/print-job';
import { useApi, useServiceEvents } from '../../service/ServiceContext';

/** While the receipt is not settled, ask for it this often too, in case an event was missed. */
const JOB_POLL_MS = 2000;

/**
 * Follows a submission receipt's print job: the service pushes each change
 * as a `print-job` event, and a poll covers one missed (or sent before the
 * screen knew the job). `replace` takes a new job (a reprint).
 */
export function useReceiptJob(initial: PrintJob | null): { job: PrintJob | null; replace(job: PrintJob): void } {
  const api = useApi();
  const [job, setJob] = useState<PrintJob | null>(initial);

  useServiceEvents((event) => {
    if (event.type !== 'print-job') return;
    setJob((current) => (current !== null && current.id === event.job.id ? newerJob(current, event.job) : current));
  });

  const jobId = job?.id;
  const settled = job !== null && printJobView(job).settled;
  useEffect(() => {
    if (jobId === undefined || settled) return;
    const poll = (): void => {
      api.call('printJobs').then(
        ({ jobs }) => {
          const latest = jobs.find((j) => j.id === jobId);
          if (latest) setJob((current) => (current !== null && current.id === latest.id ? newerJob(current, latest) : current));
        },
        () => undefined,
      );
    };
    poll();
    const timer = setInterval(poll, JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [api, jobId, settled]);

  return { job, replace: (next) => setJob((current) => (current !== null && current.id === next.id ? newerJob(current, next) : next)) };
}
