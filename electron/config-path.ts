import path from 'node:path';

/**
 * Where the terminal's configuration file is, and how the service is told.
 * Technicians override the file with KIOSK_CONFIG (e.g. in the systemd unit);
 * otherwise an installed kiosk reads the file shipped beside the app and a
 * developer checkout reads the demo configuration.
 */

export interface ConfigPathInputs {
  env: Readonly<Record<string, string | undefined>>;
  isPackaged: boolean;
  /** `process.resourcesPath`: extraResources land here. */
  resourcesPath: string;
  /** `app.getAppPath()`: the repository root in development. */
  appPath: string;
  /** Base for a relative KIOSK_CONFIG, as a shell user would expect. */
  cwd: string;
}

export function resolveConfigPath(i: ConfigPathInputs): string {
  const fromEnv = i.env['KIOSK_CONFIG']?.trim();
  if (fromEnv) return path.resolve(i.cwd, fromEnv);
  return i.isPackaged
    ? path.join(i.resourcesPath, 'kiosk-config', 'terminal.json')
    : path.join(i.appPath, 'kiosk-config', 'demo.json');
}

export interface ServiceArgsInputs {
  configPath: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The content release shipped with an installed kiosk
   * (`resourcesPath/content/content.db`, outside the asar archive: SQLite
   * opens files itself and cannot read inside one). Undefined in development,
   * where the service finds dist/content beside its bundle.
   */
  contentPath?: string;
  /** This shell connects to the service's shell socket to take screenshots: the service waits for it. */
  shellCaptures?: boolean;
}

/**
 * Command-line arguments for `dist/service/main.js`. The data directory is
 * passed only when KIOSK_DATA_DIR says so: otherwise the service picks its own
 * default, which keeps Electron and the Chromium fallback shell on the same
 * records. The port is left to the service (0: any free port).
 */
export function serviceArgs(i: ServiceArgsInputs): string[] {
  const args = ['--config', i.configPath];
  const dataDir = i.env['KIOSK_DATA_DIR']?.trim();
  if (dataDir) args.push('--data-dir', dataDir);
  if (i.contentPath !== undefined && !i.env['KIOSK_CONTENT']?.trim()) args.push('--content', i.contentPath);
  if (i.shellCaptures === true) args.push('--shell-captures');
  return args;
}
