import { describe, expect, it } from 'vitest';
import { SignInThrottle, THROTTLE_MAX_FAILURES, THROTTLE_WINDOW_MS, throttleKey } from './sign-in-throttle';

const T0 = new Date('2026-03-02T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('the sign-in throttle per address', () => {
  it('refuses an address after ten failures in the window, until its oldest failure leaves it', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(throttle.refusedUntil('203.0.113.9', at(i * 1000))).toBeUndefined();
      throttle.recordFailure('203.0.113.9', at(i * 1000));
    }
    expect(throttle.refusedUntil('203.0.113.9', at(10_000))).toEqual(at(THROTTLE_WINDOW_MS));
    // Another address is not touched.
    expect(throttle.refusedUntil('203.0.113.10', at(10_000))).toBeUndefined();
    expect(throttle.refusedUntil('203.0.113.9', at(THROTTLE_WINDOW_MS - 1))).toEqual(at(THROTTLE_WINDOW_MS));
    // The first failure has left the window: one more try, no more.
    expect(throttle.refusedUntil('203.0.113.9', at(THROTTLE_WINDOW_MS))).toBeUndefined();
    throttle.recordFailure('203.0.113.9', at(THROTTLE_WINDOW_MS));
    expect(throttle.refusedUntil('203.0.113.9', at(THROTTLE_WINDOW_MS))).toEqual(at(THROTTLE_WINDOW_MS + 1000));
  });

  it('counts IPv6 addresses by their /64, however they are written', () => {
    expect(throttleKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(throttleKey('2001:0db8:0000:0001:ffff:0:0:9')).toBe('2001:db8:0:1::/64');
    expect(throttleKey('::1')).toBe('0:0:0:0::/64');
    expect(throttleKey('10.0.0.7')).toBe('10.0.0.7');
    expect(throttleKey(undefined)).toBe('unknown');
    const throttle = new SignInThrottle({ maxFailures: 2 });
    throttle.recordFailure('2001:db8:0:1::5', T0);
    throttle.recordFailure('2001:db8:0:1:aaaa::6', T0);
    expect(throttle.refusedUntil('2001:db8:0:1::7', T0)).toBeDefined();
    expect(throttle.refusedUntil('2001:db8:0:2::7', T0)).toBeUndefined();
  });

  it('remembers a bounded number of addresses, forgetting the least recently failing', () => {
    const throttle = new SignInThrottle({ maxFailures: 1, maxAddresses: 3 });
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) throttle.recordFailure(a, T0);
    expect(throttle.refusedUntil('10.0.0.1', T0)).toBeUndefined();
    for (const a of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) expect(throttle.refusedUntil(a, T0)).toBeDefined();
  });
});
