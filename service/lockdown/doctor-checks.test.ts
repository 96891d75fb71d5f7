import { describe, expect, it } from 'vitest';
import type { ShellState } from '../../common/shell-state';
import { browserPolicyCheck, runtimeCheck, serviceUserCheck, shellCheck } from './doctor-checks';

const DIR = '/etc/chromium/policies/managed';

describe('doctor: browser policy', () => {
  it('passes when the installed copy is identical', () => {
    expect(browserPolicyCheck({ comparison: 'identical', dir: DIR, chromiumShellRunning: true })).toEqual({
      name: 'browser policy',
      status: 'pass',
      detail: `${DIR}/wurenlvsuo-kiosk.json is installed and identical to the shipped policy`,
    });
  });

  it('fails a missing or different policy while Chromium is the shell, and warns otherwise', () => {
    const missing = browserPolicyCheck({ comparison: 'missing', dir: DIR, chromiumShellRunning: true });
    expect(missing.status).toBe('fail');
    expect(missing.detail).toContain('not installed');
    expect(missing.detail).toContain('sudo npm run kioskctl -- shell install-policy');
    expect(browserPolicyCheck({ comparison: 'missing', dir: DIR, chromiumShellRunning: false }).status).toBe('warn');
    const different = browserPolicyCheck({ comparison: 'different', dir: DIR, chromiumShellRunning: true });
    expect(different).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('installed but differs from the shipped policy'),
    });
    expect(browserPolicyCheck({ comparison: 'invalid', dir: DIR, chromiumShellRunning: false }).detail).toContain(
      'Chromium ignores it',
    );
  });
});

const chromium: ShellState = {
  pid: 4242,
  shell: 'chromium',
  engine: '/usr/bin/chromium',
  sandbox: true,
  runningAsRoot: false,
  policyFile: `${DIR}/wurenlvsuo-kiosk.json`,
  startedAt: '2026-12-07T08:00:00.000Z',
};
const alive = (pid: number) => pid === 4242;

describe('doctor: shell', () => {
  it('passes a sandboxed Chromium, not root, under the policy, and says so', () => {
    const c = shellCheck({ read: { state: 'present', shell: chromium }, alive, allowRoot: false });
    expect(c.status).toBe('pass');
    expect(c.detail).toContain('chromium (/usr/bin/chromium), pid 4242');
    expect(c.detail).toContain('sandbox on');
    expect(c.detail).toContain('not running as root');
    expect(c.detail).toContain(`managed policy ${DIR}/wurenlvsuo-kiosk.json`);
  });

  it('fails a shell without its sandbox or running as root, unless tests allow root', () => {
    const root = { ...chromium, sandbox: false, runningAsRoot: true };
    const c = shellCheck({ read: { state: 'present', shell: root }, alive, allowRoot: false });
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('sandbox OFF');
    expect(c.detail).toContain('running as ROOT');
    const tests = shellCheck({ read: { state: 'present', shell: root }, alive, allowRoot: true });
    expect(tests.status).toBe('warn');
    expect(tests.detail).toContain('KIOSK_ALLOW_ROOT=1');
    expect(
      shellCheck({ read: { state: 'present', shell: { ...chromium, sandbox: false } }, alive, allowRoot: false })
        .status,
    ).toBe('fail');
  });

  it('warns about Chromium with no policy in effect', () => {
    const { policyFile: _, ...noPolicy } = chromium;
    expect(shellCheck({ read: { state: 'present', shell: noPolicy }, alive, allowRoot: false })).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('no managed policy in effect'),
    });
    expect(
      shellCheck({
        read: { state: 'present', shell: { ...noPolicy, shell: 'electron', engine: 'Electron 45' } },
        alive,
        allowRoot: false,
      }).status,
    ).toBe('pass');
  });

  it('warns when no shell runs, or the file is left from a dead one', () => {
    expect(shellCheck({ read: { state: 'missing' }, alive, allowRoot: false })).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('no shell is running'),
    });
    expect(
      shellCheck({ read: { state: 'present', shell: { ...chromium, pid: 99 } }, alive, allowRoot: false }),
    ).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('pid 99, which is not running'),
    });
    expect(
      shellCheck({ read: { state: 'invalid', detail: 'sandbox: expected boolean' }, alive, allowRoot: false }).detail,
    ).toContain('sandbox: expected boolean');
  });
});

describe('doctor: runtime', () => {
  const today = new Date('2026-12-07T09:00:00Z');
  it('passes Node 24 and says until when', () => {
    expect(runtimeCheck({ version: 'v24.11.1', today })).toEqual({
      name: 'runtime',
      status: 'pass',
      detail: 'Node.js 24.11.1: its release line gets security fixes until 2028-04-30',
    });
  });
  it('fails Node 20, past its end of life', () => {
    const c = runtimeCheck({ version: 'v20.19.5', today });
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('reached end of life on 2026-04-30 and gets no security fixes');
  });
  it('warns within 90 days of the end', () => {
    expect(runtimeCheck({ version: 'v22.21.0', today: new Date('2027-03-01T00:00:00Z') })).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('(in 60 days)'),
    });
  });
});

describe('doctor: service user', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\nkiosk:x:1001:1001::/home/kiosk:/usr/sbin/nologin\n';
  const status = (uid: number) => `Name:\tnode\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`;
  it('passes an unprivileged service and names its user', () => {
    expect(serviceUserCheck({ pid: 77, procStatus: status(1001), passwd, allowRoot: false })).toEqual({
      name: 'service user',
      status: 'pass',
      detail: 'service pid 77 runs as kiosk (uid 1001), not root',
    });
  });
  it('fails a service running as root, a warning when tests allow it', () => {
    expect(serviceUserCheck({ pid: 77, procStatus: status(0), passwd, allowRoot: false })).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('runs as ROOT'),
    });
    expect(serviceUserCheck({ pid: 77, procStatus: status(0), passwd, allowRoot: true }).status).toBe('warn');
  });
  it('warns when there is nothing to look at', () => {
    expect(serviceUserCheck({ pid: undefined, procStatus: undefined, passwd, allowRoot: false }).status).toBe('warn');
    expect(serviceUserCheck({ pid: 77, procStatus: undefined, passwd, allowRoot: false }).detail).toContain(
      '/proc/77/status',
    );
  });
});
