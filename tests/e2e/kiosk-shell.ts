import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShellState } from '../../common/shell-state';
import { ROOT } from './harness';

/**
 * `npm start` as a newcomer runs it on a desktop — production mode, a window
 * on the given X display — with the data directory the test chooses. The
 * process runs in its own group, so the whole tree can be stopped together.
 */
export interface RunningShell {
  child: ChildProcess;
  /** Everything `npm start` printed so far, stdout and stderr. */
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** run/shell.json once the window is up (and the page has the secret). */
  state(): ShellState | undefined;
  /** SIGTERM to the group, as Ctrl+C or systemd would; resolves with npm's exit code. */
  stop(): Promise<number | null>;
}

export function startShell(opts: { display: string; dataDir: string; env?: NodeJS.ProcessEnv }): RunningShell {
  // The kiosk alone: the shell is what is tested, and no demo hub data directory is left beside the temporary one.
  const child = spawn('npm', ['start', '--', '--no-hub', '--data-dir', opts.dataDir], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: opts.display, KIOSK_ALLOW_ROOT: '1', ...opts.env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    state() {
      try {
        return ShellState.parse(JSON.parse(readFileSync(join(opts.dataDir, 'run', 'shell.json'), 'utf8')));
      } catch {
        return undefined;
      }
    },
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      return exited;
    },
  };
}

/** Polls `check` until it returns something, or fails with what the shell said. */
export async function waitFor<T>(
  shell: RunningShell,
  what: string,
  check: () => T | undefined,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let exitCode: number | null | undefined;
  void shell.exited.then((c) => (exitCode = c));
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before ${what}:\n${shell.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no ${what}:\n${shell.stderr()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The kiosk's UI is up in the window: it has called the service's API with the secret and been answered. */
export function pageReachedService(shell: RunningShell): true | undefined {
  return /"msg":"api request"/.test(shell.stdout()) && /"status":200/.test(shell.stdout()) ? true : undefined;
}

export interface XWindow {
  id: string;
  name: string;
  width: number;
  height: number;
  x: number;
  y: number;
  viewable: boolean;
}

/** The top-level windows on the display, as `xwininfo` reports them. */
export function topLevelWindows(display: string): XWindow[] {
  const tree = execFileSync('xwininfo', ['-display', display, '-root', '-children'], { encoding: 'utf8' });
  const windows: XWindow[] = [];
  for (const m of tree.matchAll(/^\s+(0x[0-9a-f]+) (.*?):? \(.*?\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)/gm)) {
    const info = execFileSync('xwininfo', ['-display', display, '-id', m[1]!], { encoding: 'utf8' });
    windows.push({
      id: m[1]!,
      name: m[2]!,
      width: Number(m[3]),
      height: Number(m[4]),
      x: Number(m[5]),
      y: Number(m[6]),
      viewable: /Map State: IsViewable/.test(info),
    });
  }
  return windows;
}
