import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

/**
 * The managed policy that locks down Debian's Chromium when it is the kiosk's
 * shell (kiosk-config/chromium-policy/). Chromium reads every JSON file in its
 * managed directory at start and applies it to every profile, whatever the
 * command line says; the directory belongs to root, so the kiosk's own user
 * cannot loosen it.
 */
export const POLICY_FILE_NAME = 'wurenlvsuo-kiosk.json';

/** Where Debian's `chromium` package looks for mandatory policies. */
export const DEFAULT_POLICY_DIR = '/etc/chromium/policies/managed';

/** The policy as shipped in this checkout. */
export const SHIPPED_POLICY_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'kiosk-config',
  'chromium-policy',
  POLICY_FILE_NAME,
);

export function installedPolicyPath(dir: string): string {
  return join(dir, POLICY_FILE_NAME);
}

export type InstalledPolicy =
  { state: 'missing' } | { state: 'unreadable'; detail: string } | { state: 'present'; text: string };

export function readInstalledPolicy(dir: string): InstalledPolicy {
  try {
    return { state: 'present', text: readFileSync(installedPolicyPath(dir), 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', detail: (error as Error).message };
  }
}

export type PolicyComparison = 'identical' | 'different' | 'missing' | 'unreadable' | 'invalid';

/**
 * Compares what Chromium will read with what we ship. Equal JSON counts as
 * identical (a re-indented copy locks the browser down just as well); a file
 * Chromium cannot parse is ignored by Chromium, so it is reported apart.
 */
export function comparePolicy(shippedText: string, installed: InstalledPolicy): PolicyComparison {
  if (installed.state !== 'present') return installed.state;
  let parsed: unknown;
  try {
    parsed = JSON.parse(installed.text);
  } catch {
    return 'invalid';
  }
  return isDeepStrictEqual(parsed, JSON.parse(shippedText)) ? 'identical' : 'different';
}

/**
 * Why the current user may not install the policy, or undefined for root.
 * `uid` is `process.getuid?.()`: undefined where there are no POSIX users.
 */
export function installRefusal(uid: number | undefined, dir: string): string | undefined {
  if (uid === undefined)
    return 'Chromium managed policies are installed this way only on Linux (Debian’s chromium package).';
  if (uid === 0) return undefined;
  return (
    `Installing the browser policy needs root (running as uid ${uid}): ${dir} must belong to root, ` +
    'so that the kiosk’s own user cannot loosen its browser’s lockdown. Run it with sudo: sudo npm run kioskctl -- shell install-policy'
  );
}

/**
 * Copies the policy into `dir` as root-owned, world-readable files (0644 in
 * a 0755 directory, created when missing) so Chromium running as the kiosk
 * user can read but not change it. The copy is written beside the target
 * and renamed over it, so Chromium never reads half a file.
 */
export function installPolicy(shippedText: string, dir: string): string {
  if (!existsSync(dir)) {
    const first = mkdirSync(dir, { recursive: true, mode: 0o755 });
    // mkdir's mode passes through the umask; set every directory we created explicitly.
    if (first !== undefined) {
      let created = first;
      chmodSync(created, 0o755);
      for (const part of relative(first, dir).split(sep).filter(Boolean)) {
        created = join(created, part);
        chmodSync(created, 0o755);
      }
    }
  }
  const target = installedPolicyPath(dir);
  const partial = join(dir, `.${POLICY_FILE_NAME}.${process.pid}.partial`);
  try {
    writeFileSync(partial, shippedText, { mode: 0o644 });
    chmodSync(partial, 0o644);
    chownSync(partial, 0, 0);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return target;
}
