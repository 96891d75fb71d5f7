import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOwnerOnlyFile, writeOwnerOnlyFile } from './owner-only-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'owner-only-'));
  dirs.push(dir);
  return dir;
}

describe('owner-only files', () => {
  it('replaces a file in one step, 0600, and leaves no temporary behind', () => {
    const dir = freshDir();
    const file = join(dir, 'secret');
    writeOwnerOnlyFile(file, 'one');
    writeOwnerOnlyFile(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secret']);
  });

  it('creates a file only when there is none, and keeps the first one', () => {
    const dir = freshDir();
    const file = join(dir, 'key.pem');
    expect(createOwnerOnlyFile(file, 'first')).toBe(true);
    expect(createOwnerOnlyFile(file, 'second')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['key.pem']);
  });

  it('lets exactly one of several processes starting at once make the file, and all then read that one', async () => {
    const dir = freshDir();
    const file = join(dir, 'key.pem');
    const module = join(import.meta.dirname, 'owner-only-file.ts');
    // Each process spins until the same moment, so their attempts overlap.
    const at = Date.now() + 1_500;
    const script = `
      const { createOwnerOnlyFile } = await import(${JSON.stringify(module)});
      const { readFileSync } = await import('node:fs');
      while (Date.now() < ${at});
      const made = createOwnerOnlyFile(${JSON.stringify(file)}, 'key of ' + process.pid);
      console.log(JSON.stringify({ made, read: readFileSync(${JSON.stringify(file)}, 'utf8') }));`;
    const runs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<{ made: boolean; read: string }>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
            let out = '';
            let err = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.on('close', (code) =>
              code === 0 ? resolve(JSON.parse(out) as { made: boolean; read: string }) : reject(new Error(err)),
            );
          }),
      ),
    );
    expect(runs.filter((r) => r.made)).toHaveLength(1);
    const winner = readFileSync(file, 'utf8');
    expect(runs.map((r) => r.read)).toEqual([winner, winner, winner, winner]);
    expect(readdirSync(dir)).toEqual(['key.pem']);
  });
});
