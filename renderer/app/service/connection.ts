import type { Health } from '../../../common/api/health';
import type { ServiceEvent } from '../../../common/api/events';

/**
 * Whether the UI can talk to the local service, and the last health it
 * reported. Plain TypeScript with injected I/O and clock so the timing rules
 * are unit-tested; React reads it through useSyncExternalStore.
 *
 * Rules: the service counts as down when the health request has been failing,
 * or the event socket has been closed, for {@link DOWN_AFTER_MS} — a blip
 * shorter than that never flashes the restoring screen. While anything is
 * failing, health is retried every {@link RETRY_MS}; otherwise it is refreshed
 * on every `health` event and every {@link REFRESH_MS} as a fallback.
 */

export const DOWN_AFTER_MS = 3000;
export const RETRY_MS = 2000;
export const REFRESH_MS = 5000;

export type ServicePhase =
  /** No answer yet, and not for long enough to call the service down. */
  | 'starting'
  | 'up'
  /** Unreachable for more than DOWN_AFTER_MS: show the restoring screen. */
  | 'down';

export interface ServiceSnapshot {
  phase: ServicePhase;
  /** The most recent health, kept while down so the UI underneath stays as it was. */
  health: Health | null;
  /** Changes when the service restarts. */
  bootId: string | null;
}

export interface EventHandlers {
  onEvent(event: ServiceEvent): void;
  onOpen(): void;
  onClose(): void;
}

export interface ServiceConnectionDeps {
  fetchHealth(signal: AbortSignal): Promise<Health>;
  openEvents(handlers: EventHandlers): { close(): void };
  now?: () => number;
  /** Where an event listener's exception goes; it never reaches the socket. */
  reportError?: (error: unknown) => void;
}

export type ServiceEventListener = (event: ServiceEvent) => void;

export class ServiceConnection {
  private snapshot: ServiceSnapshot = { phase: 'starting', health: null, bootId: null };
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<ServiceEventListener>();
  private readonly now: () => number;
  private readonly reportError: (error: unknown) => void;
  private httpFailingSince: number | null = null;
  private socketDownSince: number | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private inflight: AbortController | null = null;
  private events: { close(): void } | null = null;
  private running = false;

  constructor(private readonly deps: ServiceConnectionDeps) {
    this.now = deps.now ?? Date.now;
    this.reportError = deps.reportError ?? ((error) => console.error(error));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Until the first answer, both channels count as failing since now.
    const now = this.now();
    this.httpFailingSince = now;
    this.socketDownSince = now;
    this.events = this.deps.openEvents({
      onEvent: (e) => {
        this.onServiceEvent(e);
        this.dispatch(e);
      },
      onOpen: () => {
        this.socketDownSince = null;
        // The service is back: ask for health now rather than at the next retry.
        if (this.httpFailingSince !== null && this.inflight === null) this.refresh();
        this.evaluate();
      },
      onClose: () => {
        this.socketDownSince ??= this.now();
        this.evaluate();
      },
    });
    this.refresh();
    this.evaluate();
  }

  stop(): void {
    this.running = false;
    this.inflight?.abort();
    this.inflight = null;
    this.events?.close();
    this.events = null;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    this.pollTimer = this.checkTimer = null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ServiceSnapshot => this.snapshot;

  /**
   * Every event the service pushes, for screens that wait on one (a print
   * job's progress, a card on the reader). Listeners are called after the
   * connection has taken what it needs from the event; one that throws does
   * not keep the event from the others. Returns the unsubscribe function.
   */
  onEvent = (listener: ServiceEventListener): (() => void) => {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  };

  private dispatch(event: ServiceEvent): void {
    // A copy: a listener may unsubscribe (or subscribe another) while being told.
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  /** Fetch health now (replacing any request in flight), then keep polling. */
  refresh(): void {
    if (!this.running) return;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.deps.fetchHealth(controller.signal).then(
      (health) => {
        if (this.inflight !== controller) return;
        this.inflight = null;
        this.httpFailingSince = null;
        this.update({ health });
        this.schedulePoll(REFRESH_MS);
      },
      () => {
        if (this.inflight !== controller) return; // superseded or stopped: not a failure
        this.inflight = null;
        this.httpFailingSince ??= this.now();
        this.schedulePoll(RETRY_MS);
      },
    );
  }

  private onServiceEvent(event: ServiceEvent): void {
    if (event.type === 'hello') {
      const restarted = this.snapshot.bootId !== null && this.snapshot.bootId !== event.bootId;
      this.update({ bootId: event.bootId });
      // A restarted service may have changed configuration: ask at once.
      if (restarted) this.refresh();
      return;
    }
    // A device changed: its health line changes with it, so ask now rather than at the next refresh.
    if (event.type === 'device') {
      this.refresh();
      return;
    }
    // Card reads and print jobs are for the screens that asked for them (see onEvent), not the connection.
    if (event.type !== 'health') return;
    // A pushed health is as good as a fetched one; any older request is stale.
    this.inflight?.abort();
    this.inflight = null;
    this.httpFailingSince = null;
    this.update({ health: event.health });
    this.schedulePoll(REFRESH_MS);
  }

  private schedulePoll(ms: number): void {
    if (!this.running) return;
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.refresh();
    }, ms);
    this.evaluate();
  }

  private update(patch: Partial<ServiceSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.evaluate(true);
  }

  /** Recompute the phase; schedules itself for the moment a failure would turn into "down". */
  private evaluate(changed = false): void {
    const failingSince = [this.httpFailingSince, this.socketDownSince].filter((t): t is number => t !== null);
    const since = failingSince.length > 0 ? Math.min(...failingSince) : null;
    const now = this.now();
    const down = since !== null && now - since >= DOWN_AFTER_MS;

    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    if (this.running && since !== null && !down) {
      this.checkTimer = setTimeout(
        () => {
          this.checkTimer = null;
          this.evaluate();
        },
        since + DOWN_AFTER_MS - now,
      );
    }

    const phase: ServicePhase = down ? 'down' : this.snapshot.health ? 'up' : 'starting';
    if (phase !== this.snapshot.phase) {
      this.snapshot = { ...this.snapshot, phase };
      changed = true;
    }
    if (changed) for (const listener of this.listeners) listener();
  }
}
