import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

/** The entry point npm start runs the hub from (with tsx: the hub has no bundle of its own). */
const HUB_CHILD = join(ROOT, 'scripts', 'lib', 'hub-child.ts');

export interface RunningHubProcess {
  child: ChildProcess;
  /** Resolves with the hub's URL, or rejects if the hub exits first (with what it said on stderr). */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if the hub has not stopped after its own grace period. */
  stop(): Promise<void>;
}

/** A little over the hub's own grace period (server-kit/process/graceful-stop.ts). */
const STOP_WAIT_MS = 7000;

/**
 * Starts the hub (`hub/main.ts` with `args`) as a child of this process and
 * watches its stdout for the HUB_URL line. Its log lines are passed on to
 * our stdout unchanged, as the service's are; the HUB_URL line is not (the
 * caller says it when the demo is ready). What it writes on stderr before
 * it is ready is kept for the error, so a hub that cannot start is said
 * once; after that it is passed on.
 */
export function startHubProcess(args: string[], env: NodeJS.ProcessEnv): RunningHubProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', HUB_CHILD, ...args], {
    // tsx is found from the project's root; the channel lets the hub see npm start go.
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let early = '';
  let started = false;
  const onEarlyStderr = (d: Buffer): void => {
    early += d.toString();
  };
  child.stderr!.on('data', onEarlyStderr);
  const ready = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('HUB_URL=')) {
        process.stdout.write(`${line}\n`);
        return;
      }
      started = true;
      child.stderr!.off('data', onEarlyStderr);
      if (early !== '') process.stderr.write(early);
      child.stderr!.pipe(process.stderr);
      resolve(line.slice('HUB_URL='.length));
    });
    void exited.then(({ code, signal }) => {
      if (started) return;
      const said = early.trim().split('\n').filter(Boolean).at(-1);
      reject(new Error(said ?? `the hub exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
