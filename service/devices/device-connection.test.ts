import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceConnection, type ConnectionState, type DeviceDriverHandle } from './device-connection';

/** A driver whose port the test unplugs: `unplug` is the port closing by itself. */
class FakeDriver extends EventEmitter implements DeviceDriverHandle {
  closed = 0;
  constructor(readonly n: number) {
    super();
  }
  async close(): Promise<void> {
    this.closed++;
  }
  unplug(): void {
    this.emit('lost', 'the port closed (unplugged?)');
  }
}

/**
 * A device that can be plugged in or out: `open` fails while it is out,
 * as opening a missing serial port does. Records every state the
 * connection reports.
 */
function device(opts: { plugged?: boolean; backoffMs?: readonly number[] } = {}) {
  let plugged = opts.plugged ?? true;
  const opened: FakeDriver[] = [];
  const states: [ConnectionState, string | undefined][] = [];
  const connection = new DeviceConnection<FakeDriver>({
    open: async () => {
      if (!plugged) throw new Error('cannot open /dev/ttyUSB0: no such file');
      const driver = new FakeDriver(opened.length + 1);
      opened.push(driver);
      return driver;
    },
    onLost: (driver, listener) => driver.once('lost', listener),
    onState: (state, detail) => states.push([state, detail]),
    ...(opts.backoffMs === undefined ? {} : { backoffMs: opts.backoffMs }),
  });
  return {
    connection,
    opened,
    states,
    plug(value: boolean) {
      plugged = value;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a device connection', () => {
  it('is connected once the driver opens, and hands out the driver only then', async () => {
    const d = device();
    expect(d.connection.state).toBe('connecting');
    expect(d.connection.current).toBeUndefined();
    d.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(d.states).toEqual([['connected', undefined]]);
    expect(d.connection.current).toBe(d.opened[0]);
    await d.connection.stop();
  });

  it('says why it is disconnected when the port cannot be opened, and tries again with a growing backoff', async () => {
    const d = device({ plugged: false, backoffMs: [200, 400, 800] });
    d.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(d.connection.state).toBe('disconnected');
    expect(d.connection.detail).toBe('cannot open /dev/ttyUSB0: no such file');
    // The same failure again is not a new state: the UI is told once.
    await vi.advanceTimersByTimeAsync(200 + 400 + 800 + 800);
    expect(d.states).toEqual([['disconnected', 'cannot open /dev/ttyUSB0: no such file']]);

    // Plugged in just before the next try (the backoff stays at its last step): connected at that try, not before.
    d.plug(true);
    await vi.advanceTimersByTimeAsync(799);
    expect(d.connection.state).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(1);
    expect(d.connection.state).toBe('connected');
    expect(d.opened).toHaveLength(1);
    await d.connection.stop();
  });

  it('tries at each step of the backoff, then at the last step for as long as it takes', async () => {
    const tries: number[] = [];
    const connection = new DeviceConnection<FakeDriver>({
      open: async () => {
        tries.push(Date.now());
        throw new Error('no such file');
      },
      onLost: () => undefined,
      onState: () => undefined,
      backoffMs: [200, 400, 800],
    });
    const t0 = Date.now();
    connection.start();
    await vi.advanceTimersByTimeAsync(200 + 400 + 800 + 800 + 800);
    expect(tries.map((t) => t - t0)).toEqual([0, 200, 600, 1400, 2200, 3000]);
    await connection.stop();
  });

  it('reconnects a port that closed by itself, starting the backoff again from its first step', async () => {
    const d = device({ backoffMs: [200, 400, 800] });
    d.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    d.plug(false);
    d.opened[0]!.unplug();
    expect(d.connection.state).toBe('disconnected');
    expect(d.connection.detail).toBe('the port closed (unplugged?)');
    expect(d.connection.current).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200 + 400);
    d.plug(true);
    await vi.advanceTimersByTimeAsync(800);
    expect(d.connection.current).toBe(d.opened[1]);

    // A successful open resets the backoff: the next loss is retried after the first step.
    d.opened[1]!.unplug();
    await vi.advanceTimersByTimeAsync(199);
    expect(d.connection.state).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(1);
    expect(d.connection.current).toBe(d.opened[2]);
    expect(d.states).toEqual([
      ['connected', undefined],
      ['disconnected', 'the port closed (unplugged?)'],
      // Still out at the first try: the reason is now the one the open gave.
      ['disconnected', 'cannot open /dev/ttyUSB0: no such file'],
      ['connected', undefined],
      ['disconnected', 'the port closed (unplugged?)'],
      ['connected', undefined],
    ]);
    await d.connection.stop();
  });

  it('drops and closes a driver that reported its port unusable, then reconnects', async () => {
    const d = device({ backoffMs: [200] });
    d.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = d.opened[0]!;
    d.connection.lost('write failed: EIO');
    expect(first.closed).toBe(1);
    expect(d.connection.detail).toBe('write failed: EIO');
    // The old driver's own close arriving late changes nothing.
    first.unplug();
    expect(d.states).toEqual([
      ['connected', undefined],
      ['disconnected', 'write failed: EIO'],
    ]);
    await vi.advanceTimersByTimeAsync(200);
    expect(d.connection.current).toBe(d.opened[1]);
    expect(d.opened).toHaveLength(2);
    await d.connection.stop();
  });

  it('stops trying once stopped, and closes its driver', async () => {
    const d = device({ plugged: false, backoffMs: [200] });
    d.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    await d.connection.stop();
    // No retry left waiting: it would keep a stopping process alive.
    expect(vi.getTimerCount()).toBe(0);
    d.plug(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(d.opened).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);

    const e = device();
    e.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    await e.connection.stop();
    expect(e.opened[0]!.closed).toBe(1);
    expect(e.connection.current).toBeUndefined();
    // A loss after the stop is no news: no state, no retry.
    e.opened[0]!.unplug();
    e.connection.lost('late');
    expect(e.states).toEqual([['connected', undefined]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes a driver that finished opening after it was stopped, and keeps none', async () => {
    let finishOpen: (driver: FakeDriver) => void = () => undefined;
    const driver = new FakeDriver(1);
    const states: ConnectionState[] = [];
    const connection = new DeviceConnection<FakeDriver>({
      open: () => new Promise((resolve) => (finishOpen = resolve)),
      onLost: (d, listener) => d.once('lost', listener),
      onState: (state) => states.push(state),
    });
    connection.start();
    const stopped = connection.stop();
    finishOpen(driver);
    await stopped;
    await vi.advanceTimersByTimeAsync(0);
    expect(driver.closed).toBe(1);
    expect(connection.current).toBeUndefined();
    expect(states).toEqual([]);
  });
});
