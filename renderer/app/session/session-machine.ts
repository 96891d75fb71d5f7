/**
 * One citizen's use of the kiosk, from the first touch to the reset that
 * forgets them. Plain TypeScript with an injected clock so the timing rules
 * are unit-tested; React reads it through useSyncExternalStore.
 *
 *   attract ──wake (first touch)──▶ active ──idle for idleTimeoutSeconds──▶ countdown
 *      ▲                              ▲  │                                    │  │
 *      │                              │  └──────────── finish ───────────┐    │  │
 *      │                              └──────────── continue ────────────┼────┘  │
 *      └──────────── reset (onReset: wipe everything) ◀──────────────────┴───────┘
 *                                                     finish, or the countdown ran out
 *
 * A screen may hold the session (a video call waiting or under way): while
 * any hold is on, no idle wait runs and no countdown starts — a citizen
 * listening to a lawyer touches nothing for minutes. 结束使用 still ends it.
 * When the last hold goes, the idle wait starts afresh.
 */

export type SessionPhase = 'attract' | 'active' | 'countdown';
export type EndReason = 'finish' | 'idle';

export interface SessionSnapshot {
  phase: SessionPhase;
  /** Whole seconds left on the countdown (rounded up); null outside it. */
  secondsLeft: number | null;
  /** The countdown's full length in seconds (after the floor). */
  countdownSeconds: number;
}

export interface SessionClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SessionTiming {
  idleTimeoutSeconds: number;
  countdownSeconds: number;
}

/** Elderly users need time to notice and react: the countdown is never shorter than this. */
export const MIN_COUNTDOWN_SECONDS = 20;
/** The schema's minimum; a lower value would interrupt people while they read. */
export const MIN_IDLE_SECONDS = 30;
const DEFAULT_IDLE_SECONDS = 120;
const DEFAULT_COUNTDOWN_SECONDS = 30;

export function effectiveTiming({ idleTimeoutSeconds, countdownSeconds }: SessionTiming): SessionTiming {
  const idle = Number.isFinite(idleTimeoutSeconds) ? idleTimeoutSeconds : DEFAULT_IDLE_SECONDS;
  const countdown = Number.isFinite(countdownSeconds) ? countdownSeconds : DEFAULT_COUNTDOWN_SECONDS;
  return {
    idleTimeoutSeconds: Math.max(MIN_IDLE_SECONDS, idle),
    countdownSeconds: Math.max(MIN_COUNTDOWN_SECONDS, Math.ceil(countdown)),
  };
}

export interface SessionMachineOptions extends SessionTiming {
  /** Called once per reset, after the machine is back in `attract`. */
  onReset(reason: EndReason): void;
  clock?: SessionClock;
}

const realClock: SessionClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SessionMachine {
  private timing: SessionTiming;
  private snapshot: SessionSnapshot;
  private readonly clock: SessionClock;
  private readonly onReset: (reason: EndReason) => void;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private countdownEndsAt = 0;
  private holds = 0;

  constructor(options: SessionMachineOptions) {
    this.timing = effectiveTiming(options);
    this.clock = options.clock ?? realClock;
    this.onReset = options.onReset;
    this.snapshot = { phase: 'attract', secondsLeft: null, countdownSeconds: this.timing.countdownSeconds };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** New timing from the terminal's configuration; an idle wait already running restarts with it. */
  configure(timing: SessionTiming): void {
    const next = effectiveTiming(timing);
    if (
      next.idleTimeoutSeconds === this.timing.idleTimeoutSeconds &&
      next.countdownSeconds === this.timing.countdownSeconds
    )
      return;
    this.timing = next;
    if (this.snapshot.phase === 'active') this.startIdleTimer();
    if (this.snapshot.phase !== 'countdown') this.set({ countdownSeconds: next.countdownSeconds });
  }

  /** The first touch on the attract loop. Returns whether a session started. */
  wake = (): boolean => {
    if (this.snapshot.phase !== 'attract') return false;
    this.set({ phase: 'active', secondsLeft: null });
    this.startIdleTimer();
    return true;
  };

  /** Any touch or key while in use: the idle wait starts again. Ignored elsewhere (the countdown needs its button). */
  activity = (): void => {
    if (this.snapshot.phase === 'active') this.startIdleTimer();
  };

  /** "继续使用" on the countdown. */
  continue = (): void => {
    if (this.snapshot.phase !== 'countdown') return;
    this.set({ phase: 'active', secondsLeft: null, countdownSeconds: this.timing.countdownSeconds });
    this.startIdleTimer();
  };

  /** "结束使用": reset at once. */
  finish = (): void => {
    if (this.snapshot.phase === 'attract') return;
    this.reset('finish');
  };

  /**
   * Keeps the session from ending by itself until the returned release is
   * called (once; later calls do nothing). A countdown under way is called
   * off: the hold comes from something the citizen just started.
   */
  hold = (): (() => void) => {
    this.holds += 1;
    if (this.snapshot.phase === 'countdown')
      this.set({ phase: 'active', secondsLeft: null, countdownSeconds: this.timing.countdownSeconds });
    if (this.snapshot.phase === 'active') this.stopTimer();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.snapshot.phase === 'active') this.startIdleTimer();
    };
  };

  /** Whether something holds the session now. */
  get held(): boolean {
    return this.holds > 0;
  }

  /** Stops the timers (the owner is going away); the phase is left as it is. */
  dispose(): void {
    this.stopTimer();
  }

  private startIdleTimer(): void {
    this.stopTimer();
    if (this.holds > 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.startCountdown();
    }, this.timing.idleTimeoutSeconds * 1000);
  }

  private startCountdown(): void {
    const total = this.timing.countdownSeconds;
    this.countdownEndsAt = this.clock.now() + total * 1000;
    this.set({ phase: 'countdown', secondsLeft: total, countdownSeconds: total });
    this.scheduleTick();
  }

  private scheduleTick(): void {
    const left = this.countdownEndsAt - this.clock.now();
    if (left <= 0) {
      this.reset('idle');
      return;
    }
    // Wake at the next whole second so the number on screen changes on time.
    const wait = left % 1000 || 1000;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      const remaining = this.countdownEndsAt - this.clock.now();
      if (remaining <= 0) {
        this.reset('idle');
        return;
      }
      this.set({ secondsLeft: Math.ceil(remaining / 1000) });
      this.scheduleTick();
    }, wait);
  }

  private reset(reason: EndReason): void {
    this.stopTimer();
    this.set({ phase: 'attract', secondsLeft: null, countdownSeconds: this.timing.countdownSeconds });
    this.onReset(reason);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<SessionSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (
      next.phase === this.snapshot.phase &&
      next.secondsLeft === this.snapshot.secondsLeft &&
      next.countdownSeconds === this.snapshot.countdownSeconds
    )
      return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
