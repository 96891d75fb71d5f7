import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface RunningXvfb {
  /** `:N`, for DISPLAY. */
  display: string;
  stop(): Promise<void>;
}

/**
 * A bare X server of the given size and nothing else on it — no window
 * manager, as on a kiosk started by a newcomer or by a minimal systemd unit.
 * Xvfb picks a free display number itself (-displayfd) and tells us.
 */
export async function startXvfb(screen: { width: number; height: number }): Promise<RunningXvfb> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', `${screen.width}x${screen.height}x24`, '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    (child.stdio[3] as Readable).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    void exited.then(() => reject(new Error(`Xvfb exited before it was ready:\n${stderr}`)));
  });
  return {
    display,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
