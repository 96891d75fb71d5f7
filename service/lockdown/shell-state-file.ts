import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHELL_STATE_FILE, ShellState } from '../../common/shell-state';

export function shellStatePath(dataDir: string): string {
  return join(dataDir, 'run', SHELL_STATE_FILE);
}

export type ShellStateRead =
  { state: 'missing' } | { state: 'invalid'; detail: string } | { state: 'present'; shell: ShellState };

/** What the running shell wrote about itself (`run/shell.json`), as doctor needs to tell the cases apart. */
export function readShellState(dataDir: string): ShellStateRead {
  let text: string;
  try {
    text = readFileSync(shellStatePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', detail: (error as Error).message };
  }
  try {
    const parsed = ShellState.safeParse(JSON.parse(text));
    if (parsed.success) return { state: 'present', shell: parsed.data };
    return {
      state: 'invalid',
      detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '),
    };
  } catch (error) {
    return { state: 'invalid', detail: (error as Error).message };
  }
}

/** Whether a process with this pid exists (a process of another user counts: we may just not signal it). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
