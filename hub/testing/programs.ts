import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The programs the tests start as their own processes, as people run them:
 * the hub and the two CLIs. The test run bundles them first
 * (scripts/lib/program-bundles.ts, from tests/global-setup.ts), since a
 * start through tsx spends about half a second transforming the same
 * sources again, and the suite starts them several hundred times.
 */
export const PROGRAMS = {
  hub: 'hub/main.ts',
  hubctl: 'hub/cli/hubctl.ts',
  kioskctl: 'service/cli/kioskctl.ts',
} as const;

export type ProgramName = keyof typeof PROGRAMS;

const ROOT = join(import.meta.dirname, '..', '..');
export const PROGRAM_BUNDLES_DIR = join(ROOT, 'dist', 'programs');

/**
 * Node's arguments that run `name`: under the test runner, the bundle its
 * global setup built from the sources as they are now; anywhere else (a
 * bench, a script), the source through tsx, so nothing runs old code.
 */
export function programArgs(name: ProgramName): string[] {
  const bundle = join(PROGRAM_BUNDLES_DIR, `${name}.mjs`);
  return process.env['VITEST'] !== undefined && existsSync(bundle)
    ? ['--enable-source-maps', bundle]
    : ['--import', 'tsx', join(ROOT, PROGRAMS[name])];
}

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs hubctl as `npm run hubctl` would, in English, with `env` (a test storage's) and nothing else from ours. */
export function runHubctl(env: NodeJS.ProcessEnv, args: string[], input?: string): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...programArgs('hubctl'), ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
