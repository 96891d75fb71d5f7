import type { ClientLogEntry } from '../../../common/api/client-log';

/** Allows at most `max` events in any `windowMs`; a crash loop must not flood the service log. */
export class RateLimiter {
  private stamps: number[] = [];
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  tryTake(now: number): boolean {
    this.stamps = this.stamps.filter((t) => now - t < this.windowMs);
    if (this.stamps.length >= this.max) return false;
    this.stamps.push(now);
    return true;
  }
}

const MAX_MESSAGE = 2000; // ClientLogEntry.message limit
const SCREEN_NAME = /^[a-z0-9-]{1,40}$/;

/** One line a technician can act on: type, message and the top of the stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const stack = error.stack
      ?.split('\n')
      .slice(1, 6)
      .map((l) => l.trim())
      .join(' | ');
    return `${error.name}: ${error.message}${stack ? ` @ ${stack}` : ''}`;
  }
  if (typeof error === 'string') return error;
  try {
    return `non-Error thrown: ${JSON.stringify(error)}`;
  } catch {
    return `non-Error thrown: ${String(error)}`;
  }
}

export interface ErrorReporterOptions {
  send(entry: ClientLogEntry): Promise<unknown>;
  /** Name of the screen on show, for the log line. */
  currentScreen(): string | undefined;
  now?: () => number;
  limiter?: RateLimiter;
}

export interface ErrorReporter {
  report(error: unknown, origin: string): void;
}

export function createErrorReporter({
  send,
  currentScreen,
  now = Date.now,
  limiter = new RateLimiter(5, 60_000),
}: ErrorReporterOptions): ErrorReporter {
  let dropped = 0;
  return {
    report(error, origin) {
      if (!limiter.tryTake(now())) {
        dropped += 1;
        return;
      }
      const prefix = dropped > 0 ? `(${dropped} earlier reports dropped by rate limit) ` : '';
      dropped = 0;
      const message = `${prefix}${origin}: ${describeError(error)}`.slice(0, MAX_MESSAGE);
      const screen = currentScreen();
      const entry: ClientLogEntry = { level: 'error', message };
      if (screen !== undefined && SCREEN_NAME.test(screen)) entry.screen = screen;
      // If the service is down the report is lost; failing here must not raise
      // another unhandled rejection and feed this reporter in a loop.
      send(entry).catch(() => {});
    },
  };
}

/** Reports uncaught errors and unhandled rejections; returns the uninstaller. */
export function installGlobalErrorReporting(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  reporter: ErrorReporter,
): () => void {
  const onError = (ev: ErrorEvent) => {
    reporter.report(ev.error ?? `${ev.message} (${ev.filename}:${ev.lineno}:${ev.colno})`, 'window.onerror');
  };
  const onRejection = (ev: PromiseRejectionEvent) => {
    reporter.report(ev.reason, 'unhandledrejection');
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
