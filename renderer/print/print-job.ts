import type { PrintJob } from '../../common/api/devices';
import { zhCN } from '../../common/i18n/zh-CN';

/**
 * A print job as the citizen is told about it. The service pushes every
 * change as a `print-job` event and also answers `printJobs`; both may
 * arrive in any order, so the newest word on a job wins.
 */
export type PrintPhase = 'sending' | 'printing' | 'printed' | 'waiting' | 'failed';

type ReasonCode = keyof (typeof zhCN)['print']['reasons'];
export type PrintReasonKey = `print.reasons.${ReasonCode}`;

export interface PrintJobView {
  phase: PrintPhase;
  /** Why it waits or failed, in plain words; null when there is nothing to explain. */
  reasonKey: PrintReasonKey | null;
  /** The job is over (one way or the other) and no longer needs watching. */
  settled: boolean;
}

/** Reason codes are the printer's states (paper-out …) or the queue's ('interrupted'); unknown ones get a calm generic text. */
export function printReasonKey(reason: string | undefined): PrintReasonKey | null {
  if (reason === undefined) return null;
  const code = Object.hasOwn(zhCN.print.reasons, reason) ? reason : 'unknown';
  // Safe: `code` is a key of print.reasons, checked just above.
  return `print.reasons.${code}` as PrintReasonKey;
}

export function printJobView(job: PrintJob | null): PrintJobView {
  if (job === null) return { phase: 'sending', reasonKey: null, settled: false };
  switch (job.state) {
    case 'queued':
      // Queued behind nothing, or behind another slip: about to print either way.
      return { phase: 'printing', reasonKey: null, settled: false };
    case 'printing':
      return { phase: 'printing', reasonKey: null, settled: false };
    case 'printed':
      return { phase: 'printed', reasonKey: null, settled: true };
    case 'waiting':
      return { phase: 'waiting', reasonKey: printReasonKey(job.reason ?? 'unknown'), settled: false };
    case 'failed':
      return { phase: 'failed', reasonKey: printReasonKey(job.reason ?? 'unknown'), settled: true };
  }
}

/**
 * The newer of two reports on the same job. Equal timestamps (same
 * millisecond) keep the one further along, so a late "printing" never
 * overwrites "printed".
 */
export function newerJob(current: PrintJob | null, incoming: PrintJob): PrintJob {
  if (current === null || current.id !== incoming.id) return incoming;
  const a = Date.parse(current.updatedAt);
  const b = Date.parse(incoming.updatedAt);
  if (b > a) return incoming;
  if (b < a) return current;
  return STATE_ORDER[incoming.state] >= STATE_ORDER[current.state] ? incoming : current;
}

const STATE_ORDER: Record<PrintJob['state'], number> = { queued: 0, waiting: 1, printing: 2, failed: 3, printed: 4 };
