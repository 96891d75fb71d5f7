import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir';
import { readRuntimeFile, runtimeFilePath, writeRuntimeFile } from './runtime-file';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-data-dir-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (p: string): number => statSync(p).mode & 0o7777;

describe('the data directory', () => {
  it('is made owner-only when it existed with an open mode', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(prepareDataDir(dir)).toEqual({ ok: true, value: undefined });
    expect(mode(dir)).toBe(0o700);
  });

  it('is created owner-only', () => {
    const dir = join(tempDir(), 'new', 'data');
    expect(prepareDataDir(dir)).toEqual({ ok: true, value: undefined });
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a shared directory (sticky bit, like /tmp) instead of locking it down', () => {
    const dir = join(tempDir(), 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o1777);
    expect(prepareDataDir(dir)).toMatchObject({
      ok: false,
      error: { reason: 'data-dir-not-writable', detail: expect.stringContaining('shared directory') },
    });
    expect(mode(dir)).toBe(0o1777);
  });
});

describe('run/service.json', () => {
  const info = {
    pid: 1,
    port: 2,
    secret: 's3cret',
    technicianToken: 't0ken',
    version: 'v',
    configPath: '/c.json',
    startedAt: 'now',
  };

  it('is written owner-only over a file and directory that were open to others', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'run'), { mode: 0o755 });
    chmodSync(join(dir, 'run'), 0o755);
    writeRuntimeFile(dir, { ...info, secret: 'old' });
    chmodSync(runtimeFilePath(dir), 0o644);
    writeRuntimeFile(dir, info);
    expect(mode(join(dir, 'run'))).toBe(0o700);
    expect(mode(runtimeFilePath(dir))).toBe(0o600);
    expect(readRuntimeFile(dir)).toEqual(info);
  });
});
