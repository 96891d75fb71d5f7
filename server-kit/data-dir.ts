import { accessSync, chmodSync, constants, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';
import { err, ok, type Result } from '../common/result';

/**
 * Where a server of ours keeps its data: the `--data-dir` flag, else the
 * environment variable the server names (KIOSK_DATA_DIR, HUB_DATA_DIR),
 * else the user's data folder for `appDirName` (e.g. ~/.local/share on
 * Linux, %LOCALAPPDATA% on Windows).
 */
export function resolveDataDirFrom(flag: string | undefined, envValue: string | undefined, appDirName: string): string {
  const chosen = flag ?? envValue;
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return envPaths(appDirName, { suffix: '' }).data;
}

/** The sticky bit of a directory's mode (S_ISVTX; Node's fs.constants does not name it). */
const STICKY_BIT = 0o1000;

/** Why a server cannot keep its data in the data directory; `reason` is the storage subsystem's in the kiosk's /api/health. */
export interface DataDirProblem {
  reason: 'data-dir-not-writable';
  detail: string;
}

export type DataDirCheck = Result<void, DataDirProblem>;

/**
 * Owner-only for everything the process creates from now on: databases,
 * runtime files with secrets, anything kept aside. Modes are also set
 * explicitly on each file and directory (see prepareDataDir), as a umask
 * only applies to what is created, not to what was already there.
 */
export function restrictNewFileModes(): void {
  process.umask(0o077);
}

/**
 * Creates the directory if needed, makes it owner-only (0700) whatever mode
 * it had, and checks that we can write there. A shared directory such as
 * /tmp (sticky bit) is refused rather than locked down: it is not ours to
 * close, and not a place for citizens' records or staff accounts.
 */
export function prepareDataDir(dir: string): DataDirCheck {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if ((statSync(dir).mode & STICKY_BIT) !== 0) {
      return err({
        reason: 'data-dir-not-writable',
        detail: `${dir} is a shared directory (sticky bit): give the program a data directory of its own`,
      });
    }
    chmodSync(dir, 0o700);
    accessSync(dir, constants.W_OK);
    return ok(undefined);
  } catch (error) {
    return err({ reason: 'data-dir-not-writable', detail: `${dir}: ${(error as Error).message}` });
  }
}

export function checkDataDirWritable(dir: string): DataDirCheck {
  try {
    accessSync(dir, constants.W_OK);
    return ok(undefined);
  } catch (error) {
    return err({ reason: 'data-dir-not-writable', detail: `${dir}: ${(error as Error).message}` });
  }
}
