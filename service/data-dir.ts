import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';

export const APP_DIR_NAME = 'wurenlvsuo-kiosk';

/**
 * Where the kiosk keeps its records and caches: `--data-dir`, else
 * `KIOSK_DATA_DIR`, else the user's data folder (e.g. ~/.local/share on Linux,
 * %LOCALAPPDATA% on Windows).
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env['KIOSK_DATA_DIR'];
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return envPaths(APP_DIR_NAME, { suffix: '' }).data;
}

export type DataDirCheck = { ok: true } | { ok: false; reason: 'data-dir-not-writable'; detail: string };

/** Creates the directory if needed and checks that we can write there. */
export function prepareDataDir(dir: string): DataDirCheck {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'data-dir-not-writable', detail: `${dir}: ${(error as Error).message}` };
  }
}

export function checkDataDirWritable(dir: string): DataDirCheck {
  try {
    accessSync(dir, constants.W_OK);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'data-dir-not-writable', detail: `${dir}: ${(error as Error).message}` };
  }
}
