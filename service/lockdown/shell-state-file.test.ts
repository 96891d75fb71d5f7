import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPidAlive, readShellState } from './shell-state-file';

const work = mkdtempSync(join(tmpdir(), 'kiosk-shell-state-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function dataDirWith(text: string | undefined): string {
  const dir = mkdtempSync(join(work, 'data-'));
  if (text !== undefined) {
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'shell.json'), text);
  }
  return dir;
}

describe('reading run/shell.json', () => {
  it('reads what the shell wrote', () => {
    const shell = {
      pid: 12,
      shell: 'chromium',
      engine: '/usr/bin/chromium',
      sandbox: true,
      runningAsRoot: false,
      startedAt: '2026-12-07T08:00:00Z',
    };
    expect(readShellState(dataDirWith(JSON.stringify(shell)))).toEqual({ state: 'present', shell });
  });

  it('tells a missing file from a broken one, naming the wrong field', () => {
    expect(readShellState(dataDirWith(undefined))).toEqual({ state: 'missing' });
    expect(readShellState(dataDirWith('{"pid": 12'))).toMatchObject({ state: 'invalid' });
    expect(readShellState(dataDirWith('{"pid": 12, "shell": "chromium"}'))).toMatchObject({
      state: 'invalid',
      detail: expect.stringContaining('sandbox'),
    });
  });
});

describe('whether a pid is alive', () => {
  it('is true for this process and false for one that has exited', () => {
    expect(isPidAlive(process.pid)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(isPidAlive(exited)).toBe(false);
  });
});
