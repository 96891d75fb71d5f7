/**
 * A kiosk shell never runs as root: the browser's sandbox cannot work as
 * root, and a page that escaped the renderer would own the machine. Tests
 * and CI containers, which often are root, say so with KIOSK_ALLOW_ROOT=1;
 * the browser then runs without its sandbox, and the shell reports that
 * (run/shell.json, kioskctl doctor).
 */

export const ALLOW_ROOT_ENV = 'KIOSK_ALLOW_ROOT';

/** Exit status of a shell that refused to start as root (EX_NOPERM in sysexits.h). */
export const EXIT_REFUSED_ROOT = 77;

export type RootDecision = { run: true; sandbox: boolean } | { run: false; reason: string };

export function decideRoot(uid: number | undefined, env: Readonly<Record<string, string | undefined>>): RootDecision {
  if (uid !== 0) return { run: true, sandbox: true };
  if (env[ALLOW_ROOT_ENV] === '1') return { run: true, sandbox: false };
  return {
    run: false,
    reason:
      'the kiosk shell refuses to run as root: the browser sandbox cannot work as root, and a page that escaped it would own the machine. ' +
      `Run it as an unprivileged user (e.g. a "kiosk" account in the dialout group); tests and CI containers may set ${ALLOW_ROOT_ENV}=1, which turns the sandbox off.`,
  };
}
