import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_FILE_NAME } from '../../service/lockdown/chromium-policy';
import { CHROMIUM_PATH, ROOT } from './harness';

/**
 * Chromium reads managed policies only from /etc/chromium/policies/managed,
 * and other tests on this machine run Chromium at the same time, so a probe
 * that needs a policy runs in a private mount namespace (`unshare -m`, root
 * only) where /etc/chromium is a temporary directory: nothing outside the
 * probe sees the policy.
 */
const UNSHARE = '/usr/bin/unshare';

/** Whether this machine can run a probe under a private policy. */
export const canRunUnderPolicy =
  process.getuid?.() === 0 &&
  existsSync(UNSHARE) &&
  existsSync('/etc/chromium') &&
  existsSync(CHROMIUM_PATH) &&
  spawnSync(UNSHARE, ['-m', '--propagation', 'private', 'true']).status === 0;

/** Runs `tests/e2e/<probe>` with `args` where `policy` is the only managed policy; returns the last line it printed, parsed. */
export function runUnderPolicy(
  work: string,
  policy: string,
  probe: string,
  args: string[],
  timeoutMs: number,
): Record<string, unknown> {
  const etc = mkdtempSync(join(work, 'etc-'));
  if (existsSync('/etc/chromium/master_preferences'))
    copyFileSync('/etc/chromium/master_preferences', join(etc, 'master_preferences'));
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  writeFileSync(join(etc, 'policies', 'managed', POLICY_FILE_NAME), policy);
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(
    UNSHARE,
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$1" /etc/chromium && shift && exec "$@"',
      'sh',
      etc,
      process.execPath,
      tsx,
      join(ROOT, 'tests', 'e2e', probe),
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs },
  );
  if (r.status !== 0) throw new Error(`${probe} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}
