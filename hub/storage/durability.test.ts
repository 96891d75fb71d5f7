import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, useTestStorage } from '../testing/test-storage';

const WRITER = join(import.meta.dirname, '..', 'testing', 'append-until-killed.ts');

describe.each(ENGINES)('an acknowledged write on %s', (engine) => {
  const t = useTestStorage(engine);

  it('survives the writer being killed with SIGKILL mid-way', async () => {
    // Killed somewhere between 100 and 300 acknowledged rows, so the kill
    // falls at a different point of a transaction each run.
    const killAfter = 100 + Math.floor(Math.random() * 200);
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
      env: { PATH: process.env['PATH'], ...t.env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) acknowledged.push(Number(line));
      if (acknowledged.length >= killAfter) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    expect(signal, stderr).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    const storage = await t.reopen();
    const stored = new Set(
      (await storage.db.selectFrom('audit_log').select('id').where('action', '=', 'test.durability').execute()).map(
        (r) => r.id,
      ),
    );
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);
});
