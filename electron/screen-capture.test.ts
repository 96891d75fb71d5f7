import { describe, expect, it } from 'vitest';
import { COMMAND_SCREENSHOT_MAX_BYTES } from '../common/hub/api/fleet-commands';
import { MIN_SCREENSHOT_WIDTH, decideCapture, smallerScreenshotWidth } from './screen-capture';

describe('whether the shell takes the window when the service asks', () => {
  const open = { window: 'open', showing: 'service', callActive: false } as const;

  it('takes the service’s page, and the fallback page (it shows no one’s data)', () => {
    expect(decideCapture(open)).toEqual({ capture: true });
    expect(decideCapture({ ...open, showing: 'fallback' })).toEqual({ capture: true });
  });

  it('refuses with no window, with nothing shown yet, and while a call may put a citizen on screen', () => {
    expect(decideCapture({ ...open, window: 'none' })).toEqual({
      capture: false,
      reason: 'the shell has no window to take',
    });
    expect(decideCapture({ ...open, window: 'destroyed' })).toMatchObject({ capture: false });
    expect(decideCapture({ ...open, showing: 'nothing' })).toEqual({
      capture: false,
      reason: 'the window shows nothing yet',
    });
    expect(decideCapture({ ...open, callActive: true })).toEqual({
      capture: false,
      reason: 'a video call is on screen',
    });
    // The call wins over everything else that would allow it.
    expect(decideCapture({ ...open, showing: 'fallback', callActive: true })).toMatchObject({ capture: false });
  });
});

describe('scaling a screenshot down to what the hub keeps', () => {
  const max = COMMAND_SCREENSHOT_MAX_BYTES;

  it('leaves one that fits as it is', () => {
    expect(smallerScreenshotWidth(1920, max, max)).toBeUndefined();
    expect(smallerScreenshotWidth(1080, 300_000, max)).toBeUndefined();
  });

  it('narrows one that does not fit by the square root of the excess, and a tenth more', () => {
    // Four times too large: half the width, less a tenth.
    expect(smallerScreenshotWidth(2160, 4 * max, max)).toBe(Math.floor(2160 * 0.5 * 0.9));
    const once = smallerScreenshotWidth(3840, 3 * max, max)!;
    expect(once).toBeLessThan(3840);
    // The estimated area of the result fits.
    expect(3 * max * (once / 3840) ** 2).toBeLessThanOrEqual(max);
  });

  it('gives up below a readable width: the service then says the picture was too large', () => {
    expect(smallerScreenshotWidth(400, 100 * max, max)).toBeUndefined();
    expect(smallerScreenshotWidth(MIN_SCREENSHOT_WIDTH * 2, 4.5 * max, max)).toBeUndefined();
  });
});
