import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { BUILD_STAMP, DIST, ELECTRON_BUNDLE, ROOT, SERVICE_BUNDLE } from './paths';

/** Everything the build reads; a change to any of these makes `npm start` rebuild. */
const SOURCES = ['common', 'kiosk-config', 'service', 'native', 'renderer', 'electron', 'package.json', 'vite.config.ts'];

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

export function buildIsStale(): boolean {
  if (!existsSync(BUILD_STAMP) || !existsSync(SERVICE_BUNDLE)) return true;
  const stamp = statSync(BUILD_STAMP).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > stamp);
}

/** Renderer with Vite; the service and the Electron main process with esbuild. */
export async function buildAll(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  await esbuild({
    entryPoints: [join(ROOT, 'service', 'main.ts')],
    outfile: SERVICE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
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
    target: 'node20',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(BUILD_STAMP, new Date().toISOString());
}
