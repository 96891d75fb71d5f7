import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellState } from '../common/shell-state';
import { readShellStateFile, removeShellStateFile, shellStatePath, writeShellStateFile } from './shell-state-file';

const state: ShellState = {
  pid: 4242,
  shell: 'chromium',
  engine: '/usr/bin/chromium (Chrome/156.0.8078.129)',
  sandbox: true,
  runningAsRoot: false,
  startedAt: '2026-12-07T00:00:00.000Z',
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shell-state-'));
  dirs.push(d);
  return d;
}

describe('run/shell.json', () => {
  it('is written owner-only, even over a file and a folder that were readable by all', () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'run'), { mode: 0o755 });
    writeFileSync(shellStatePath(dir), '{}', { mode: 0o644 });
    writeShellStateFile(dir, state);
    expect(statSync(shellStatePath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'run')).mode & 0o777).toBe(0o700);
    expect(readShellStateFile(dir)).toEqual(state);
  });

  it('is removed by its own shell only', () => {
    const dir = dataDir();
    writeShellStateFile(dir, state);
    removeShellStateFile(dir, 1);
    expect(readShellStateFile(dir)).toEqual(state);
    removeShellStateFile(dir, state.pid);
    expect(readShellStateFile(dir)).toBeUndefined();
  });
});
