import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRuntimeFile, type RuntimeInfo } from '../runtime-file';
import { noteUncleanExit, readLastCrash } from './last-crash';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const runFile = (pid: number): RuntimeInfo => ({
  pid,
  port: 8737,
  secret: 's',
  technicianToken: 't',
  version: '0.1.0',
  configPath: '/etc/kiosk.json',
  startedAt: '2026-03-02T01:00:00.000Z',
});

describe('the kiosk’s last crash', () => {
  it('is noted when an earlier run’s file is left and its process is gone, and read back for the hub', () => {
    const dir = mkdtempSync(join(tmpdir(), 'last-crash-'));
    dirs.push(dir);
    expect(readLastCrash(dir)).toBeNull();
    // A process that has ended: its pid is free now.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeRuntimeFile(dir, runFile(gone));
    const now = new Date('2026-03-02T02:00:00Z');
    const note = noteUncleanExit(dir, now);
    expect(note).toEqual({
      at: '2026-03-02T02:00:00.000Z',
      reason:
        'the run started 2026-03-02T01:00:00.000Z (version 0.1.0) ended without shutting down: killed, crashed or the power went',
    });
    expect(readLastCrash(dir)).toEqual(note);
    expect(statSync(join(dir, 'run', 'last-crash.json')).mode & 0o777).toBe(0o600);
  });

  it('is not noted after a clean stop (no run file), nor while the earlier run is still alive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'last-crash-'));
    dirs.push(dir);
    expect(noteUncleanExit(dir, new Date())).toBeUndefined();
    writeRuntimeFile(dir, runFile(process.ppid));
    expect(noteUncleanExit(dir, new Date())).toBeUndefined();
    writeRuntimeFile(dir, runFile(process.pid));
    expect(noteUncleanExit(dir, new Date())).toBeUndefined();
    expect(readLastCrash(dir)).toBeNull();
  });
});
