import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { ROOT } from './harness';

/**
 * The terminal's lockdown as a technician sees it: `kioskctl shell
 * install-policy`, run as the technician runs it (`npm run kioskctl -- …`).
 */

const work = mkdtempSync(join(tmpdir(), 'kiosk-lockdown-e2e-'));
// World-traversable, so the unprivileged user of the refusal test can reach its directory.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

function kioskctl(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Without KIOSK_ALLOW_ROOT unless a test sets it: doctor judges as on a terminal.
    const { KIOSK_ALLOW_ROOT: _, ...base } = process.env;
    const child = spawn('npm', ['run', '-s', 'kioskctl', '--', ...args], { cwd: ROOT, env: { ...base, KIOSK_CONFIG: '', KIOSK_DATA_DIR: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('kioskctl shell install-policy', () => {
  it.skipIf(!isRoot)('installs the shipped policy root-owned 0644 in a 0755 directory, and --check compares it', async () => {
    const dir = join(work, 'policies', 'managed');
    const before = await kioskctl(['shell', 'install-policy', '--dir', dir, '--check']);
    expect(before.status).toBe(1);
    expect(before.stderr).toContain('is not installed');

    const install = await kioskctl(['shell', 'install-policy', '--dir', dir]);
    expect(install.stderr).toBe('');
    expect(install.status).toBe(0);
    const file = join(dir, 'wurenlvsuo-kiosk.json');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SHIPPED_POLICY_FILE, 'utf8'));
    const st = statSync(file);
    expect([(st.mode & 0o777).toString(8), st.uid, st.gid]).toEqual(['644', 0, 0]);
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('755');
    expect((await kioskctl(['shell', 'install-policy', '--dir', dir, '--check'])).status).toBe(0);

    // Someone loosened it by hand.
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), DeveloperToolsAvailability: 1 }));
    const changed = await kioskctl(['shell', 'install-policy', '--dir', dir, '--check']);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain('differs from the shipped policy');
  });

  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));
  it.skipIf(!isRoot || runuser === undefined)('refuses an unprivileged user, saying why, and writes nothing', () => {
    // A directory the unprivileged user could write to: only the refusal keeps it from installing.
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const target = join(open, 'managed');
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const r = spawnSync(runuser!, ['-u', 'nobody', '--', process.execPath, tsx, 'service/cli/kioskctl.ts', 'shell', 'install-policy', '--dir', target], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: open },
    });
    expect(r.stderr).toContain('Installing the browser policy needs root (running as uid');
    expect(r.stderr).toContain('sudo npm run kioskctl -- shell install-policy');
    expect(r.status).toBe(77);
    expect(existsSync(target)).toBe(false);
  });
});
