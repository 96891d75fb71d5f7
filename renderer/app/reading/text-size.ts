/**
 * Reading text size: a few large steps rather than a slider, each a big
 * button press apart. Step sizes live in CSS (`.reading-size-N`, from the
 * type tokens); this is only the arithmetic.
 */
export const TEXT_SIZE_STEPS = 4;
/** The step a session starts at: the "lead" size, already larger than body text. */
export const DEFAULT_TEXT_SIZE = 1;

export function clampTextSize(step: number): number {
  if (!Number.isFinite(step)) return DEFAULT_TEXT_SIZE;
  return Math.min(TEXT_SIZE_STEPS - 1, Math.max(0, Math.round(step)));
}

export function canShrink(step: number): boolean {
  return clampTextSize(step) > 0;
}

export function canGrow(step: number): boolean {
  return clampTextSize(step) < TEXT_SIZE_STEPS - 1;
}
