import type { Logger } from 'pino';
import type { SubsystemReason, SubsystemState } from '../../common/api/health';
import { HEARTBEAT_INTERVAL_MS } from '../../common/hub/fleet-timing';
import type { HeartbeatResponse, KioskHeartbeat } from '../../common/hub/api/kiosks';
import { HubRefusedError, HubUnreachableError, sendHeartbeat } from './hub-client';
import { readIdentity, type KioskIdentity } from './hub-identity';
import type { HubLink } from './hub-link';

/**
 * Sends the kiosk's heartbeat to its hub every half minute once the kiosk
 * is enrolled: over its socket to the hub (hub-link.ts) while that is
 * open, else over HTTP, so none is lost while the socket reconnects. Enrollment (read again at every beat, so a kiosk
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
  send?: (identity: KioskIdentity, report: KioskHeartbeat) => Promise<HeartbeatResponse>;
  /** The hub committed `report` (built at `builtAt`, ms): what the kiosk may now forget, such as confirmed usage days. */
  taken?: (report: KioskHeartbeat, answer: HeartbeatResponse, builtAt: number) => void;
  now?: () => number;
  /** The socket to the hub; without one, every beat goes over HTTP. */
  link?: HubLink;
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
  /** Whether the kiosk was enrolled at the last look, and how the last beat over HTTP went. */
  private enrolled = false;
  private lastHttp: { ok: true } | { ok: false; refused: boolean; detail: string } | undefined;

  constructor(private readonly opts: HeartbeatSenderOptions) {}

  private get intervalMs(): number {
    return this.opts.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  }

  start(): void {
    this.stopped = false;
    try {
      this.useLink(readIdentity(this.opts.dataDir));
    } catch {
      // A damaged enrollment: the first beat says so in the log.
    }
    // The first beat comes within one interval, at random, so kiosks started together do not beat together.
    this.schedule(Math.round(this.intervalMs * (this.opts.random ?? Math.random)()));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.opts.link?.stop();
  }

  private useLink(identity: KioskIdentity | undefined): void {
    this.enrolled = identity !== undefined;
    if (!this.stopped) this.opts.link?.use(identity);
  }

  /** One beat: over the socket when it is open, else (or when it fails) over HTTP. */
  private async send(identity: KioskIdentity, report: KioskHeartbeat): Promise<HeartbeatResponse> {
    const link = this.opts.link;
    if (link?.isOpen() === true) {
      try {
        return await link.heartbeat(report);
      } catch (error) {
        if (!(error instanceof HubRefusedError || error instanceof HubUnreachableError)) throw error;
        // Sent again over HTTP: the hub keeps the latest, so one that did arrive twice does no harm.
      }
    }
    try {
      const answer = await (this.opts.send ?? sendHeartbeat)(identity, report);
      this.lastHttp = { ok: true };
      return answer;
    } catch (error) {
      if (error instanceof HubRefusedError || error instanceof HubUnreachableError)
        this.lastHttp = { ok: false, refused: error instanceof HubRefusedError, detail: error.message };
      throw error;
    }
  }

  /**
   * The hub link as the service's health tells it: off until enrolled;
   * ok while the socket is open; connecting while it is not but heartbeats
   * still reach the hub over HTTP (or before the first try); refused when
   * the hub turned the kiosk away (revoked, not approved yet); else
   * unreachable.
   */
  health(): SubsystemState {
    const reason = (r: SubsystemReason<'hub'>) => r;
    if (!this.enrolled) return { state: 'off', reason: reason('not-configured') };
    const link = this.opts.link?.state() ?? { kind: 'idle' as const };
    if (link.kind === 'connected') return { state: 'ok', reason: reason('connected') };
    if (link.kind === 'refused') return { state: 'unavailable', reason: reason('refused'), detail: link.detail };
    const http = this.lastHttp;
    if (http !== undefined && !http.ok && http.refused)
      return { state: 'unavailable', reason: reason('refused'), detail: http.detail };
    if (http?.ok === true || link.kind === 'connecting')
      return { state: 'degraded', reason: reason('connecting'), detail: 'the socket to the hub is (re)connecting' };
    const detail = link.kind === 'unreachable' ? link.detail : http?.ok === false ? http.detail : undefined;
    return { state: 'unavailable', reason: reason('unreachable'), ...(detail === undefined ? {} : { detail }) };
  }

  /** A beat soon, rather than at the next interval: something the hub should hear of happened (a content update's step). */
  reportSoon(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    // One timer at a time, whoever asks for the next beat.
    clearTimeout(this.timer);
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
      this.useLink(identity);
      // Not enrolled: nothing to send, and nothing wrong.
      if (identity === undefined) ok = true;
      else {
        const sentAt = now();
        const report = { ...this.opts.report(), clockOffsetMs: this.clockOffsetMs };
        const answer = await this.send(identity, report);
        const answeredAt = now();
        this.clockOffsetMs = Math.round((sentAt + answeredAt) / 2 - Date.parse(answer.receivedAt));
        ok = true;
        this.opts.taken?.(report, answer, sentAt);
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
