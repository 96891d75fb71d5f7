import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileOwner } from '../../scripts/lib/chromium-profile';
import { LANDSCAPE, PORTRAIT, ROOT } from './harness';
import { pageReachedService, startShell, topLevelWindows, waitFor, type RunningShell } from './kiosk-shell';
import { startXvfb, type RunningXvfb } from './xvfb';

/**
 * `npm start` in production mode (not --headless) on a bare X server, as a
 * newcomer would run it: the window, what it leaves behind, and where the
 * boot secret may be found. Screenshots are kept under test-results/shell/.
 */

const SHOTS = join(ROOT, 'test-results', 'shell');

/** The Chromium shell's profile directories in the temp folder, by the pid of the shell that owns each. */
function profilesByOwner(): Map<string, number | undefined> {
  return new Map(readdirSync(tmpdir()).map((name) => [join(tmpdir(), name), profileOwner(name)]));
}

/** The --user-data-dir of every Chromium started, directly or not, by process `ancestor`. */
function chromiumProfiles(ancestor: number): string[] {
  const parent = new Map<number, number>();
  const args = new Map<number, string[]>();
  for (const pid of readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name: state, ppid.
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      args.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      // Gone meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === ancestor) return true;
    return false;
  };
  const dirs = new Set<string>();
  for (const [pid, argv] of args) {
    const arg = argv.find((a) => a.startsWith('--user-data-dir='));
    if (arg !== undefined && descends(pid)) dirs.add(arg.slice('--user-data-dir='.length));
  }
  return [...dirs];
}

function profileOf(pid: number): string | undefined {
  return [...profilesByOwner()].find(([, owner]) => owner === pid)?.[0];
}

/**
 * Stops npm start and waits for the shell itself to finish (it closes the
 * browser and removes its profile) before the X server goes: a browser that
 * loses its display dies where it stands, writing as it goes.
 */
async function stopShellThenX(shell: RunningShell | undefined, xvfb: RunningXvfb | undefined): Promise<void> {
  const pid = shell?.state()?.pid;
  await shell?.stop();
  if (pid !== undefined) await ended(pid);
  await xvfb?.stop();
}

/** Alive and not a zombie waiting for its parent. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits for a process to end (npm goes at once on SIGTERM; the shell finishes its cleanup first). */
async function ended(pid: number): Promise<void> {
  for (let i = 0; i < 120 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 250));
  if (isRunning(pid)) throw new Error(`process ${pid} is still running`);
}

describe.each([
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const)('npm start on a bare X server, %s', (orientation, screen) => {
  let xvfb: RunningXvfb;
  let dataDir: string;
  let shell: RunningShell;

  beforeAll(async () => {
    xvfb = await startXvfb(screen);
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-data-'));
    shell = startShell({ display: xvfb.display, dataDir });
    await waitFor(shell, 'API call from the kiosk page', () => pageReachedService(shell));
  });

  afterAll(async () => {
    await stopShellThenX(shell, xvfb);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills the whole screen with the kiosk, and nothing of the browser shows over it', async () => {
    // Whatever the browser would put up (a translate offer, an infobar, a
    // bubble) comes shortly after the page loads; give it that moment.
    await new Promise((r) => setTimeout(r, 3000));
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('import', ['-display', xvfb.display, '-window', 'root', join(SHOTS, `npm-start-${orientation}.png`)]);

    const shown = topLevelWindows(xvfb.display).filter(
      (w) => w.viewable && w.width > 1 && w.height > 1 && w.x + w.width > 0 && w.y + w.height > 0,
    );
    const kiosk = shown.filter((w) => w.name.includes('互联网·无人律所'));
    expect(kiosk, `${JSON.stringify(shown)}\n${shell.stderr()}`).toHaveLength(1);
    const win = kiosk[0]!;
    // The whole screen is covered: Chromium's X11 code will not make a window
    // exactly a monitor's size, so the shell makes it one pixel larger.
    expect(win.x).toBe(0);
    expect(win.y).toBe(0);
    expect(win.width - screen.width).toBeGreaterThanOrEqual(0);
    expect(win.width - screen.width).toBeLessThanOrEqual(1);
    expect(win.height - screen.height).toBeGreaterThanOrEqual(0);
    expect(win.height - screen.height).toBeLessThanOrEqual(1);
    // Any other window big enough to see (a bubble, an infobar window, a second browser window) would be browser UI over the kiosk.
    const others = shown.filter((w) => w !== win && w.width > 10 && w.height > 10);
    expect(others).toEqual([]);
  });

  it('says in run/shell.json, owner-only, what it runs in', () => {
    const state = shell.state();
    expect(state, shell.stderr()).toBeDefined();
    expect(state).toMatchObject({
      shell: 'chromium',
      sandbox: process.getuid?.() !== 0,
      runningAsRoot: process.getuid?.() === 0,
    });
    expect(state?.engine).toMatch(/chromium.*Chrome\/\d+/i);
    expect(statSync(join(dataDir, 'run', 'shell.json')).mode & 0o777).toBe(0o600);
  });
});

describe('the boot secret after a production start', () => {
  let xvfb: RunningXvfb;
  let dataDir: string;
  let shell: RunningShell;
  let secret: string;

  beforeAll(async () => {
    xvfb = await startXvfb(PORTRAIT);
    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-data-'));
    shell = startShell({ display: xvfb.display, dataDir });
    await waitFor(shell, 'API call from the kiosk page', () => pageReachedService(shell));
    // Learnt as the kiosk's own user (here root) from the service's runtime file.
    secret = (JSON.parse(readFileSync(join(dataDir, 'run', 'service.json'), 'utf8')) as { secret: string }).secret;
    expect(secret.length).toBeGreaterThan(20);
  });

  afterAll(async () => {
    await stopShellThenX(shell, xvfb);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is in no process’s argv', () => {
    const withSecret: string[] = [];
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmdline.includes(secret))
        withSecret.push(`${pid}: ${cmdline.replaceAll('\0', ' ').replace(secret, '<secret>')}`);
    }
    expect(withSecret).toEqual([]);
  });

  it('is in no line the service or the shell printed', () => {
    expect(shell.stdout()).not.toContain(secret);
    expect(shell.stderr()).not.toContain(secret);
    expect(shell.stdout()).not.toMatch(/^KIOSK_URL=/m);
  });

  it('is in no file another user can read, and not in the browser’s profile', () => {
    // Another user: nobody, searching everywhere the kiosk or its browser could write.
    const places = ['/tmp', '/var/tmp', '/dev/shm', '/run', ROOT, dataDir].filter((p) => existsSync(p));
    const asNobody = spawnSync(
      'runuser',
      ['-u', 'nobody', '--', 'grep', '-rlF', '--no-messages', '--', secret, ...places],
      { encoding: 'utf8' },
    );
    expect(asNobody.error).toBeUndefined();
    expect(asNobody.stdout.trim()).toBe('');
    // The browser's own history and session files, even though only the owner can read them.
    // Whichever profile the browser runs on, wherever it is.
    const profile = chromiumProfiles(shell.child.pid!)[0];
    expect(profile).toBeDefined();
    expect(statSync(profile!).mode & 0o777).toBe(0o700);
    const inProfile = spawnSync('grep', ['-rlF', '--', secret, profile!], { encoding: 'utf8' });
    expect(inProfile.stdout.trim()).toBe('');
  });
});

