/** One line of `kioskctl doctor` (the hub's hubctl prints the same kind). */
export type { Check } from '../../server-kit/cli/checks';

/**
 * Tests and CI containers run everything as root; the shells allow it only
 * with this variable set (and then run Chromium without its sandbox). Doctor
 * honours the same switch: root and no sandbox are still reported, as a
 * warning instead of a failure.
 */
export function rootAllowedForTests(env: NodeJS.ProcessEnv): boolean {
  return env['KIOSK_ALLOW_ROOT'] === '1';
}
