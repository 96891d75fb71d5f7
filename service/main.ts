import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, SECRET_FRAGMENT_KEY } from '../common/api/contract';
import { parseServiceArgs, UsageError } from './args';
import { formatConfigReport, loadConfig } from './config/load-config';
import { prepareDataDir, resolveDataDir } from './data-dir';
import { createHealthReporter } from './health';
import { startServer } from './http/server';
import { createLogger } from './logger';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { VERSION } from './version';

/** Exit codes the shells act on: 2 means "fix the configuration", so do not restart. */
export const EXIT_BAD_CONFIG = 2;
export const EXIT_USAGE = 64;

const HEALTH_PUSH_MS = 5000;

async function main(): Promise<void> {
  const startedAt = new Date();
  let args;
  try {
    args = parseServiceArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_USAGE);
    }
    throw error;
  }

  const loaded = loadConfig(args.configPath);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigReport(loaded)}\nThe kiosk service will not start until the configuration is fixed.\n`);
    process.exit(EXIT_BAD_CONFIG);
  }

  const logger = createLogger();
  const dataDir = resolveDataDir(args.dataDir);
  const dirCheck = prepareDataDir(dataDir);
  if (!dirCheck.ok) logger.error({ detail: dirCheck.detail }, 'data directory is not writable; storage is unavailable');

  const health = createHealthReporter({ version: VERSION, startedAt, configName: loaded.name, config: loaded.config, dataDir });
  // The built renderer sits next to the service bundle: dist/service/main.js → dist/renderer.
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = args.rendererDir !== undefined ? resolve(args.rendererDir) : join(here, '..', 'renderer');
  const secret = randomBytes(32).toString('base64url');
  // Lets the UI notice that the service restarted (and its secret changed).
  const bootId = randomBytes(8).toString('hex');

  const server = await startServer({
    logger,
    port: args.port,
    secret,
    rendererDir,
    onEventsConnect: (send) => {
      send({ type: 'hello', bootId });
      send({ type: 'health', health: health() });
    },
    handlers: {
      health: () => health(),
      clientLog: (entry) => {
        logger[entry.level]({ source: 'renderer', screen: entry.screen }, entry.message);
        return {};
      },
    },
  });
  if (dirCheck.ok) {
    writeRuntimeFile(dataDir, {
      pid: process.pid,
      port: server.port,
      secret,
      version: VERSION,
      configPath: resolve(args.configPath),
      startedAt: startedAt.toISOString(),
    });
  }

  let lastPushed = '';
  const push = (): void => {
    const h = health();
    const key = JSON.stringify({ ...h, uptimeSeconds: 0 });
    if (key === lastPushed) return;
    lastPushed = key;
    server.broadcast({ type: 'health', health: h });
  };
  const timer = setInterval(push, HEALTH_PUSH_MS);
  timer.unref();

  logger.info({ port: server.port, version: VERSION, configName: loaded.name, dataDir, bootId, routes: Object.keys(api) }, 'service ready');
  // The shells wait for exactly this line; the secret travels in the fragment, never to a server.
  process.stdout.write(`KIOSK_URL=http://127.0.0.1:${server.port}/#${SECRET_FRAGMENT_KEY}=${secret}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(timer);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server
      .close()
      .catch((error: unknown) => logger.error({ err: error }, 'error while closing'))
      .finally(() => {
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
}

void main();
