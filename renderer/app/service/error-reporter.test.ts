import { describe, expect, it, vi } from 'vitest';
import type { ClientLogEntry } from '../../../common/api/client-log';
import { RateLimiter, createErrorReporter, describeError } from './error-reporter';

describe('RateLimiter', () => {
  it('allows max events per window, then frees up as the window slides', () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.tryTake(0)).toBe(true);
    expect(limiter.tryTake(100)).toBe(true);
    expect(limiter.tryTake(200)).toBe(false);
    expect(limiter.tryTake(999)).toBe(false);
    expect(limiter.tryTake(1000)).toBe(true);
    expect(limiter.tryTake(1050)).toBe(false);
    expect(limiter.tryTake(1100)).toBe(true);
  });
});

describe('describeError', () => {
  it('names the error and keeps the top of the stack', () => {
    const e = new TypeError('x is undefined');
    e.stack = 'TypeError: x is undefined\n    at a (app.js:1:1)\n    at b (app.js:2:2)';
    expect(describeError(e)).toBe('TypeError: x is undefined @ at a (app.js:1:1) | at b (app.js:2:2)');
  });

  it('copes with things that are not errors', () => {
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ code: 1 })).toBe('non-Error thrown: {"code":1}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeError(cyclic)).toBe('non-Error thrown: [object Object]');
  });
});

describe('createErrorReporter', () => {
  function setup(screen: string | undefined = 'home') {
    const sent: ClientLogEntry[] = [];
    let clock = 0;
    const send = vi.fn(async (e: ClientLogEntry) => {
      sent.push(e);
    });
    const reporter = createErrorReporter({
      send,
      currentScreen: () => screen,
      now: () => clock,
      limiter: new RateLimiter(2, 1000),
    });
    return { sent, send, reporter, tick: (ms: number) => (clock += ms) };
  }

  it('sends an error entry with the screen', () => {
    const { sent, reporter } = setup();
    reporter.report(new Error('boom'), 'window.onerror');
    expect(sent[0]).toMatchObject({ level: 'error', screen: 'home' });
    expect(sent[0]?.message).toMatch(/^window\.onerror: Error: boom/);
  });

  it('rate-limits and says how many reports were dropped', () => {
    const { sent, reporter, tick } = setup();
    for (let i = 0; i < 5; i++) reporter.report('e', 'x');
    expect(sent).toHaveLength(2);
    tick(1000);
    reporter.report('later', 'x');
    expect(sent[2]?.message).toBe('(3 earlier reports dropped by rate limit) x: later');
  });

  it('keeps messages within the contract limits', () => {
    const { sent, reporter } = setup('Not A Screen Name');
    reporter.report('y'.repeat(5000), 'x');
    expect(sent[0]?.message.length).toBe(2000);
    expect(sent[0]?.screen).toBeUndefined();
  });

  it('swallows a failed send', async () => {
    const reporter = createErrorReporter({
      send: () => Promise.reject(new Error('down')),
      currentScreen: () => undefined,
    });
    expect(() => reporter.report('e', 'x')).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
  });
});
