import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EndReason, MIN_COUNTDOWN_SECONDS, SessionMachine, effectiveTiming } from './session-machine';

const clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function make(idleTimeoutSeconds = 60, countdownSeconds = 30) {
  const resets: EndReason[] = [];
  const machine = new SessionMachine({ idleTimeoutSeconds, countdownSeconds, clock, onReset: (r) => resets.push(r) });
  return { machine, resets };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session machine', () => {
  it('starts on the attract loop and waits there without timers', () => {
    const { machine, resets } = make();
    expect(machine.getSnapshot().phase).toBe('attract');
    vi.advanceTimersByTime(3_600_000);
    expect(machine.getSnapshot().phase).toBe('attract');
    expect(resets).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the first touch starts a session; activity before that is ignored', () => {
    const { machine } = make();
    machine.activity();
    expect(machine.getSnapshot().phase).toBe('attract');
    expect(machine.wake()).toBe(true);
    expect(machine.getSnapshot().phase).toBe('active');
    expect(machine.wake()).toBe(false);
  });

  it('shows the countdown after the idle time, counts down each second, then resets as idle', () => {
    const { machine, resets } = make(60, 30);
    machine.wake();
    vi.advanceTimersByTime(59_999);
    expect(machine.getSnapshot().phase).toBe('active');
    vi.advanceTimersByTime(1);
    expect(machine.getSnapshot()).toMatchObject({ phase: 'countdown', secondsLeft: 30, countdownSeconds: 30 });
    vi.advanceTimersByTime(1000);
    expect(machine.getSnapshot().secondsLeft).toBe(29);
    vi.advanceTimersByTime(27_000);
    expect(machine.getSnapshot().secondsLeft).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(machine.getSnapshot().secondsLeft).toBe(1);
    expect(resets).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(machine.getSnapshot()).toMatchObject({ phase: 'attract', secondsLeft: null });
    expect(resets).toEqual(['idle']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a touch restarts the idle wait', () => {
    const { machine } = make(60, 30);
    machine.wake();
    vi.advanceTimersByTime(50_000);
    machine.activity();
    vi.advanceTimersByTime(50_000);
    expect(machine.getSnapshot().phase).toBe('active');
    vi.advanceTimersByTime(10_000);
    expect(machine.getSnapshot().phase).toBe('countdown');
  });

  it('a touch during the countdown does not dismiss it: only "continue" does', () => {
    const { machine, resets } = make(60, 30);
    machine.wake();
    vi.advanceTimersByTime(60_000 + 10_000);
    machine.activity();
    expect(machine.getSnapshot()).toMatchObject({ phase: 'countdown', secondsLeft: 20 });
    machine.continue();
    expect(machine.getSnapshot()).toMatchObject({ phase: 'active', secondsLeft: null });
    // The old countdown is gone; a full idle wait again before the next one.
    vi.advanceTimersByTime(59_000);
    expect(machine.getSnapshot().phase).toBe('active');
    vi.advanceTimersByTime(1000);
    expect(machine.getSnapshot()).toMatchObject({ phase: 'countdown', secondsLeft: 30 });
    expect(resets).toEqual([]);
  });

  it('"finish" resets at once, from use and from the countdown, and does nothing on the attract loop', () => {
    const { machine, resets } = make();
    machine.finish();
    expect(resets).toEqual([]);
    machine.wake();
    vi.advanceTimersByTime(5_000);
    machine.finish();
    expect(machine.getSnapshot().phase).toBe('attract');
    expect(resets).toEqual(['finish']);
    expect(vi.getTimerCount()).toBe(0);

    machine.wake();
    vi.advanceTimersByTime(60_000 + 3_000);
    expect(machine.getSnapshot().phase).toBe('countdown');
    machine.finish();
    expect(resets).toEqual(['finish', 'finish']);
    vi.advanceTimersByTime(600_000);
    expect(resets).toEqual(['finish', 'finish']);
  });

  it('never counts down for less than 20 s, whatever the configuration says', () => {
    const { machine, resets } = make(60, 5);
    expect(machine.getSnapshot().countdownSeconds).toBe(MIN_COUNTDOWN_SECONDS);
    machine.wake();
    vi.advanceTimersByTime(60_000);
    expect(machine.getSnapshot().secondsLeft).toBe(20);
    vi.advanceTimersByTime(19_999);
    expect(resets).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(resets).toEqual(['idle']);

    machine.configure({ idleTimeoutSeconds: 60, countdownSeconds: 0 });
    expect(machine.getSnapshot().countdownSeconds).toBe(20);
    expect(effectiveTiming({ idleTimeoutSeconds: Number.NaN, countdownSeconds: Number.NaN })).toEqual({
      idleTimeoutSeconds: 120,
      countdownSeconds: 30,
    });
    expect(effectiveTiming({ idleTimeoutSeconds: 5, countdownSeconds: 45 })).toEqual({
      idleTimeoutSeconds: 30,
      countdownSeconds: 45,
    });
  });

  it('new configuration restarts a running idle wait', () => {
    const { machine } = make(120, 30);
    machine.wake();
    vi.advanceTimersByTime(50_000);
    machine.configure({ idleTimeoutSeconds: 30, countdownSeconds: 20 });
    vi.advanceTimersByTime(29_000);
    expect(machine.getSnapshot().phase).toBe('active');
    vi.advanceTimersByTime(1_000);
    expect(machine.getSnapshot()).toMatchObject({ phase: 'countdown', secondsLeft: 20 });
  });

  it('tells subscribers of each change, and dispose stops the timers', () => {
    const { machine, resets } = make(60, 30);
    const seen: string[] = [];
    const unsubscribe = machine.subscribe(() =>
      seen.push(`${machine.getSnapshot().phase}:${machine.getSnapshot().secondsLeft}`),
    );
    machine.wake();
    vi.advanceTimersByTime(62_000);
    expect(seen).toEqual(['active:null', 'countdown:30', 'countdown:29', 'countdown:28']);
    unsubscribe();
    machine.dispose();
    vi.advanceTimersByTime(600_000);
    expect(resets).toEqual([]);
    expect(seen).toHaveLength(4);
  });
});

