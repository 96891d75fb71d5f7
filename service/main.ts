import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { api, SECRET_FRAGMENT_KEY } from '../common/api/contract';
import { callLine } from '../common/call-line';
import pino from 'pino';
import { COMMAND_LOGS_MAX_BYTES } from '../common/hub/api/fleet-commands';
import { createLogger } from '../server-kit/logger';
import { installGracefulStop } from '../server-kit/process/graceful-stop';
import { buildService } from './build-service';
import { resolveDataDir, restrictNewFileModes } from './data-dir';
import { noteUncleanExit } from './hub/last-crash';
import { testHeartbeatIntervalMs } from './hub/test-heartbeat-interval';
import { testOutboxRetry } from './outbox/test-outbox-retry';
import { testReleasePause } from './content/test-release-pause';
import { rootWarning } from './lockdown/process-user';
import { RecentLogLines } from './hub/recent-log';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { bundleDirOf, readStartup } from './startup';
import { VERSION } from './version';

export { EXIT_BAD_CONFIG, EXIT_USAGE } from './startup';

async function main(): Promise<void> {
  const startedAt = new Date();
  restrictNewFileModes();
  const { args, config, configName, contentPath, rendererDir } = readStartup(
    process.argv.slice(2),
    process.env,
    bundleDirOf(import.meta.url),
  );
  // Every line still goes to stdout (the journal); the latest are kept for a `collect-logs` command.
  const recentLog = new RecentLogLines(COMMAND_LOGS_MAX_BYTES, pino.destination({ dest: 1, sync: true }));
  const logger = createLogger({ destination: recentLog });
  // Filled in once the service is built: its restart command stops it the way SIGTERM does.
  const graceful: { stopFor?: (reason: string) => void } = {};
  // Said once at start so the journal shows it; kioskctl doctor reports it as a failure.
  const asRoot = rootWarning(process.getuid?.());
  if (asRoot !== undefined) logger.warn(asRoot);
  const dataDir = resolveDataDir(args.dataDir);
  // Before this run's own run file replaces the earlier one.
  const crashed = noteUncleanExit(dataDir, startedAt);
  if (crashed !== undefined) logger.warn({ lastCrash: crashed }, 'the previous run ended without shutting down');
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
    heartbeatIntervalMs: testHeartbeatIntervalMs(process.env),
    outboxRetry: testOutboxRetry(process.env),
    releaseStep: testReleasePause(process.env, (line) => process.stdout.write(line)),
    // For the shell that started us: the camera is the page's only while a call waits or runs.
    onCallActiveChange: (active) => process.stdout.write(`${callLine(active)}\n`),
    recentLog: () => recentLog.text(),
    // The Electron shell connects to take screenshots; the Chromium shell cannot (its policy turns DevTools off).
    shellCaptures: args.shellCaptures,
    // A graceful stop: the shell that started us (Electron, or the Chromium shell's keeper) starts it again.
    restart: () => graceful.stopFor?.('restart command'),
  });
  service.start();
  const port = service.server.port;
  if (service.dataDirReady) {
    writeRuntimeFile(dataDir, {
      pid: process.pid,
      port,
      secret,
      technicianToken,
      version: VERSION,
      configPath: resolve(args.configPath),
      startedAt: startedAt.toISOString(),
    });
  }

  // Before the ready line: a shell may send SIGTERM as soon as it has read it.
  graceful.stopFor = installGracefulStop({
    logger,
    stop: () => service.stop(),
    afterStop: () => removeRuntimeFile(dataDir, process.pid),
  });

  logger.info(
    { port, version: VERSION, configName, dataDir, bootId: service.bootId, routes: Object.keys(api) },
    'service ready',
  );
  // The shells wait for exactly this line; the secret travels in the fragment, never to a server.
  process.stdout.write(`KIOSK_URL=http://127.0.0.1:${port}/#${SECRET_FRAGMENT_KEY}=${secret}\n`);
}

void main();
