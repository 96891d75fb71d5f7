import type { Logger } from 'pino';
import { HEARTBEAT_INTERVAL_MS } from '../../common/hub/fleet-timing';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { HubRefusedError, HubUnreachableError, sendHeartbeat } from './hub-client';
import { readIdentity, type KioskIdentity } from './hub-identity';

/**
 * Sends the kiosk's heartbeat to its hub every half minute, over HTTP for
 * now, once the kiosk is enrolled (read again at every beat, so a kiosk
 * enrolled while the service runs starts beating without a restart). Every
 * wait has jitter, and a hub that does not answer or refuses is asked
 * again after a wait that doubles up to ten minutes: a restarted hub is
 * not met by every kiosk in the same second. The clock offset sent is the
 * one measured at the last answer (the hub's receivedAt against the middle
 * of the round trip).
 */

export const HEARTBEAT_MAX_BACKOFF_MS = 10 * 60_000;

export interface HeartbeatSenderOptions {
  dataDir: string;
  logger: Logger;
  /** The kiosk's state now; the sender adds the clock offset. */
  report: () => Omit<KioskHeartbeat, 'clockOffsetMs'>;
  intervalMs?: number;
  /** 0 ≤ x < 1; a test passes its own. */
  random?: () => number;
  send?: (identity: KioskIdentity, report: KioskHeartbeat) => Promise<{ receivedAt: string }>;
  now?: () => number;
}

/** The wait before the next beat after `failures` failures in a row: the interval, doubled per failure up to the cap, 50–100 % of it at random. */
export function nextBeatDelay(intervalMs: number, failures: number, random: number): number {
  const base = Math.min(intervalMs * 2 ** Math.min(failures, 20), Math.max(intervalMs, HEARTBEAT_MAX_BACKOFF_MS));
  return Math.round(base * (0.5 + random / 2));
}

export class HeartbeatSender {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private clockOffsetMs = 0;
  private stopped = true;
  private lastProblem: string | undefined;

  constructor(private readonly opts: HeartbeatSenderOptions) {}

  private get intervalMs(): number {
    return this.opts.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  }

  start(): void {
    this.stopped = false;
    // The first beat comes within one interval, at random, so kiosks started together do not beat together.
    this.schedule(Math.round(this.intervalMs * (this.opts.random ?? Math.random)()));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat(), ms);
    this.timer.unref();
  }

  /** One heartbeat now; answers whether the hub took it. */
  async beat(): Promise<boolean> {
    const random = this.opts.random ?? Math.random;
    const now = this.opts.now ?? Date.now;
    let ok = false;
    try {
      const identity = readIdentity(this.opts.dataDir);
      // Not enrolled: nothing to send, and nothing wrong.
      if (identity === undefined) ok = true;
      else {
        const sentAt = now();
        const answer = await (this.opts.send ?? sendHeartbeat)(identity, {
          ...this.opts.report(),
          clockOffsetMs: this.clockOffsetMs,
        });
        const answeredAt = now();
        this.clockOffsetMs = Math.round((sentAt + answeredAt) / 2 - Date.parse(answer.receivedAt));
        ok = true;
        if (this.lastProblem !== undefined) this.opts.logger.info('the hub takes heartbeats again');
        this.lastProblem = undefined;
      }
    } catch (error) {
      if (!(error instanceof HubRefusedError || error instanceof HubUnreachableError)) throw error;
      // Said once per kind of problem, not at every retry.
      if (error.message !== this.lastProblem)
        this.opts.logger.warn({ detail: error.message }, 'heartbeat not taken by the hub; trying again later');
      this.lastProblem = error.message;
    } finally {
      this.failures = ok ? 0 : this.failures + 1;
      this.schedule(nextBeatDelay(this.intervalMs, this.failures, random()));
    }
    return ok;
  }
}
