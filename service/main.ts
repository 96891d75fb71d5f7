import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, SECRET_FRAGMENT_KEY } from '../common/api/contract';
import { parseServiceArgs, UsageError } from './args';
import { buildService } from './build-service';
import { formatConfigReport, loadConfig } from './config/load-config';
import { resolveDataDir, restrictNewFileModes } from './data-dir';
import { rootWarning } from './lockdown/process-user';
import { createLogger } from '../server-kit/logger';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { VERSION } from './version';

/** Exit codes the shells act on: 2 means "fix the configuration", so do not restart. */
export const EXIT_BAD_CONFIG = 2;
export const EXIT_USAGE = 64;

async function main(): Promise<void> {
  const startedAt = new Date();
  restrictNewFileModes();
  let args;
  try {
    args = parseServiceArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  const loaded = loadConfig(args.configPath);
  if (!loaded.ok) {
    process.stderr.write(
      `${formatConfigReport(loaded.error)}\nThe kiosk service will not start until the configuration is fixed.\n`,
    );
    process.exit(EXIT_BAD_CONFIG);
  }
  const { config, name: configName } = loaded.value;
  const logger = createLogger();
  // Said once at start so the journal shows it; kioskctl doctor reports it as a failure.
  const asRoot = rootWarning(process.getuid?.());
  if (asRoot !== undefined) logger.warn(asRoot);
  const dataDir = resolveDataDir(args.dataDir);
  // The built renderer and content release sit next to the service bundle: dist/service/main.js → dist/renderer, dist/content.
  const here = dirname(fileURLToPath(import.meta.url));
  const contentPath =
    args.contentPath !== undefined ? resolve(args.contentPath) : join(here, '..', 'content', 'content.db');
  const rendererDir = args.rendererDir !== undefined ? resolve(args.rendererDir) : join(here, '..', 'renderer');
  const [secret, technicianToken] = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
  const service = await buildService({
    config,
    configName,
    dataDir,
    contentPath,
    rendererDir,
    logger,
    port: args.port,
    secret,
    technicianToken,
    startedAt,
  });
  service.start();
  const port = service.server.port;
  const runtime = {
    pid: process.pid,
    port,
    secret,
    technicianToken,
    version: VERSION,
    configPath: resolve(args.configPath),
    startedAt: startedAt.toISOString(),
  };
  if (service.dataDirReady) writeRuntimeFile(dataDir, runtime);

  // Handlers first: a shell may send SIGTERM as soon as it has read the URL line.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 5000).unref();
    void service.stop().finally(() => {
      removeRuntimeFile(dataDir, process.pid);
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    stop('uncaughtException');
  });

  logger.info(
    { port, version: VERSION, configName, dataDir, bootId: service.bootId, routes: Object.keys(api) },
    'service ready',
  );
  // The shells wait for exactly this line; the secret travels in the fragment, never to a server.
  process.stdout.write(`KIOSK_URL=http://127.0.0.1:${port}/#${SECRET_FRAGMENT_KEY}=${secret}\n`);
}

void main();