describe('the throw-away profile and run/shell.json', () => {
  let xvfb: RunningXvfb;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    xvfb = await startXvfb(LANDSCAPE);
  });
  afterAll(async () => {
    await xvfb?.stop();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  });

  it('are removed on a normal stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-data-'));
    dataDirs.push(dataDir);
    const shell = startShell({ display: xvfb.display, dataDir });
    let state;
    let profile;
    try {
      state = await waitFor(shell, 'run/shell.json', () => shell.state());
      profile = profileOf(state.pid);
    } finally {
      await shell.stop();
    }
    await ended(state.pid);
    expect(profile).toBeDefined();
    expect(existsSync(profile!)).toBe(false);
    expect(existsSync(join(dataDir, 'run', 'shell.json'))).toBe(false);
  });

  it('left by a shell killed with SIGKILL is removed at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-data-'));
    dataDirs.push(dataDir);
    const first = startShell({ display: xvfb.display, dataDir });
    const { pid } = await waitFor(first, 'run/shell.json', () => first.state()).catch(async (error: unknown) => {
      await first.stop();
      throw error;
    });
    const leftover = profileOf(pid)!;
    expect(leftover).toBeDefined();
    process.kill(pid, 'SIGKILL');
    // The rest of the tree (npm, the service) goes as a stop would take it.
    await first.stop();
    await ended(pid);
    expect(existsSync(leftover)).toBe(true);

    const second = startShell({ display: xvfb.display, dataDir });
    try {
      const next = await waitFor(second, 'run/shell.json of the second start', () => {
        const s = second.state();
        return s !== undefined && s.pid !== pid ? s : undefined;
      });
      expect(existsSync(leftover)).toBe(false);
      expect(second.stderr()).toContain(`removed a browser profile left by an earlier start (${leftover})`);
      expect(profileOf(next.pid)).toBeDefined();
    } finally {
      const s = second.state();
      await second.stop();
      if (s !== undefined) await ended(s.pid);
    }
  });
});

describe.runIf(process.getuid?.() === 0)('npm start as root', () => {
  it('refuses to open a window, with the reason, unless KIOSK_ALLOW_ROOT=1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-data-'));
    const shell = startShell({ display: ':99999', dataDir, env: { KIOSK_ALLOW_ROOT: '' } });
    try {
      const code = await Promise.race([shell.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
      expect(code).toBe(77);
      expect(shell.stderr()).toMatch(/refuses to run as root.*sandbox.*KIOSK_ALLOW_ROOT=1/s);
      expect(existsSync(join(dataDir, 'run', 'service.json'))).toBe(false);
    } finally {
      await shell.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
