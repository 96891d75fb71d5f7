import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_GIVE_UP_AFTER } from '../../electron/restart-policy';
import { ROOT } from './harness';

describe('npm start -- --headless, on a service that fails at start each time', () => {
  it('stops restarting it after a few tries, says why, and exits non-zero', { timeout: 180_000 }, async () => {
    // Another program holds the port the configuration asks for: the service
    // exits at once, the same way, every time it is started.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-gives-up-'));
    // Own process group, so the whole tree (npm → tsx → service) can be stopped if it does not stop by itself.
    // The kiosk alone (--no-hub): what is tested is npm start giving up on the service.
    const child = spawn(
      'npm',
      ['start', '--', '--headless', '--no-hub', '--data-dir', dataDir, '--port', String(port)],
      {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Far longer than giving up takes; a loop that never ends fails here instead of hanging the suite.
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 150_000)),
      ]);
      const restarts = err.match(/^\[start\] service stopped .*; restarting in /gm) ?? [];
      expect(code, `npm start is still restarting the service:\n${err.slice(-2000)}`).not.toBe('still running');
      expect(code).not.toBe(0);
      expect(err).toContain(`[start] service failed ${SERVICE_GIVE_UP_AFTER} times in a row`);
      expect(err).toContain('not restarting it again');
      expect(restarts).toHaveLength(SERVICE_GIVE_UP_AFTER - 1);
      expect(err).toContain('EADDRINUSE');
      expect(out).not.toContain('KIOSK_URL=');
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
      holder.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
