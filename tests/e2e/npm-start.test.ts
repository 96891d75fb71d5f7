import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Health } from '../../common/api/health';
import { ROOT } from './harness';

describe('npm start -- --headless', () => {
  it('prints KIOSK_URL once the service is ready, keeps serving, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
    // Own process group, so the whole tree (npm → tsx → service) can be stopped together.
    // The kiosk alone: npm-start-hub.test.ts covers the demo hub beside it.
    const child = spawn('npm', ['start', '--', '--headless', '--no-hub', '--data-dir', dataDir], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^KIOSK_URL=(\S+)$/m.exec(out);
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${err}`)));
        setTimeout(() => reject(new Error(`no KIOSK_URL within 20 s:\n${err}`)), 20_000);
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=/);
      const { origin, hash } = new URL(url);
      const res = await fetch(`${origin}/api/health`, {
        headers: { authorization: `Bearer ${new URLSearchParams(hash.slice(1)).get('secret')}` },
      });
      expect(Health.parse(await res.json()).configName).toBe('demo.json');
      expect((await fetch(`${origin}/`)).status).toBe(200);
      expect(out.match(/^KIOSK_URL=/gm)).toHaveLength(1);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
