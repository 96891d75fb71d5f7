import type { RouteName } from '../../common/api/contract';
import type { Handlers } from '../http/server';

/**
 * Routes the touchscreen calls while nobody uses it (the attract loop's
 * slides, health, the log, a reconnecting screen's look at the call and the
 * devices) or that end a session: none of them means a citizen is here.
 */
const PASSIVE_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'health',
  'clientLog',
  'slides',
  'sessionEnd',
  'callCurrent',
  'devices',
  'printJobs',
  'simulate',
]);

/** Beyond the screen's own idle wait and countdown: a screen that has not ended its session by then is gone. */
const GONE_GRACE_MS = 60_000;

export interface ActivityOptions {
  /** The terminal's idle wait and countdown: the screen ends a session by itself within their sum. */
  idleTimeoutSeconds: number;
  countdownSeconds: number;
  /** Whether a print job is queued, waiting or printing. */
  printing: () => boolean;
  now?: () => number;
}

/**
 * Whether the kiosk is between citizen sessions, as the service can tell:
 * the screen's requests start a session (the first, `sessionStart`, comes
 * with the touch that wakes the attract loop), its `sessionEnd` (结束使用, the idle
 * countdown, a reload) ends it, and a video call or a print under way keeps
 * it going. A screen that dies mid-session sends no end: after its idle wait
 * and countdown (and a minute's grace) with no request, nobody is there.
 * What waits for an idle moment (a content release switch, a fleet
 * command such as a screenshot) listens with
 * `onIdle` and asks `idle()`.
 */
export class KioskActivity {
  private sessionOpen = false;
  private lastRequestAt = 0;
  private callActive = false;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly goneAfterMs: number;

  constructor(private readonly opts: ActivityOptions) {
    this.now = opts.now ?? Date.now;
    this.goneAfterMs = (opts.idleTimeoutSeconds + opts.countdownSeconds) * 1000 + GONE_GRACE_MS;
  }

  /** A request from the touchscreen on `route`. */
  request(route: RouteName): void {
    if (PASSIVE_ROUTES.has(route)) return;
    this.sessionOpen = true;
    this.lastRequestAt = this.now();
  }

  /** `handlers`, each first telling this a request came from the touchscreen (a technician's are not a session). */
  watching(handlers: Handlers): Handlers {
    const watched: Record<string, unknown> = {};
    for (const [route, handler] of Object.entries(handlers) as [RouteName, (...args: unknown[]) => unknown][]) {
      watched[route] = (body: unknown, ctx: { role: string }, answer: unknown) => {
        if (ctx.role === 'ui') this.request(route);
        return handler(body, ctx, answer);
      };
    }
    return watched as Handlers;
  }

  sessionEnded(): void {
    this.sessionOpen = false;
    this.changed();
  }

  callActiveChanged(active: boolean): void {
    this.callActive = active;
    if (!active) this.changed();
  }

  /** A print job changed state: one that finished may leave the kiosk idle. */
  printChanged(): void {
    this.changed();
  }

  idle(): boolean {
    if (this.callActive || this.opts.printing()) return false;
    return !this.sessionOpen || this.now() - this.lastRequestAt > this.goneAfterMs;
  }

  /** Told whenever the kiosk may have become idle (ask `idle()`); returns the unsubscribe. */
  onIdle(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (!this.idle()) return;
    for (const l of [...this.listeners]) l();
  }
}