describe('holding the session (a video call)', () => {
  it('no countdown and no reset however long the hold lasts; the idle wait starts afresh when it goes', () => {
    const { machine, resets } = make(60, 30);
    machine.wake();
    vi.advanceTimersByTime(50_000);
    const release = machine.hold();
    expect(machine.held).toBe(true);
    vi.advanceTimersByTime(3_600_000);
    expect(machine.getSnapshot().phase).toBe('active');
    expect(resets).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    release();
    expect(machine.held).toBe(false);
    vi.advanceTimersByTime(59_999);
    expect(machine.getSnapshot().phase).toBe('active');
    vi.advanceTimersByTime(1);
    expect(machine.getSnapshot().phase).toBe('countdown');
  });

  it('calls off a countdown under way; touches during the hold start no timer', () => {
    const { machine } = make(60, 30);
    machine.wake();
    vi.advanceTimersByTime(60_000);
    expect(machine.getSnapshot().phase).toBe('countdown');
    const release = machine.hold();
    expect(machine.getSnapshot()).toMatchObject({ phase: 'active', secondsLeft: null });
    machine.activity();
    expect(vi.getTimerCount()).toBe(0);
    release();
  });

  it('ends only when every hold is released; a release called twice counts once', () => {
    const { machine } = make(60, 30);
    machine.wake();
    const first = machine.hold();
    const second = machine.hold();
    first();
    first();
    vi.advanceTimersByTime(120_000);
    expect(machine.getSnapshot().phase).toBe('active');
    second();
    vi.advanceTimersByTime(60_000);
    expect(machine.getSnapshot().phase).toBe('countdown');
  });

  it('结束使用 still ends a held session at once', () => {
    const { machine, resets } = make(60, 30);
    machine.wake();
    const release = machine.hold();
    machine.finish();
    expect(resets).toEqual(['finish']);
    release();
    expect(machine.getSnapshot().phase).toBe('attract');
    expect(vi.getTimerCount()).toBe(0);
  });
});
