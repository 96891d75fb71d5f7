import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningService {
  child: ChildProcess;
  /** Resolves with the UI URL (including `#secret=`), or rejects if the service exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartServiceOptions {
  /** Pass the service's output on to ours (default: yes). */
  forward?: boolean;
  /**
   * Pass on the `KIOSK_URL=` line too (default: no). It carries the boot
   * secret, and our stdout ends up in the journal under systemd, so only a
   * headless start (technicians, tests) prints it.
   */
  forwardUrlLine?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the built service and watches its stdout for the KIOSK_URL line.
 * Its log lines are passed through unchanged, so they reach the terminal
 * exactly as the service wrote them.
 */
export function startService(bundle: string, args: string[], opts: StartServiceOptions = {}): RunningService {
  const child = spawn(process.execPath, [bundle, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.env ?? process.env,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const isUrlLine = line.startsWith('KIOSK_URL=');
      if (opts.forward !== false && (!isUrlLine || opts.forwardUrlLine === true)) process.stdout.write(`${line}\n`);
      if (isUrlLine) resolve(line.slice('KIOSK_URL='.length));
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`service exited before it was ready (code ${code}, signal ${signal})`)),
    );
  });
  ready.catch(() => undefined);
  if (opts.forward !== false) child.stderr!.pipe(process.stderr);
  return { child, ready, exited };
}
