import { useEffect, useRef, useState } from 'react';
import type { PrintJob } from '../../common/api/devices';
import { useApi, useServiceEvents } from '../app/service/ServiceContext';
import { newerJob, printJobView } from './print-job';

/** While a job is not settled, ask for it this often too, in case an event was missed (socket reconnecting). */
const JOB_POLL_MS = 2000;

export interface TrackedJob {
  job: PrintJob | null;
  /** Follow this job (the answer to print, submit or reprint), or none. */
  track(job: PrintJob | null): void;
  /** A newer state of the job followed (the answer to a retry). */
  merge(job: PrintJob): void;
}

/**
 * Follows one print job as the service reports it: pushed events and, while
 * it is not settled, a poll. Shared by the print screen, the document preview
 * and the receipts of submissions.
 */
export function useTrackedJob(): TrackedJob {
  const api = useApi();
  const [job, setJob] = useState<PrintJob | null>(null);
  // Events can arrive before the answer that says which job is ours: keep the latest of each.
  const seen = useRef(new Map<string, PrintJob>());

  useServiceEvents((event) => {
    if (event.type !== 'print-job') return;
    seen.current.set(event.job.id, newerJob(seen.current.get(event.job.id) ?? null, event.job));
    setJob((current) => (current !== null && current.id === event.job.id ? newerJob(current, event.job) : current));
  });

  const jobId = job?.id;
  const settled = job !== null && printJobView(job).settled;
  useEffect(() => {
    if (jobId === undefined || settled) return;
    const timer = setInterval(() => {
      api.call('printJobs').then(
        ({ jobs }) => {
          const latest = jobs.find((j) => j.id === jobId);
          if (latest)
            setJob((current) => (current !== null && current.id === latest.id ? newerJob(current, latest) : current));
        },
        () => undefined, // the events or the next poll will tell
      );
    }, JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [api, jobId, settled]);

  const track = (next: PrintJob | null): void => {
    if (next === null) {
      setJob(null);
      return;
    }
    const early = seen.current.get(next.id);
    setJob(early ? newerJob(next, early) : next);
  };
  const merge = (incoming: PrintJob): void =>
    setJob((current) => (current === null || current.id === incoming.id ? newerJob(current, incoming) : current));
  return { job, track, merge };
}
