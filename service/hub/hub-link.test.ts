import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MAX_BACKOFF_MS } from './heartbeat-sender';
import { CALL_KIOSK_GRACE_MS } from '../../common/hub/api/calls';
import {
  CALL_RECONNECT_MAX_WINDOW_MS,
  CALL_RECONNECT_MIN_MS,
  callReconnectDelay,
  RECONNECT_BASE_MS,
  reconnectDelay,
} from './hub-link';

/** A seeded random in [0, 1) (mulberry32): the same spread every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the reconnect wait', () => {
  it('is drawn over the whole window, which doubles per failure up to ten minutes', () => {
    expect(reconnectDelay(0, 0)).toBe(0);
    expect(reconnectDelay(0, 0.999_999)).toBe(RECONNECT_BASE_MS - 1);
    expect(reconnectDelay(3, 0.5)).toBe(4 * RECONNECT_BASE_MS);
    expect(reconnectDelay(50, 0.999_999)).toBeLessThan(HEARTBEAT_MAX_BACKOFF_MS);
    expect(reconnectDelay(50, 0.5)).toBe(HEARTBEAT_MAX_BACKOFF_MS / 2);
  });

  it('spreads a fleet coming back after a hub restart over the window, not into one second', () => {
    const random = seeded(13);
    const kiosks = 10_000;
    const perSecond = new Map<number, number>();
    for (let i = 0; i < kiosks; i++) {
      const second = Math.floor(reconnectDelay(0, random()) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    const windowSeconds = RECONNECT_BASE_MS / 1000;
    expect([...perSecond.keys()].sort((a, b) => a - b)).toEqual([...Array(windowSeconds).keys()]);
    // Even: no second of the window gets more than half again its fair share.
    expect(Math.max(...perSecond.values())).toBeLessThan((1.5 * kiosks) / windowSeconds);
  });
});

describe('the reconnect wait while a call waits or runs', () => {
  it('is seconds, not minutes: every wait, however many failures, leaves the hub’s grace for a caller several tries', () => {
    for (const failures of [0, 1, 2, 5, 50])
      for (const r of [0, 0.5, 0.999_999]) {
        const wait = callReconnectDelay(failures, r);
        expect(wait).toBeGreaterThanOrEqual(CALL_RECONNECT_MIN_MS);
        expect(wait).toBeLessThan(CALL_RECONNECT_MIN_MS + CALL_RECONNECT_MAX_WINDOW_MS);
      }
    expect(CALL_RECONNECT_MIN_MS + CALL_RECONNECT_MAX_WINDOW_MS).toBeLessThan(CALL_KIOSK_GRACE_MS / 4);
  });

  it('is still drawn at random over its window, which grows with failures', () => {
    const random = seeded(21);
    const first = Array.from({ length: 2000 }, () => callReconnectDelay(0, random()));
    const later = Array.from({ length: 2000 }, () => callReconnectDelay(5, random()));
    expect(Math.max(...first)).toBeLessThan(CALL_RECONNECT_MIN_MS + 1000);
    expect(Math.max(...later)).toBeGreaterThan(CALL_RECONNECT_MIN_MS + 3000);
    // Spread: no 100 ms slice of the first window holds more than twice its share.
    const slices = new Map<number, number>();
    for (const w of first)
      slices.set(
        Math.floor((w - CALL_RECONNECT_MIN_MS) / 100),
        (slices.get(Math.floor((w - CALL_RECONNECT_MIN_MS) / 100)) ?? 0) + 1,
      );
    expect(slices.size).toBe(10);
    expect(Math.max(...slices.values())).toBeLessThan((2 * first.length) / 10);
  });
});
