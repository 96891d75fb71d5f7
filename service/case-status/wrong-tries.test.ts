import { describe, expect, it } from 'vitest';
import { WrongTries } from './wrong-tries';

describe('wrong tries at the kiosk', () => {
  it('refuses the fifth wrong try within a minute until the first leaves the minute', () => {
    let now = 1_000_000;
    const tries = new WrongTries(() => now);
    for (let i = 0; i < 4; i++) {
      expect(tries.refusedFor()).toBeUndefined();
      tries.wrong();
      now += 5000;
    }
    // The first try was 20 s ago: 40 s to go.
    expect(tries.refusedFor()).toBe(40);
    now += 39_999;
    expect(tries.refusedFor()).toBe(1);
    now += 1;
    expect(tries.refusedFor()).toBeUndefined();
    // One more wrong: the second try (15 s after the first) is now the one to wait for.
    tries.wrong();
    expect(tries.refusedFor()).toBe(5);
  });
});
