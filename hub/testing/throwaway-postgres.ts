import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server of a test run's own, from Debian's `postgresql`
 * package: a fresh cluster in a temporary directory, reached through a Unix
 * socket in that directory only (no TCP port, so it cannot clash with
 * another server or be reached from elsewhere), stopped and deleted by
 * stop(). About a second and a half to start on our 2-core machines.
 *
 * PostgreSQL refuses to run as root; as root (our CI and containers) the
 * server runs as the `postgres` user the package creates, with runuser.
 */
export interface ThrowawayPostgres {
  /** A connection URL for `database` (default `postgres`) as the superuser `hub`. */
  url(database?: string): string;
  /** Creates an empty database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const LIB_DIR = '/usr/lib/postgresql';
const MIN_MAJOR = 15;

/** Thrown when Debian's PostgreSQL server binaries are not installed. */
export class PostgresMissingError extends Error {}

/** The bin directory of the newest installed PostgreSQL ≥ 15 (`/usr/lib/postgresql/<major>/bin`). */
export function findPostgresBin(libDir = LIB_DIR): string {
  const majors = existsSync(libDir)
    ? readdirSync(libDir)
        .map(Number)
        .filter((m) => Number.isInteger(m) && m >= MIN_MAJOR && existsSync(join(libDir, String(m), 'bin', 'initdb')))
        .sort((a, b) => b - a)
    : [];
  if (majors[0] === undefined)
    throw new PostgresMissingError(
      `PostgreSQL ${MIN_MAJOR}+ is not installed (no ${libDir}/*/bin/initdb), so the hub's tests cannot run on PostgreSQL: apt-get install postgresql`,
    );
  return join(libDir, String(majors[0]), 'bin');
}

function asServerUser(): { wrap: (cmd: string, args: string[]) => [string, string[]]; uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], uid, gid };
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  mkdirSync(sock, { mode: 0o700 });
  if (user.uid !== undefined && user.gid !== undefined) {
    chownSync(dir, user.uid, user.gid);
    chownSync(sock, user.uid, user.gid);
  }
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = user.wrap(join(bin, cmd), args);
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  const ctl = (args: string[]): void => run('pg_ctl', ['-D', data, ...args]);
  let running = false;
  // If the test process ends without stop() (an exception in a hook), the
  // server must not outlive it.
  const stopOnExit = (): void => {
    if (!running) return;
    try {
      ctl(['-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopOnExit);
  try {
    // --no-sync: a test cluster need not survive a power cut of the test machine.
    run('initdb', ['-D', data, '-U', 'hub', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    ctl(['-l', join(dir, 'log'), '-w', '-o', `-k ${sock} -c listen_addresses='' -c port=5432`, 'start']);
    running = true;
  } catch (error) {
    process.off('exit', stopOnExit);
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the throwaway PostgreSQL did not start: ${(error as Error).message}\n${stderr}`, {
      cause: error,
    });
  }

  const url = (database = 'postgres'): string => `postgres://hub@/${database}?host=${encodeURIComponent(sock)}`;
  return {
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (!running) return;
      ctl(['-m', 'fast', '-w', 'stop']);
      running = false;
      process.off('exit', stopOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
