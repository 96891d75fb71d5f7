import { randomUUID } from 'node:crypto';
import type { PrinterState, PrintJob } from '../../common/api/devices';

/**
 * Print jobs in order, one at a time. A job is sent only when the printer
 * says it can print; while it cannot (paper out, cover open, unplugged) jobs
 * wait and the UI is told why. A job whose sending was cut off is marked
 * failed and never resent on its own — the printer may already have printed
 * part or all of it, and a citizen must not get two receipts with one
 * reference number without asking; `retry` sends it again on request.
 *
 * A job belongs to the session that asked for it. What has not printed when
 * the session ends never prints afterwards: it would slide out for the next
 * person at the kiosk. Jobs marked `owed` (a stored submission's receipt) are
 * held — the submission keeps its receipt in the outbox, to be reprinted on
 * request (补打) — and the others are dropped; see {@link PrintQueue.endSession}.
 *
 * The queue is bounded, in jobs and in bytes: a page (or a client gone wrong)
 * asking to print again and again gets {@link PrintQueueFullError}, never
 * the kiosk's memory. A submission's receipt may use a reserve above the
 * ordinary limit, so a flood of article prints cannot keep a citizen's receipt
 * from printing; past the reserve it too is refused, and the outbox keeps it
 * for reprint.
 */
export interface PrintQueueDeps {
  /** The printer's state now; `undefined` when there is no printer connection. */
  status(): Promise<PrinterState | undefined>;
  send(bytes: Uint8Array): Promise<void>;
  onChange(job: PrintJob): void;
  now?: () => Date;
  limits?: PrintQueueLimits;
}

/** How much may wait to print: unfinished jobs (queued, waiting, printing or failed) and their bytes. */
export interface PrintQueueLimits {
  jobs: number;
  bytes: number;
  /** Extra room only a submission's receipt may use. */
  owedJobs: number;
  owedBytes: number;
}

/**
 * A receipt is a few kilobytes (a QR code adds one or two); a long filled
 * document a few dozen. Two dozen jobs is more than any citizen waits for in
 * one visit.
 */
export const DEFAULT_PRINT_LIMITS: PrintQueueLimits = {
  jobs: 24,
  bytes: 2 * 1024 * 1024,
  owedJobs: 8,
  owedBytes: 512 * 1024,
};

export interface EnqueueOptions {
  /** The receipt of a stored submission: held, not dropped, at the end of the session. */
  owed?: boolean;
}

/** The queue has no room for the job; nothing was queued. */
export class PrintQueueFullError extends Error {}

/** What {@link PrintQueue.endSession} took out of the queue. */
export interface SessionEndResult {
  /** Submission receipts taken out unprinted: the outbox still has them, for reprint on request. */
  held: PrintJob[];
  /** Other jobs taken out unprinted: no record holds them. */
  dropped: PrintJob[];
}

const CAN_PRINT: ReadonlySet<PrinterState> = new Set<PrinterState>(['ready', 'paper-near-end']);
/** Finished jobs kept for the UI and kioskctl to look at (their bytes are let go). */
const KEEP_FINISHED = 50;
const NO_BYTES = new Uint8Array(0);

interface Entry {
  job: PrintJob;
  bytes: Uint8Array;
  owed: boolean;
  /** Being sent when its session ended: it leaves the queue as soon as the send is over, printed or not. */
  orphaned?: boolean;
}

