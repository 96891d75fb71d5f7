import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_SIZE, TEXT_SIZE_STEPS, canGrow, canShrink, clampTextSize } from './text-size';

describe('text size steps', () => {
  it('offers 3–4 steps and starts above the smallest', () => {
    expect(TEXT_SIZE_STEPS).toBeGreaterThanOrEqual(3);
    expect(TEXT_SIZE_STEPS).toBeLessThanOrEqual(4);
    expect(canShrink(DEFAULT_TEXT_SIZE)).toBe(true);
    expect(canGrow(DEFAULT_TEXT_SIZE)).toBe(true);
  });

  it('stays within the steps', () => {
    expect(clampTextSize(-3)).toBe(0);
    expect(clampTextSize(99)).toBe(TEXT_SIZE_STEPS - 1);
    expect(clampTextSize(Number.NaN)).toBe(DEFAULT_TEXT_SIZE);
    expect(canShrink(0)).toBe(false);
    expect(canGrow(TEXT_SIZE_STEPS - 1)).toBe(false);
  });
});
