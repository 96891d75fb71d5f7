import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_FILE_NAME, SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { CHROMIUM_PATH, PORTRAIT, ROOT } from './harness';

/**
 * The Chromium shell under the kiosk's shipped policy, as on a terminal where
 * a technician ran `kioskctl shell install-policy`: DevTools are off, so the
 * shell may not attach to its page, yet the page must get its secret (as a
 * cookie), reach the service, stay the only window, fill the screen, and
 * follow the service when it restarts. Chromium reads policies only from
 * /etc/chromium, so the probe runs in a private mount namespace (root only).
 */

const work = mkdtempSync(join(tmpdir(), 'shell-policy-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const UNSHARE = '/usr/bin/unshare';
const canRun =
  process.getuid?.() === 0 &&
  existsSync(UNSHARE) &&
  existsSync('/etc/chromium') &&
  existsSync(CHROMIUM_PATH) &&
  spawnSync(UNSHARE, ['-m', '--propagation', 'private', 'true']).status === 0;

function runProbe(): Record<string, unknown> {
  const etc = mkdtempSync(join(work, 'etc-'));
  if (existsSync('/etc/chromium/master_preferences')) copyFileSync('/etc/chromium/master_preferences', join(etc, 'master_preferences'));
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  writeFileSync(join(etc, 'policies', 'managed', POLICY_FILE_NAME), readFileSync(SHIPPED_POLICY_FILE));
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(
    UNSHARE,
    ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /etc/chromium && exec "$2" "$3" "$4"', 'sh', etc, process.execPath, tsx, join(ROOT, 'tests', 'e2e', 'chromium-shell-policy-probe.ts')],
    { cwd: ROOT, encoding: 'utf8', timeout: 110_000 },
  );
  if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe.skipIf(!canRun)('the Chromium shell under the kiosk’s policy (DevTools off)', () => {
  it('hands over the secret, keeps one window on the service, fills the screen and follows a restart', { timeout: 120_000 }, () => {
    const seen = runProbe();
    expect(seen['error']).toBeUndefined();
    // The policy is in effect: no client may attach to the page.
    expect(seen['attached']).toBe(false);
    // The page fetched its slides with the cookie, and nothing it asked for was refused.
    expect(seen['reached']).toBe(true);
    expect(seen['refused']).toBe(0);
    const origins = (key: string) => new Set(seen[key] as string[]);
    expect(origins('pages').size).toBe(1);
    expect(origins('pagesAfterNewWindow')).toEqual(origins('pages'));
    const bounds = seen['bounds'] as { left: number; top: number; width: number; height: number };
    expect([bounds.left, bounds.top]).toEqual([0, 0]);
    expect(bounds.width).toBeGreaterThanOrEqual(PORTRAIT.width);
    expect(bounds.height).toBeGreaterThanOrEqual(PORTRAIT.height);
    expect(seen['reachedAfterRestart']).toBe(true);
    expect(seen['refusedAfterRestart']).toBe(0);
    expect(origins('pagesAfterRestart').size).toBe(1);
    expect(origins('pagesAfterRestart')).not.toEqual(origins('pages'));
    // The window opened elsewhere never reached its server.
    expect(seen['elsewhereHits']).toEqual([]);
  });
});