export class PrintQueue {
  private readonly list: Entry[] = [];
  private readonly limits: PrintQueueLimits;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: PrintQueueDeps) {
    this.limits = deps.limits ?? DEFAULT_PRINT_LIMITS;
  }

  private stamp(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private update(entry: Entry, patch: Partial<PrintJob>): void {
    const next: PrintJob = { ...entry.job, ...patch, updatedAt: this.stamp() };
    if (patch.reason === undefined && 'reason' in patch) delete next.reason;
    entry.job = next;
    this.deps.onChange(next);
  }

  /** Queues a job; throws {@link PrintQueueFullError} when the queue has no room for it. */
  enqueue(title: string, bytes: Uint8Array, opts: EnqueueOptions = {}): PrintJob {
    const owed = opts.owed === true;
    const pending = this.list.filter((e) => e.job.state !== 'printed');
    const jobs = pending.length + 1;
    const size = pending.reduce((n, e) => n + e.bytes.length, 0) + bytes.length;
    const maxJobs = this.limits.jobs + (owed ? this.limits.owedJobs : 0);
    const maxBytes = this.limits.bytes + (owed ? this.limits.owedBytes : 0);
    if (jobs > maxJobs || size > maxBytes) {
      throw new PrintQueueFullError(
        `the printer already has ${pending.length} job(s) waiting (${Math.ceil((size - bytes.length) / 1024)} KiB); try again once they have printed`,
      );
    }
    const now = this.stamp();
    const job: PrintJob = { id: randomUUID(), title, state: 'queued', createdAt: now, updatedAt: now };
    this.list.push({ job, bytes, owed });
    this.deps.onChange(job);
    void this.kick();
    return job;
  }

  jobs(): PrintJob[] {
    return this.list.map((e) => e.job);
  }

  /**
   * The session ended. Finished jobs are forgotten; jobs that have not
   * printed are taken out so they never print for the next person —
   * submission receipts are held (the outbox keeps them for reprint), the
   * rest dropped. A job being sent at this moment cannot be called back: it
   * finishes, and then leaves the queue whether it printed or failed, so the
   * next person neither sees it listed nor can send it again.
   */
  endSession(): SessionEndResult {
    const result: SessionEndResult = { held: [], dropped: [] };
    for (let i = this.list.length - 1; i >= 0; i--) {
      const entry = this.list[i]!;
      if (entry.job.state === 'printing') {
        entry.orphaned = true;
        continue;
      }
      this.list.splice(i, 1);
      if (entry.job.state === 'printed' || entry.job.state === 'failed') continue;
      (entry.owed ? result.held : result.dropped).unshift(entry.job);
    }
    return result;
  }

  /** Sends a failed job again, at the end of the line. */
  retry(id: string): PrintJob | undefined {
    const i = this.list.findIndex((e) => e.job.id === id && e.job.state === 'failed');
    if (i === -1) return undefined;
    const [entry] = this.list.splice(i, 1);
    this.list.push(entry!);
    this.update(entry!, { state: 'queued', reason: undefined });
    void this.kick();
    return entry!.job;
  }

  /** Try to print what is waiting: on enqueue, and whenever the printer's state changes. */
  kick(): Promise<void> {
    if (this.running !== undefined) {
      // One pass at a time; the pass in progress looks again before it ends.
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again);
      } finally {
        this.running = undefined;
        this.prune();
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const entry = this.list.find((e) => e.job.state === 'queued' || e.job.state === 'waiting');
      if (entry === undefined) return;
      let state: PrinterState | undefined;
      try {
        state = await this.deps.status();
      } catch {
        state = undefined;
      }
      // The session may have ended while the printer was asked: a job taken out meanwhile is not sent.
      if (!this.list.includes(entry)) continue;
      if (state === undefined || !CAN_PRINT.has(state)) {
        const reason = state ?? 'offline';
        if (entry.job.state !== 'waiting' || entry.job.reason !== reason)
          this.update(entry, { state: 'waiting', reason });
        return;
      }
      this.update(entry, { state: 'printing', reason: undefined });
      try {
        await this.deps.send(entry.bytes);
        // Printed jobs are never sent again: only their record is kept.
        entry.bytes = NO_BYTES;
        this.update(entry, { state: 'printed' });
      } catch {
        this.update(entry, { state: 'failed', reason: 'interrupted' });
      }
      // Its citizen is gone: a failed receipt stays owed in the outbox, for reprint on request only.
      if (entry.orphaned === true) this.list.splice(this.list.indexOf(entry), 1);
    }
  }

  private prune(): void {
    const finished = this.list.filter((e) => e.job.state === 'printed');
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.list.splice(this.list.indexOf(e), 1);
  }
}
