import { resolveDataDirFrom } from '../server-kit/data-dir';

export {
  checkDataDirWritable,
  prepareDataDir,
  restrictNewFileModes,
  type DataDirCheck,
  type DataDirProblem,
} from '../server-kit/data-dir';

export const APP_DIR_NAME = 'wurenlvsuo-kiosk';

/**
 * Where the kiosk keeps its records and caches: `--data-dir`, else
 * `KIOSK_DATA_DIR`, else the user's data folder (e.g. ~/.local/share on
 * Linux, %LOCALAPPDATA% on Windows).
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDirFrom(flag, env['KIOSK_DATA_DIR'], APP_DIR_NAME);
}
