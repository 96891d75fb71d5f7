import { describe, expect, it } from 'vitest';
import { retryDelay } from './outbox-sender';

describe('retry waits', () => {
  it('are full jitter: anywhere from 0 up to base·2ⁿ⁻¹, capped', () => {
    expect(retryDelay(1, 0, 5000, 3_600_000)).toBe(0);
    expect(retryDelay(1, 0.999999, 5000, 3_600_000)).toBe(4999);
    expect(retryDelay(4, 0.5, 5000, 3_600_000)).toBe(20_000);
    expect(retryDelay(30, 0.5, 5000, 3_600_000)).toBe(1_800_000);
    expect(retryDelay(10_000, 0.999999, 5000, 3_600_000)).toBeLessThan(3_600_000);
  });
});
