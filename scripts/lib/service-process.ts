import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningService {
  child: ChildProcess;
  /** Resolves with the UI URL (including `#secret=`), or rejects if the service exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built service and watches its stdout for the KIOSK_URL line.
 * Its output is passed through unchanged, so logs and that line reach the
 * terminal exactly as the service wrote them.
 */
export function startService(bundle: string, args: string[], opts: { forward?: boolean; env?: NodeJS.ProcessEnv } = {}): RunningService {
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
      if (opts.forward !== false) process.stdout.write(`${line}\n`);
      if (line.startsWith('KIOSK_URL=')) resolve(line.slice('KIOSK_URL='.length));
    });
    void exited.then(({ code, signal }) => reject(new Error(`service exited before it was ready (code ${code}, signal ${signal})`)));
  });
  ready.catch(() => undefined);
  if (opts.forward !== false) child.stderr!.pipe(process.stderr);
  return { child, ready, exited };
}
