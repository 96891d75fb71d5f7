import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_FILE_NAME, SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { CHROMIUM_PATH, ROOT } from './harness';

/**
 * The shipped managed policy in the real Chromium. Chromium reads policies
 * only from /etc/chromium/policies/managed, and other tests on this machine
 * run Chromium at the same time, so each run gets a private mount namespace
 * (`unshare -m`, root only) where /etc/chromium is a temporary directory:
 * nothing outside the probe sees the policy.
 */

// Not kiosk-chromium-…: the Chromium shell removes leftover profiles by that prefix.
const work = mkdtempSync(join(tmpdir(), 'policy-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const shipped = JSON.parse(readFileSync(SHIPPED_POLICY_FILE, 'utf8')) as Record<string, unknown>;

const UNSHARE = '/usr/bin/unshare';
const canRun =
  process.getuid?.() === 0 &&
  existsSync(UNSHARE) &&
  existsSync('/etc/chromium') &&
  existsSync(CHROMIUM_PATH) &&
  spawnSync(UNSHARE, ['-m', '--propagation', 'private', 'true']).status === 0;

function probe(mode: 'pages' | 'cdp', policy: Record<string, unknown>): Record<string, unknown> {
  const etc = mkdtempSync(join(work, 'etc-'));
  if (existsSync('/etc/chromium/master_preferences')) copyFileSync('/etc/chromium/master_preferences', join(etc, 'master_preferences'));
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  writeFileSync(join(etc, 'policies', 'managed', POLICY_FILE_NAME), JSON.stringify(policy));
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(
    UNSHARE,
    ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /etc/chromium && exec "$2" "$3" "$4" "$5"', 'sh', etc, process.execPath, tsx, join(ROOT, 'tests', 'e2e', 'chromium-policy-probe.ts'), mode],
    { cwd: ROOT, encoding: 'utf8', timeout: 50_000 },
  );
  if (r.status !== 0) throw new Error(`probe ${mode} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe.skipIf(!canRun)('the shipped policy in Chromium', () => {
  it('is accepted whole, and only the service on 127.0.0.1 loads', () => {
    // To read chrome://policy the probe must open it and drive the page: this copy allows both. The rest is as shipped.
    const readable = { ...shipped, URLAllowlist: [...(shipped['URLAllowlist'] as string[]), 'chrome://policy'], DeveloperToolsAvailability: 1 };
    const { statuses, loads } = probe('pages', readable) as { statuses: Record<string, string>; loads: Record<string, string> };
    const notOk = Object.keys(shipped).filter((name) => statuses[name] !== 'OK').map((name) => `${name}: ${statuses[name] ?? 'not shown'}`);
    expect(notOk).toEqual([]);
    expect(loads['own']).toBe('kiosk');
    // The service takes a new port each boot: every port of 127.0.0.1 is the kiosk's.
    expect(loads['otherPort']).toBe('other');
    // Each of these would show its page without the policy (127.0.0.2 is loopback too, and no network is needed).
    for (const blocked of ['localhost', 'otherAddress', 'data']) expect(loads[blocked], blocked).toBe('blocked');
  });

  it('keeps DevTools off even for a DevTools-protocol client on the pipe, which may still close pages', () => {
    expect(probe('cdp', shipped)).toEqual({ attach: 'Not allowed', closeTarget: 'closed' });
  });
});
