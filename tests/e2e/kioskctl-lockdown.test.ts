import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShellState } from '../../common/shell-state';
import { SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { ROOT, startKiosk } from './harness';

/**
 * The terminal's lockdown as a technician sees it: `kioskctl shell
 * install-policy` and the lockdown lines of `kioskctl doctor`, run as the
 * technician runs them (`npm run kioskctl -- …`) against the real service.
 */

const work = mkdtempSync(join(tmpdir(), 'kiosk-lockdown-e2e-'));
// World-traversable, so the unprivileged user of the refusal test can reach its directory.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

interface Check {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

function kioskctl(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Without KIOSK_ALLOW_ROOT unless a test sets it: doctor judges as on a terminal.
    const { KIOSK_ALLOW_ROOT: _, ...base } = process.env;
    const child = spawn('npm', ['run', '-s', 'kioskctl', '--', ...args], {
      cwd: ROOT,
      env: { ...base, KIOSK_CONFIG: '', KIOSK_DATA_DIR: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('kioskctl shell install-policy', () => {
  it.skipIf(!isRoot)(
    'installs the shipped policy root-owned 0644 in a 0755 directory, and --check compares it',
    async () => {
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
      writeFileSync(
        file,
        JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), DeveloperToolsAvailability: 1 }),
      );
      const changed = await kioskctl(['shell', 'install-policy', '--dir', dir, '--check']);
      expect(changed.status).toBe(1);
      expect(changed.stderr).toContain('differs from the shipped policy');
    },
  );

  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));
  it.skipIf(!isRoot || runuser === undefined)('refuses an unprivileged user, saying why, and writes nothing', () => {
    // A directory the unprivileged user could write to: only the refusal keeps it from installing.
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const target = join(open, 'managed');
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const r = spawnSync(
      runuser!,
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        tsx,
        'service/cli/kioskctl.ts',
        'shell',
        'install-policy',
        '--dir',
        target,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: open },
      },
    );
    expect(r.stderr).toContain('Installing the browser policy needs root (running as uid');
    expect(r.stderr).toContain('sudo npm run kioskctl -- shell install-policy');
    expect(r.status).toBe(77);
    expect(existsSync(target)).toBe(false);
  });
});

describe('kioskctl doctor on the lockdown', () => {
  it('reports the service user, the shell from run/shell.json, the browser policy and the runtime, in text and JSON', async () => {
    const dataDir = join(work, 'data');
    const policyDir = join(work, 'doctor-policy');
    mkdirSync(policyDir);
    writeFileSync(join(policyDir, 'wurenlvsuo-kiosk.json'), readFileSync(SHIPPED_POLICY_FILE));
    const kiosk = await startKiosk({ dataDir });
    try {
      // A Chromium shell as a careless install would run it: as root, without its sandbox. This test's own
      // process stands in for the shell, so the pid is alive.
      const shell: ShellState = {
        pid: process.pid,
        shell: 'chromium',
        engine: '/usr/bin/chromium',
        sandbox: false,
        runningAsRoot: true,
        policyFile: join(policyDir, 'wurenlvsuo-kiosk.json'),
        startedAt: new Date().toISOString(),
      };
      writeFileSync(join(dataDir, 'run', 'shell.json'), JSON.stringify(shell), { mode: 0o600 });

      const json = await kioskctl(['doctor', '--data-dir', dataDir, '--policy-dir', policyDir, '--json']);
      const checks = JSON.parse(json.stdout) as Check[];
      const byName = (name: string) => checks.find((c) => c.name === name);
      expect(byName('shell')).toMatchObject({ status: 'fail', detail: expect.stringContaining('sandbox OFF') });
      expect(byName('shell')?.detail).toContain('running as ROOT');
      expect(byName('shell')?.detail).toContain(`chromium (/usr/bin/chromium), pid ${process.pid}`);
      expect(byName('browser policy')).toMatchObject({
        status: 'pass',
        detail: expect.stringContaining('identical to the shipped policy'),
      });
      expect(byName('runtime')).toMatchObject({
        status: 'pass',
        detail: expect.stringMatching(/^Node\.js 24\.\d+\.\d+: its release line gets security fixes until 2028-04-30/),
      });
      expect(byName('service user')).toMatchObject(
        isRoot
          ? { status: 'fail', detail: expect.stringContaining(`service pid ${kiosk.child.pid} runs as ROOT`) }
          : { status: 'pass', detail: expect.stringContaining(`service pid ${kiosk.child.pid} runs as`) },
      );
      expect(json.status).toBe(1);

      const text = await kioskctl(['doctor', '--data-dir', dataDir, '--policy-dir', policyDir]);
      expect(text.stdout).toMatch(/^\[FAIL\] shell: chromium .*sandbox OFF/m);
      expect(text.stdout).toMatch(/^\[ok {2}\] browser policy: .* is installed and identical to the shipped policy$/m);
      expect(text.stdout).toMatch(/^\[ok {2}\] runtime: Node\.js 24\./m);
      expect(text.stdout).toMatch(/^\[(FAIL|ok {2})\] service user: service pid \d+ runs as /m);

      // The same shell with its sandbox, not root; the policy loosened by hand; root allowed as in tests.
      writeFileSync(
        join(dataDir, 'run', 'shell.json'),
        JSON.stringify({ ...shell, sandbox: true, runningAsRoot: false }),
      );
      writeFileSync(join(policyDir, 'wurenlvsuo-kiosk.json'), '{"DeveloperToolsAvailability": 1}');
      const allowed = JSON.parse(
        (
          await kioskctl(['doctor', '--data-dir', dataDir, '--policy-dir', policyDir, '--json'], {
            KIOSK_ALLOW_ROOT: '1',
          })
        ).stdout,
      ) as Check[];
      expect(allowed.find((c) => c.name === 'shell')).toMatchObject({
        status: 'pass',
        detail: expect.stringContaining('sandbox on; not running as root'),
      });
      expect(allowed.find((c) => c.name === 'browser policy')).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('differs from the shipped policy'),
      });
      if (isRoot)
        expect(allowed.find((c) => c.name === 'service user')).toMatchObject({
          status: 'warn',
          detail: expect.stringContaining('KIOSK_ALLOW_ROOT=1'),
        });
    } finally {
      await kiosk.stop();
    }
  });
});

describe('the service started as root', () => {
  it.skipIf(!isRoot)('says so once in its log, without the secret', async () => {
    const kiosk = await startKiosk();
    try {
      const warnings = kiosk.stdout.filter((l) => l.includes('"level":"warn"') && l.includes('running as root'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).not.toContain(kiosk.secret);
    } finally {
      await kiosk.stop();
    }
  });
});
