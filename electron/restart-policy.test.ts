import { describe, expect, it } from 'vitest';
import {
  CONFIG_INVALID_EXIT_CODE,
  RELAUNCH_BUDGET,
  RENDERER_FAILURES_BEFORE_RELAUNCH,
  RENDERER_FAILURE_WINDOW_MS,
  SERVICE_GIVE_UP_AFTER,
  SERVICE_STABLE_AFTER_MS,
  backoffDelay,
  budgetAllows,
  decideAfterRendererFailure,
  decideAfterServiceExit,
  parseRelaunchHistory,
  recordRelaunch,
  relaunchOptions,
  serializeRelaunchHistory,
  type ServiceExit,
  type ServiceExitDecision,
} from './restart-policy';

const MIN = 60_000;

describe('backoffDelay', () => {
  const b = { initialMs: 1_000, maxMs: 60_000 };

  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, b))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('stays at the cap for absurd attempt counts', () => {
    expect(backoffDelay(5_000, b)).toBe(60_000);
  });

  it('treats nonsense attempts as the first', () => {
    expect(backoffDelay(0, b)).toBe(1_000);
    expect(backoffDelay(-3, b)).toBe(1_000);
    expect(backoffDelay(Number.NaN, b)).toBe(1_000);
  });
});

describe('decideAfterServiceExit', () => {
  const crash = { code: 1, quitting: false, readyForMs: null, consecutiveFailures: 0 };

  it('does nothing when the shell stopped the service itself', () => {
    expect(decideAfterServiceExit({ ...crash, quitting: true })).toEqual({ kind: 'none' });
    expect(decideAfterServiceExit({ ...crash, code: CONFIG_INVALID_EXIT_CODE, quitting: true })).toEqual({
      kind: 'none',
    });
  });

  it('never restarts a service that rejected its configuration', () => {
    expect(decideAfterServiceExit({ ...crash, code: 2 })).toEqual({
      kind: 'fallback',
      reason: 'config-invalid',
      consecutiveFailures: 1,
    });
  });

  /** Feeds each decision's count into the next exit, as the shells do, until the policy stops restarting. */
  function exitsInARow(exit: Omit<ServiceExit, 'consecutiveFailures'>, max = 50): ServiceExitDecision[] {
    const decisions: ServiceExitDecision[] = [];
    let failures = 0;
    for (let i = 0; i < max; i++) {
      const d = decideAfterServiceExit({ ...exit, consecutiveFailures: failures });
      decisions.push(d);
      if (d.kind !== 'restart') break;
      failures = d.consecutiveFailures;
    }
    return decisions;
  }

  it('restarts with a growing delay while the service keeps failing, then gives up and says why', () => {
    const decisions = exitsInARow(crash);
    expect(decisions).toEqual([
      { kind: 'restart', delayMs: 1_000, consecutiveFailures: 1 },
      { kind: 'restart', delayMs: 2_000, consecutiveFailures: 2 },
      { kind: 'restart', delayMs: 4_000, consecutiveFailures: 3 },
      { kind: 'restart', delayMs: 8_000, consecutiveFailures: 4 },
      { kind: 'fallback', reason: 'keeps-failing', consecutiveFailures: SERVICE_GIVE_UP_AFTER },
    ]);
  });

  it('gives up on a service that comes up and crashes soon after, each time', () => {
    const decisions = exitsInARow({ ...crash, readyForMs: SERVICE_STABLE_AFTER_MS - 1 });
    expect(decisions.at(-1)).toEqual({
      kind: 'fallback',
      reason: 'keeps-failing',
      consecutiveFailures: SERVICE_GIVE_UP_AFTER,
    });
  });

  it('never gives up on a service that runs a while between crashes', () => {
    const decisions = exitsInARow({ ...crash, readyForMs: SERVICE_STABLE_AFTER_MS });
    expect(decisions).toHaveLength(50);
    expect(decisions.every((d) => d.kind === 'restart' && d.delayMs === 1_000)).toBe(true);
  });

  it('restarts an unexpected clean exit too', () => {
    expect(decideAfterServiceExit({ ...crash, code: 0 }).kind).toBe('restart');
  });

  it('starts the backoff afresh after the service had been up for a while', () => {
    expect(decideAfterServiceExit({ ...crash, readyForMs: SERVICE_STABLE_AFTER_MS, consecutiveFailures: 6 })).toEqual({
      kind: 'restart',
      delayMs: 1_000,
      consecutiveFailures: 1,
    });
  });

  it('keeps backing off when it crashes soon after coming up', () => {
    expect(
      decideAfterServiceExit({ ...crash, readyForMs: SERVICE_STABLE_AFTER_MS - 1, consecutiveFailures: 3 }),
    ).toEqual({
      kind: 'restart',
      delayMs: 8_000,
      consecutiveFailures: 4,
    });
  });
});

