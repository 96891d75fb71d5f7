import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildRelease } from '../../content/build/build-release';
import {
  BUILD_STAMP,
  CONTENT_DB,
  CONTENT_STAMP,
  DIST,
  ELECTRON_BUNDLE,
  HUB_CONSOLE_DIR,
  HUB_CONSOLE_STAMP,
  ROOT,
  SERVICE_BUNDLE,
} from './paths';

/** Everything the build reads; a change to any of these makes `npm start` rebuild. */
const SOURCES = [
  'common',
  'kiosk-config',
  'service',
  // The release schema and the search analyzer the service reads releases with.
  'content/schema',
  'content/analysis',
  'server-kit',
  'native',
  'ui',
  'renderer',
  'electron',
  'package.json',
  'vite.config.ts',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** What the content release is built from (the builder itself included). */
const CONTENT_SOURCES = ['content', 'common/legal', 'common/directory', 'common/templates'];

function staleAgainst(stamp: string, output: string, sources: readonly string[]): boolean {
  if (!existsSync(stamp) || !existsSync(output)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((s) => newestMtime(join(ROOT, s)) > built);
}

export function buildIsStale(): boolean {
  return staleAgainst(BUILD_STAMP, SERVICE_BUNDLE, SOURCES) || staleAgainst(CONTENT_STAMP, CONTENT_DB, CONTENT_SOURCES);
}

/** The kiosk's content release in dist/content, rebuilt when its sources changed. */
export async function buildContentIfStale(): Promise<void> {
  if (!staleAgainst(CONTENT_STAMP, CONTENT_DB, CONTENT_SOURCES)) return;
  await buildRelease({ contentDir: join(ROOT, 'content'), outDir: dirname(CONTENT_DB), laws: 'shipped' });
  writeFileSync(CONTENT_STAMP, new Date().toISOString());
}

/** What the hub's web console is built from. */
const HUB_CONSOLE_SOURCES = ['common', 'ui', 'hub/console', 'package.json', 'vite.hub-console.config.ts'];

/** The hub's web console in dist/hub-console (Vite), rebuilt when its sources changed. */
export async function buildHubConsoleIfStale(): Promise<void> {
  if (!staleAgainst(HUB_CONSOLE_STAMP, join(HUB_CONSOLE_DIR, 'index.html'), HUB_CONSOLE_SOURCES)) return;
  await viteBuild({ configFile: join(ROOT, 'vite.hub-console.config.ts'), logLevel: 'warn' });
  writeFileSync(HUB_CONSOLE_STAMP, new Date().toISOString());
}

/** Renderer with Vite; the service and the Electron main process with esbuild; the content release; the hub's console. */
export async function buildAll(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  await buildContentIfStale();
  await buildHubConsoleIfStale();
  if (!staleAgainst(BUILD_STAMP, SERVICE_BUNDLE, SOURCES)) return;
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  await esbuild({
    entryPoints: [join(ROOT, 'service', 'main.ts')],
    outfile: SERVICE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // npm packages stay in node_modules: native modules must be loaded from there.
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await esbuild({
    entryPoints: [join(ROOT, 'electron', 'main.ts')],
    outfile: ELECTRON_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(BUILD_STAMP, new Date().toISOString());
}
