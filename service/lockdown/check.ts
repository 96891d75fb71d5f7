/** One line of `kioskctl doctor`: what was looked at, how it stands, and what a technician should know or do. */
export interface Check {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

/**
 * Tests and CI containers run everything as root; the shells allow it only
 * with this variable set (and then run Chromium without its sandbox). Doctor
 * honours the same switch: root and no sandbox are still reported, as a
 * warning instead of a failure.
 */
export function rootAllowedForTests(env: NodeJS.ProcessEnv): boolean {
  return env['KIOSK_ALLOW_ROOT'] === '1';
}
