import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Redis server of a test's own, from Debian's `redis-server`: listening
 * on a Unix socket in a temporary directory only (no TCP port to clash
 * with another server), keeping nothing on disk, stopped and deleted by
 * stop(). It can be stopped and started again on the same socket, to test
 * an outage.
 */
export interface ThrowawayRedis {
  /** unix:///…/redis.sock, as HUB_REDIS_URL takes it. */
  readonly url: string;
  /** Kills the server (SIGKILL: an outage, not a shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same socket. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export class RedisMissingError extends Error {}

function launch(socketPath: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socketPath, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new RedisMissingError(
              'redis-server is not installed, so the cross-instance tests cannot run: apt-get install redis-server',
            )
          : error,
      );
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-redis-'));
  const socketPath = join(dir, 'redis.sock');
  let child: ChildProcess | undefined = await launch(socketPath);
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child === undefined) return;
    const c = child;
    child = undefined;
    c.kill(signal);
    await ended(c);
  };
  return {
    url: `unix://${socketPath}`,
    kill: () => kill('SIGKILL'),
    async restart() {
      await kill('SIGKILL');
      child = await launch(socketPath);
    },
    async stop() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