describe('decideAfterRendererFailure', () => {
  const now = 10 * MIN;

  it('reloads quickly on a first failure, then backs off', () => {
    expect(decideAfterRendererFailure([now], now)).toEqual({ kind: 'reload', delayMs: 500 });
    expect(decideAfterRendererFailure([now - 2_000, now - 1_000, now], now)).toEqual({
      kind: 'reload',
      delayMs: 2_000,
    });
  });

  it('relaunches once failures pile up within the window', () => {
    const failures = Array.from({ length: RENDERER_FAILURES_BEFORE_RELAUNCH }, (_, i) => now - i * 1_000);
    expect(decideAfterRendererFailure(failures, now)).toEqual({ kind: 'relaunch' });
  });

  it('forgets failures older than the window', () => {
    const old = Array.from({ length: 10 }, (_, i) => now - RENDERER_FAILURE_WINDOW_MS - i);
    expect(decideAfterRendererFailure([...old, now], now)).toEqual({ kind: 'reload', delayMs: 500 });
  });
});

describe('relaunch budget', () => {
  const now = 1_700_000_000_000;

  it('allows relaunches until five happened in the last ten minutes', () => {
    let history: number[] = [];
    for (let i = 0; i < RELAUNCH_BUDGET.max; i++) {
      expect(budgetAllows(history, now + i)).toBe(true);
      history = recordRelaunch(history, now + i);
    }
    expect(budgetAllows(history, now + 10)).toBe(false);
  });

  it('frees up once the oldest relaunch leaves the window', () => {
    const history = [0, 1, 2, 3, 4].map((i) => now + i * MIN);
    expect(budgetAllows(history, now + 10 * MIN - 1)).toBe(false);
    expect(budgetAllows(history, now + 10 * MIN)).toBe(true);
  });

  it('ignores relaunches stamped in the future (clock set back)', () => {
    const history = [1, 2, 3, 4, 5].map((i) => now + i * 60 * MIN);
    expect(budgetAllows(history, now)).toBe(true);
  });

  it('records by pruning old entries and appending now', () => {
    expect(recordRelaunch([now - 11 * MIN, now - 9 * MIN, now + MIN], now)).toEqual([now - 9 * MIN, now]);
  });

  it('round-trips through its file format', () => {
    const history = [now - 3 * MIN, now];
    expect(parseRelaunchHistory(serializeRelaunchHistory(history))).toEqual(history);
  });

  it.each([
    ['a missing file', undefined],
    ['an empty file', ''],
    ['a truncated file', '{"relaunches":[17000'],
    ['the wrong shape', '[1,2,3]'],
    ['null', 'null'],
    ['a non-array field', '{"relaunches":"5"}'],
  ])('reads %s as no relaunches', (_what, text) => {
    expect(parseRelaunchHistory(text)).toEqual([]);
  });

  it('drops entries that are not numbers', () => {
    expect(parseRelaunchHistory('{"relaunches":[1,"2",null,3,1e999]}')).toEqual([1, 3]);
  });
});

describe('relaunchOptions', () => {
  it('keeps Electron’s defaults for installed and development runs', () => {
    expect(
      relaunchOptions({ isPackaged: true, appImage: undefined, argv: ['/opt/kiosk/wurenlvsuo-kiosk'] }),
    ).toBeUndefined();
    expect(relaunchOptions({ isPackaged: true, appImage: '', argv: ['/opt/kiosk/wurenlvsuo-kiosk'] })).toBeUndefined();
  });

  it('ignores a stray APPIMAGE in a development run', () => {
    expect(
      relaunchOptions({ isPackaged: false, appImage: '/home/dev/Other.AppImage', argv: ['electron', '.'] }),
    ).toBeUndefined();
  });

  it('relaunches the .AppImage file, not the binary in its temporary mount', () => {
    expect(
      relaunchOptions({
        isPackaged: true,
        appImage: '/opt/wurenlvsuo-kiosk.AppImage',
        argv: ['/tmp/.mount_abc/wurenlvsuo-kiosk', '--some-flag'],
      }),
    ).toEqual({ execPath: '/opt/wurenlvsuo-kiosk.AppImage', args: ['--appimage-extract-and-run', '--some-flag'] });
  });
});
