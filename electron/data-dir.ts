import envPaths from 'env-paths';

/**
 * The kiosk's data directory as the service resolves it when the shell
 * passes no --data-dir (service/data-dir.ts): KIOSK_DATA_DIR, else the
 * user's data folder. The shell needs it for run/shell.json, beside the
 * service's run/service.json. The name must match the service's.
 */
export const APP_DIR_NAME = 'wurenlvsuo-kiosk';

export function kioskDataDir(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env['KIOSK_DATA_DIR']?.trim();
  return fromEnv ? fromEnv : envPaths(APP_DIR_NAME, { suffix: '' }).data;
}
