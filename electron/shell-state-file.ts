import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SHELL_STATE_FILE, ShellState } from '../common/shell-state';

/**
 * `run/shell.json` in the data directory: what the running shell says about
 * its lockdown (common/shell-state.ts), read by `kioskctl doctor`. Written by
 * both shells (Electron, and the Chromium shell of `npm start`). Modes are set
 * explicitly rather than trusted to the umask: a file that already existed
 * keeps its old mode through a plain write.
 */

export function shellStatePath(dataDir: string): string {
  return path.join(dataDir, 'run', SHELL_STATE_FILE);
}

export function writeShellStateFile(dataDir: string, state: ShellState): void {
  const dir = path.join(dataDir, 'run');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = shellStatePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(ShellState.parse(state), null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  // A reader never sees half a file.
  renameSync(tmp, file);
}

export function readShellStateFile(dataDir: string): ShellState | undefined {
  try {
    return ShellState.parse(JSON.parse(readFileSync(shellStatePath(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Removes the file only if it is still this shell's (a newer shell may have replaced it). */
export function removeShellStateFile(dataDir: string, pid: number): void {
  if (readShellStateFile(dataDir)?.pid === pid) rmSync(shellStatePath(dataDir), { force: true });
}
