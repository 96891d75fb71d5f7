import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';
import { PROGRAM_BUNDLES_DIR, PROGRAMS } from '../../hub/testing/programs';
import { ROOT } from './paths';

/**
 * The hub and the two CLIs as single files, for the test suite: the tests
 * start them as people do, as their own processes, several hundred times a
 * run (the kill -9 harness alone restarts the hub a hundred times), and
 * each start through tsx spends about half a second transforming the same
 * sources again. These are built from the sources at the start of every
 * test run (tests/global-setup.ts), so they are never older than the code.
 * People still run the sources: `npm run hub`, `npm run hubctl`, `npm run
 * kioskctl`. The tests find the bundles with hub/testing/programs.ts.
 */

/**
 * These programs find files beside their sources (the console's build, the
 * call templates, the hub's local configuration) from `import.meta`. A
 * bundle keeps each module's own source location, so it reads the same
 * files the sources would.
 */
const keepSourceLocations: Plugin = {
  name: 'keep-source-locations',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const contents = text.includes('import.meta')
        ? text
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        : text;
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

export async function buildProgramBundles(): Promise<void> {
  await esbuild({
    entryPoints: Object.fromEntries(Object.entries(PROGRAMS).map(([name, source]) => [name, join(ROOT, source)])),
    outdir: PROGRAM_BUNDLES_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // What a program loads only when asked (the release builder, the spreadsheet writer) stays in chunks of
    // its own, with the packages it needs, so a start does not load them: a hub or hubctl start is most of
    // what the kill -9 and hubctl tests spend.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'node24',
    // Most npm packages go into the bundle too: loading them file by file from node_modules (resolving,
    // reading and compiling a few hundred small modules) was half of a hubctl start. These stay there:
    // native modules, pino (its transports start worker threads from their own files), fastify and its
    // plugins (found by name at run time), and what a program loads only when asked (Redis, spreadsheets).
    external: [
      'better-sqlite3',
      '@node-rs/*',
      'serialport',
      '@serialport/*',
      'pino',
      'pino-*',
      'thread-stream',
      'fastify',
      '@fastify/*',
      'redis',
      '@redis/*',
      'exceljs',
      'pg-native',
    ],
    // CommonJS packages in an ES module bundle still call require() for the packages left outside.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    sourcemap: 'linked',
    plugins: [keepSourceLocations],
    logLevel: 'warning',
  });
}
