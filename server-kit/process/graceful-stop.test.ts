import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGracefulStop } from './graceful-stop';

function harness(stop: () => Promise<void>, graceMs = 5000) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  const listeners = new Map<string, (arg?: unknown) => void>();
  const exit = vi.fn<(code: number) => void>();
  const afterStop = vi.fn();
  installGracefulStop({ logger, stop, afterStop, graceMs, exit, on: (event, l) => listeners.set(event, l) });
  return { lines, listeners, exit, afterStop };
}

describe('installGracefulStop', () => {
  afterEach(() => vi.useRealTimers());

  it('stops once on SIGTERM, then exits 0 after the clean-up', async () => {
    const stop = vi.fn(() => Promise.resolve());
    const { listeners, exit, afterStop, lines } = harness(stop);
    listeners.get('SIGTERM')!();
    listeners.get('SIGINT')!();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(afterStop).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => l['msg'])).toEqual(['shutting down', 'stopped']);
    expect(lines[0]).toMatchObject({ signal: 'SIGTERM' });
  });

  it('exits 1 when closing hangs past the grace period', () => {
    vi.useFakeTimers();
    const { listeners, exit, afterStop } = harness(() => new Promise<void>(() => undefined), 1000);
    listeners.get('SIGINT')!();
    vi.advanceTimersByTime(999);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(afterStop).not.toHaveBeenCalled();
  });

  it('logs an uncaught exception as fatal and stops', async () => {
    const { listeners, exit, lines } = harness(() => Promise.resolve());
    listeners.get('uncaughtException')!(new Error('boom'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(lines[0]).toMatchObject({ level: 60, msg: 'uncaught exception', err: { message: 'boom' } });
  });
});
