import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { storeUsageDays } from '../figures/usage-days';
import { storeReleaseReport } from './kiosk-release-reports';
import type { HubDb } from '../storage/schema';
import { takeHeartbeatIn, type AlertsChanged } from './alert-evaluation';

/**
 * Heartbeats committed together. Every heartbeat is answered only once it
 * is committed, and a commit on the embedded storage waits for the disk
 * (synchronous=FULL: one fsync per commit, during which better-sqlite3
 * holds the whole process). Ten thousand kiosks beating every half minute
 * are 333 commits a second that way; so the heartbeats that arrive while a
 * commit is under way wait for the next one and go in together — one fsync
 * for the lot, each still answered after the commit that holds it (group
 * commit, as databases do for their own log). A beat alone is committed at
 * once: under light load nothing waits.
 *
 * A batch that fails is taken again one heartbeat per transaction, so one
 * bad beat (its kiosk deleted under it, say) fails alone.
 *
 * The usage days a heartbeat carries are stored in the same commit
 * (figures/usage-days.ts), so the days acknowledged are the days kept.
 */

export const MAX_HEARTBEATS_PER_COMMIT = 500;

/** What a committed heartbeat changed: its kiosk's alerts, if any, and the usage days stored. */
export interface HeartbeatTaken {
  alerts: AlertsChanged | undefined;
  usageDaysStored: string[];
  /** The ids of the kiosk's release events stored (fleet/kiosk-release-reports.ts). */
  releaseEventsStored: number[];
}

interface Waiting {
  kioskId: number;
  report: KioskHeartbeat;
  at: Date;
  resolve: (taken: HeartbeatTaken) => void;
  reject: (error: unknown) => void;
}

export class HeartbeatCommitter {
  private readonly queue: Waiting[] = [];
  private committing = false;

  constructor(
    private readonly db: HubDb,
    private readonly opts: { maxPerCommit?: number; onCommit?: (size: number) => void } = {},
  ) {}

  /** Records the heartbeat (received at `at`) with its alerts and usage days; resolves once committed. */
  take(kioskId: number, report: KioskHeartbeat, at: Date): Promise<HeartbeatTaken> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kioskId, report, at, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.opts.maxPerCommit ?? MAX_HEARTBEATS_PER_COMMIT);
        await this.commit(batch);
      }
    } finally {
      this.committing = false;
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const changed = await this.db.transaction().execute(async (trx) => {
        const out: HeartbeatTaken[] = [];
        for (const w of batch)
          out.push({
            alerts: await takeHeartbeatIn(trx, w.kioskId, w.report, w.at),
            usageDaysStored: await storeUsageDays(trx, w.kioskId, w.report.usage, w.at),
            releaseEventsStored: await storeReleaseReport(trx, w.kioskId, w.report.contentRelease, w.at),
          });
        return out;
      });
      this.opts.onCommit?.(batch.length);
      batch.forEach((w, i) => w.resolve(changed[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) await this.commit([w]);
    }
  }
}
