import { randomUUID } from 'node:crypto';
import type { PrinterState, PrintJob } from '../../common/api/devices';

/**
 * Print jobs in order, one at a time. A job is sent only when the printer
 * says it can print; while it cannot (paper out, cover open, unplugged) jobs
 * wait and the UI is told why. A job whose sending was cut off is marked
 * failed and never resent on its own — the printer may already have printed
 * part or all of it, and a citizen must not get two receipts with one
 * reference number without asking; `retry` sends it again on request.
 */
export interface PrintQueueDeps {
  /** The printer's state now; `undefined` when there is no printer connection. */
  status(): Promise<PrinterState | undefined>;
  send(bytes: Uint8Array): Promise<void>;
  onChange(job: PrintJob): void;
  now?: () => Date;
}

const CAN_PRINT: ReadonlySet<PrinterState> = new Set<PrinterState>(['ready', 'paper-near-end']);
/** Finished jobs kept for the UI and kioskctl to look at. */
const KEEP_FINISHED = 50;

export class PrintQueue {
  private readonly list: { job: PrintJob; bytes: Uint8Array }[] = [];
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: PrintQueueDeps) {}

  private stamp(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private update(entry: { job: PrintJob }, patch: Partial<PrintJob>): void {
    const next: PrintJob = { ...entry.job, ...patch, updatedAt: this.stamp() };
    if (patch.reason === undefined && 'reason' in patch) delete next.reason;
    entry.job = next;
    this.deps.onChange(next);
  }

  enqueue(title: string, bytes: Uint8Array): PrintJob {
    const now = this.stamp();
    const job: PrintJob = { id: randomUUID(), title, state: 'queued', createdAt: now, updatedAt: now };
    this.list.push({ job, bytes });
    this.deps.onChange(job);
    void this.kick();
    return job;
  }

  jobs(): PrintJob[] {
    return this.list.map((e) => e.job);
  }

  /** Forgets finished jobs (a session ended); jobs still to print stay. */
  forgetFinished(): void {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.job.state === 'printed' || this.list[i]!.job.state === 'failed') this.list.splice(i, 1);
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
      if (state === undefined || !CAN_PRINT.has(state)) {
        const reason = state ?? 'offline';
        if (entry.job.state !== 'waiting' || entry.job.reason !== reason) this.update(entry, { state: 'waiting', reason });
        return;
      }
      this.update(entry, { state: 'printing', reason: undefined });
      try {
        await this.deps.send(entry.bytes);
        this.update(entry, { state: 'printed' });
      } catch {
        this.update(entry, { state: 'failed', reason: 'interrupted' });
      }
    }
  }

  private prune(): void {
    const finished = this.list.filter((e) => e.job.state === 'printed');
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.list.splice(this.list.indexOf(e), 1);
  }
}
