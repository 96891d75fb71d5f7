import { resolveDataDirFrom } from '../server-kit/data-dir';

export const HUB_APP_DIR_NAME = 'wurenlvsuo-hub';

/**
 * Where the hub keeps its embedded database (hub.db) and, later, its other
 * files: `--data-dir`, else `HUB_DATA_DIR`, else the user's data folder
 * (`~/.local/share/wurenlvsuo-hub` on Linux).
 */
export function resolveHubDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDirFrom(flag, env['HUB_DATA_DIR'], HUB_APP_DIR_NAME);
}
