import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TerminalConfig } from '../kiosk-config/schema';
import { fail } from '../server-kit/cli/exit-codes';
import { parseServiceArgs, UsageError, type ServiceArgs } from './args';
import { formatConfigReport, loadConfig } from './config/load-config';

/** Exit codes the shells act on: 2 means "fix the configuration", so do not restart. */
export const EXIT_BAD_CONFIG = 2;
export const EXIT_USAGE = 64;

export interface Startup {
  args: ServiceArgs;
  config: TerminalConfig;
  configName: string;
  /** The content release and the built UI: as given, or beside the service bundle (dist/service → dist/content, dist/renderer). */
  contentPath: string;
  rendererDir: string;
}

/**
 * What the service starts with, read from its arguments and configuration
 * file; a wrong argument or a configuration with problems ends the process
 * here, saying what is wrong, before anything is opened.
 */
export function readStartup(argv: readonly string[], env: NodeJS.ProcessEnv, bundleDir: string): Startup {
  let args: ServiceArgs;
  try {
    args = parseServiceArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(error.message, EXIT_USAGE);
  }
  const loaded = loadConfig(args.configPath);
  if (!loaded.ok) {
    fail(
      `${formatConfigReport(loaded.error)}\nThe kiosk service will not start until the configuration is fixed.`,
      EXIT_BAD_CONFIG,
    );
  }
  return {
    args,
    config: loaded.value.config,
    configName: loaded.value.name,
    contentPath:
      args.contentPath !== undefined ? resolve(args.contentPath) : join(bundleDir, '..', 'content', 'content.db'),
    rendererDir: args.rendererDir !== undefined ? resolve(args.rendererDir) : join(bundleDir, '..', 'renderer'),
  };
}

/** The folder of the running bundle (dist/service when built). */
export const bundleDirOf = (moduleUrl: string): string => dirname(fileURLToPath(moduleUrl));
