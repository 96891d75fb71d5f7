/**
 * The shell's decisions about a screenshot the service asks for (a fleet
 * `screenshot` command, asked only in the attract loop — the service
 * decides when). Plain functions, so they are tested without Electron.
 */

/** What the shell knows when asked. */
export interface CaptureState {
  window: 'none' | 'destroyed' | 'open';
  /** What the window shows: the service's page, the fallback page, or nothing yet. */
  showing: 'nothing' | 'service' | 'fallback';
  /** A video call waits or runs: the camera may be on screen, with a citizen in it. */
  callActive: boolean;
}

export type CaptureDecision = { capture: true } | { capture: false; reason: string };

/**
 * Whether to take the window now. The service asks only between sessions;
 * a call still on screen here (the service restarted while one ran, so it
 * no longer knows) would show a citizen, and is refused all the same.
 */
export function decideCapture(s: CaptureState): CaptureDecision {
  if (s.window !== 'open') return { capture: false, reason: 'the shell has no window to take' };
  if (s.callActive) return { capture: false, reason: 'a video call is on screen' };
  if (s.showing === 'nothing') return { capture: false, reason: 'the window shows nothing yet' };
  return { capture: true };
}

/** The narrowest picture worth sending: below it an administrator reads nothing. */
export const MIN_SCREENSHOT_WIDTH = 320;

/**
 * The width to scale a PNG of `width` pixels and `bytes` bytes to, so that
 * it fits in `maxBytes` (a PNG's size goes roughly with its area); undefined
 * when it fits already, or when it could fit only below MIN_SCREENSHOT_WIDTH
 * (it is then sent as it is, and the service says it was too large).
 */
export function smallerScreenshotWidth(width: number, bytes: number, maxBytes: number): number | undefined {
  if (bytes <= maxBytes) return undefined;
  // A tenth under the estimate: compression does not shrink exactly with the area.
  const next = Math.floor(width * Math.sqrt(maxBytes / bytes) * 0.9);
  return next >= MIN_SCREENSHOT_WIDTH && next < width ? next : undefined;
}
