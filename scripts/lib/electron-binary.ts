import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Path of the Electron binary if it is really installed. Deliberately does
 * not `require('electron')`: that tries to download the binary on first use,
 * which fails (and hangs) on machines without internet access.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv): string | undefined {
  const pkgDir = join(root, 'node_modules', 'electron');
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  let relative: string | undefined;
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const binary = override !== undefined && override !== '' ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}
