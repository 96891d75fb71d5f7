import { parseArgs } from 'node:util';

export interface ServiceArgs {
  configPath: string;
  dataDir: string | undefined;
  port: number;
  rendererDir: string | undefined;
  contentPath: string | undefined;
  /** The shell that starts the service takes screenshots over its socket (the Electron shell says so). */
  shellCaptures: boolean;
}

export class UsageError extends Error {}

const USAGE =
  'usage: kiosk-service --config FILE [--data-dir DIR] [--port N] [--renderer-dir DIR] [--content FILE] [--shell-captures]';

/** Flags win over environment variables (KIOSK_CONFIG, KIOSK_DATA_DIR, KIOSK_PORT, KIOSK_CONTENT). */
export function parseServiceArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServiceArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'renderer-dir': { type: 'string' },
        content: { type: 'string' },
        'shell-captures': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const configPath = values.config ?? env['KIOSK_CONFIG'];
  if (configPath === undefined || configPath === '')
    throw new UsageError(`no configuration given (--config or KIOSK_CONFIG)\n${USAGE}`);
  const portText = values.port ?? env['KIOSK_PORT'] ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port: expected a number 0–65535, got "${portText}"`);
  const contentPath = values.content ?? (env['KIOSK_CONTENT'] || undefined);
  return {
    configPath,
    dataDir: values['data-dir'],
    port,
    rendererDir: values['renderer-dir'],
    contentPath,
    shellCaptures: values['shell-captures'],
  };
}
