import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleHealth } from '../../../common/api/sample-health';
import { DOWN_AFTER_MS, type EventHandlers, REFRESH_MS, RETRY_MS, ServiceConnection } from './connection';

function makeHealth(version = '0.1.0') {
  return sampleHealth({ version });
}

function setup(extra: { reportError?: (error: unknown) => void } = {}) {
  let serviceUp = true;
  let healthVersion = '0.1.0';
  let handlers: EventHandlers | null = null;
  const fetchHealth = vi.fn(async (_signal: AbortSignal) => {
    if (!serviceUp) throw new Error('refused');
    return makeHealth(healthVersion);
  });
  const conn = new ServiceConnection({
    fetchHealth,
    openEvents: (h) => {
      handlers = h;
      return { close: vi.fn() };
    },
    now: () => Date.now(),
    ...extra,
  });
  const socket = () => {
    if (!handlers) throw new Error('events not opened');
    return handlers;
  };
  return {
    conn,
    fetchHealth,
    socket,
    setServiceUp: (up: boolean) => (serviceUp = up),
    setVersion: (v: string) => (healthVersion = v),
  };
}

describe('ServiceConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is starting until health arrives, then up once the socket is open', async () => {
    const { conn, socket } = setup();
    conn.start();
    expect(conn.getSnapshot().phase).toBe('starting');
    await vi.advanceTimersByTimeAsync(0);
    expect(conn.getSnapshot()).toMatchObject({ phase: 'up', health: { version: '0.1.0' } });
    socket().onOpen();
    await vi.advanceTimersByTimeAsync(DOWN_AFTER_MS * 2);
    expect(conn.getSnapshot().phase).toBe('up');
    conn.stop();
  });

  it('goes down when no health arrives within the grace period', async () => {
    const { conn, setServiceUp, fetchHealth } = setup();
    setServiceUp(false);
    const listener = vi.fn();
    conn.subscribe(listener);
    conn.start();
    await vi.advanceTimersByTimeAsync(DOWN_AFTER_MS - 1);
    expect(conn.getSnapshot().phase).toBe('starting');
    await vi.advanceTimersByTimeAsync(1);
    expect(conn.getSnapshot().phase).toBe('down');
    expect(listener).toHaveBeenCalled();
    // First attempt at 0, retries every RETRY_MS.
    expect(fetchHealth).toHaveBeenCalledTimes(2);
    conn.stop();
  });

  it('rides out a short socket drop, goes down after the grace period and comes back by itself', async () => {
    const { conn, socket } = setup();
    conn.start();
    socket().onOpen();
    await vi.advanceTimersByTimeAsync(0);

    socket().onClose();
    await vi.advanceTimersByTimeAsync(DOWN_AFTER_MS - 500);
    socket().onOpen();
    expect(conn.getSnapshot().phase).toBe('up');

    socket().onClose();
    await vi.advanceTimersByTimeAsync(DOWN_AFTER_MS);
    expect(conn.getSnapshot().phase).toBe('down');
    expect(conn.getSnapshot().health).not.toBeNull();

    socket().onOpen();
    await vi.advanceTimersByTimeAsync(0);
    expect(conn.getSnapshot().phase).toBe('up');
    conn.stop();
  });

  it('retries health every RETRY_MS while failing and returns to the slow refresh once it works', async () => {
    const { conn, socket, fetchHealth, setServiceUp } = setup();
    conn.start();
    socket().onOpen();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchHealth).toHaveBeenCalledTimes(1);

    setServiceUp(false);
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(fetchHealth).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(fetchHealth).toHaveBeenCalledTimes(3);
    expect(conn.getSnapshot().phase).toBe('up'); // failing for 2 s only
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(conn.getSnapshot().phase).toBe('down');

    setServiceUp(true);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(conn.getSnapshot().phase).toBe('up');
    const calls = fetchHealth.mock.calls.length;
    await vi.advanceTimersByTimeAsync(REFRESH_MS - 1);
    expect(fetchHealth).toHaveBeenCalledTimes(calls);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchHealth).toHaveBeenCalledTimes(calls + 1);
    conn.stop();
  });

  it('takes pushed health as fresh and postpones the fallback poll', async () => {
    const { conn, socket, fetchHealth } = setup();
    conn.start();
    socket().onOpen();
    await vi.advanceTimersByTimeAsync(REFRESH_MS - 1000);
    socket().onEvent({ type: 'health', health: makeHealth('0.2.0') });
    expect(conn.getSnapshot().health?.version).toBe('0.2.0');
    await vi.advanceTimersByTimeAsync(REFRESH_MS - 1);
    expect(fetchHealth).toHaveBeenCalledTimes(1);
    conn.stop();
  });

  it('fetches health at once when the service restarted', async () => {
    const { conn, socket, fetchHealth, setVersion } = setup();
    conn.start();
    socket().onOpen();
    socket().onEvent({ type: 'hello', bootId: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchHealth).toHaveBeenCalledTimes(1);

    setVersion('0.3.0');
    socket().onEvent({ type: 'hello', bootId: 'b' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchHealth).toHaveBeenCalledTimes(2);
    expect(conn.getSnapshot()).toMatchObject({ bootId: 'b', health: { version: '0.3.0' } });
    conn.stop();
  });

  it('stops all timers when stopped', async () => {
    const { conn, fetchHealth } = setup();
    conn.start();
    await vi.advanceTimersByTimeAsync(0);
    conn.stop();
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    expect(fetchHealth).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes every pushed event to its subscribers until they unsubscribe', async () => {
    const { conn, socket } = setup();
    conn.start();
    const seen: string[] = [];
    const stop = conn.onEvent((e) => seen.push(e.type));
    const job = {
      id: 'j1',
      title: '回执',
      state: 'printed' as const,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:01Z',
    };
    socket().onEvent({ type: 'print-job', job });
    socket().onEvent({ type: 'hello', bootId: 'a' });
    socket().onEvent({ type: 'health', health: makeHealth('0.4.0') });
    expect(seen).toEqual(['print-job', 'hello', 'health']);
    // The connection still takes what it needs from the events it shares.
    expect(conn.getSnapshot()).toMatchObject({ bootId: 'a', health: { version: '0.4.0' } });
    stop();
    socket().onEvent({ type: 'print-job', job });
    expect(seen).toHaveLength(3);
    conn.stop();
  });

  it('keeps telling the other subscribers when one of them throws, and reports the error', async () => {
    const reportError = vi.fn();
    const { conn, socket } = setup({ reportError });
    conn.start();
    const boom = new Error('listener broke');
    const after = vi.fn();
    conn.onEvent(() => {
      throw boom;
    });
    conn.onEvent(after);
    socket().onEvent({ type: 'idcard-error', code: 'no-card' });
    expect(after).toHaveBeenCalledWith({ type: 'idcard-error', code: 'no-card' });
    expect(reportError).toHaveBeenCalledWith(boom);
    conn.stop();
  });

  it('lets a subscriber unsubscribe while it is being told, without skipping the next one', async () => {
    const { conn, socket } = setup();
    conn.start();
    const second = vi.fn();
    const stopFirst = conn.onEvent(() => stopFirst());
    conn.onEvent(second);
    socket().onEvent({ type: 'hello', bootId: 'x' });
    socket().onEvent({ type: 'hello', bootId: 'x' });
    expect(second).toHaveBeenCalledTimes(2);
    conn.stop();
  });
});
