import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { buildAll } from './lib/build';
import { buildProgramBundles } from './lib/program-bundles';
import { ROOT } from './lib/paths';

/**
 * `npm test`: the build, then every test. The end-to-end files run one at a
 * time (each starts the service, the hub and Chromium) and leave about one
 * of our two cores idle while they wait on pages, sockets and processes;
 * the unit files would run before them in the same run of the test runner
 * (it runs its groups of files one after the other). So this starts two
 * runs at once: the end-to-end files, and beside them the unit files one at
 * a time, on the core the others leave idle.
 *
 * `npm test -- <vitest arguments>` (a file, a name filter) is one ordinary
 * run of the test runner with them, as `npx vitest run` would be.
 */

const VITEST = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'];

interface Finished {
  name: string;
  code: number;
  output: string[];
}

/** One run of the test runner; `live` prints its lines as they come, else they are printed whole when it ends. */
function runVitest(name: string, args: string[], env: NodeJS.ProcessEnv, live: boolean): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...VITEST, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const output: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (live) process.stdout.write(line + '\n');
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      if (!live) process.stdout.write(`\n── ${name} tests ──\n${output.join('\n')}\n── end of ${name} tests ──\n\n`);
      resolve({ name, code: code ?? (signal === null ? 1 : 128), output });
    });
  });
}

const children = new Set<ReturnType<typeof spawn>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exitCode = 130;
  });
}

/** What the runner printed from its failures on: said again at the very end, where a log's tail is read. */
function failuresOf(run: Finished): string[] {
  const plain = run.output.map((l) => stripVTControlCharacters(l));
  const from = plain.findIndex((l) => /Failed Tests? \d+|Failed Suites? \d+|Unhandled Errors?/.test(l));
  return from === -1 ? plain.filter((l) => /^\s*(Test Files|Tests|Errors|Duration)\s/.test(l)) : plain.slice(from);
}

const args = process.argv.slice(2);
const started = Date.now();
await buildAll();
// The programs the tests start as processes, once, before both runs (tests/global-setup.ts skips it then).
await buildProgramBundles();
process.stdout.write(`built dist/ and the test programs in ${Date.now() - started} ms\n`);
const built = { KIOSK_TEST_PROGRAMS_BUILT: '1' };

if (args.length > 0) {
  const run = await runVitest('selected', args, built, true);
  process.exitCode = run.code;
} else {
  const runs = await Promise.all([
    runVitest('end-to-end', ['--project', 'e2e'], built, true),
    runVitest('unit', ['--project', 'unit'], { ...built, KIOSK_UNIT_TEST_WORKERS: '1' }, false),
  ]);
  process.stdout.write(`\nall tests in ${Math.round((Date.now() - started) / 1000)} s, build included\n`);
  for (const run of runs) {
    process.stdout.write(`\n${run.name} tests: ${run.code === 0 ? 'passed' : `FAILED (exit ${run.code})`}\n`);
    process.stdout.write(failuresOf(run).join('\n') + '\n');
  }
  process.exitCode = runs.some((r) => r.code !== 0) ? 1 : 0;
}
