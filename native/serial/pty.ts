import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A pair of connected pseudo-terminals made by socat: what is written to one
 * end is read from the other, and serialport opens either end like a real
 * port. Device simulators sit on one end and drivers on the other, so tests
 * and the demo kiosk go through the real serial path.
 *
 * Killing socat is a cheap unplug: the ports see EIO on their next write and
 * close with `disconnected: true`. restart() replugs on the same paths.
 */
export interface PtyPair {
  /** Path of one end (a symlink to /dev/pts/N). */
  readonly a: string;
  /** Path of the other end. */
  readonly b: string;
  /** Kills socat and removes the links (and the folder, when startPtyPair made it). */
  stop(): Promise<void>;
  /** Kills socat and starts it again on the same paths; ports opened before must be reopened. */
  restart(): Promise<void>;
}

export interface PtyPairOptions {
  /** Folder for the `a` and `b` links; a fresh temporary folder when omitted. */
  dir?: string;
  socatPath?: string;
  /** How long socat may take to create both ends. Default 5 s. */
  readyTimeoutMs?: number;
}

// socat's address syntax gives these characters meaning; a path containing them would be misread.
const SOCAT_SPECIAL = /[,:!;'"\\\s]/;

export async function startPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'kiosk-pty-')));
  if (SOCAT_SPECIAL.test(dir))
    throw new Error(`socat cannot take a link path containing , : ! ; quotes or spaces: ${dir}`);
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const socatPath = options.socatPath ?? 'socat';
  const readyTimeoutMs = options.readyTimeoutMs ?? 5000;

  let child: ChildProcess | undefined;
  // Leaves no socat behind when the process exits without calling stop().
  const killOnExit = () => child?.kill('SIGKILL');

  const launch = async () => {
    // A link left by a socat that died hard would make the readiness check pass too early.
    await Promise.all([rm(a, { force: true }), rm(b, { force: true })]);
    child = await spawnSocat(socatPath, [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], readyTimeoutMs);
    await Promise.all([access(a), access(b)]);
  };

  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (error) {
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  process.once('exit', killOnExit);

  return {
    a,
    b,
    async stop() {
      process.off('exit', killOnExit);
      await kill();
      await Promise.all([rm(a, { force: true }), rm(b, { force: true })]);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}

/** Starts socat and resolves once it reports both ends open and the transfer loop running. */
function spawnSocat(socatPath: string, addresses: string[], readyTimeoutMs: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(socatPath, ['-d', '-d', ...addresses], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let ready = false;
    const fail = (message: string) => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(`${message}${log ? `\nsocat said:\n${log.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`socat did not open a pty pair within ${readyTimeoutMs} ms`), readyTimeoutMs);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      // socat keeps logging (e.g. on exit); the pipe must be drained or it would block.
      if (ready) return;
      log += text;
      if (log.includes('starting data transfer loop')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('error', (error) => fail(`cannot start socat (${socatPath}): ${error.message}`));
    child.once('exit', (code, signal) => {
      if (!ready) fail(`socat exited (${signal ?? `code ${code}`}) before opening the pty pair`);
    });
  });
}
