import type { Logger } from 'pino';

export interface GracefulStopOptions {
  logger: Logger;
  /** Closes what the server holds (sockets, devices, databases). */
  stop(): Promise<void>;
  /** Runs after `stop` settles, before the process exits (e.g. removing a runtime file). */
  afterStop?(): void;
  /** How long `stop` may take before the process exits anyway, with code 1. */
  graceMs?: number;
  /** Injected in tests; the process's own in production. */
  exit?(code: number): void;
  on?(event: 'SIGTERM' | 'SIGINT' | 'uncaughtException', listener: (arg?: unknown) => void): void;
}

const DEFAULT_GRACE_MS = 5000;

/**
 * Stops a server once, on SIGTERM, SIGINT or an uncaught exception: logs why,
 * closes what it holds, and exits 0 — or 1 when closing takes longer than the
 * grace period, so a supervisor never waits on a hung close. Install it before
 * announcing readiness: a supervisor may signal as soon as it hears it.
 */
export function installGracefulStop({
  logger,
  stop,
  afterStop,
  graceMs = DEFAULT_GRACE_MS,
  exit = (code) => process.exit(code),
  on = (event, listener) => process.on(event, listener),
}: GracefulStopOptions): (reason: string) => void {
  let stopping = false;
  const stopFor = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'shutting down');
    setTimeout(() => exit(1), graceMs).unref();
    void stop().finally(() => {
      afterStop?.();
      logger.info('stopped');
      exit(0);
    });
  };
  on('SIGTERM', () => stopFor('SIGTERM'));
  on('SIGINT', () => stopFor('SIGINT'));
  on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    stopFor('uncaughtException');
  });
  return stopFor;
}
