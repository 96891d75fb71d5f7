import { restrictNewFileModes } from '../server-kit/data-dir';
import { createLogger } from '../server-kit/logger';
import { installGracefulStop } from '../server-kit/process/graceful-stop';
import { DatabaseTooNewError } from '../server-kit/sqlite/migrations';
import { SecretKeyError } from './accounts/secret-box';
import { startHub } from './start-hub';
import { EXIT_STORAGE_REFUSED, readHubStartup } from './startup';

async function main(): Promise<void> {
  restrictNewFileModes();
  const { configPath, settings } = readHubStartup(process.argv.slice(2), process.env);
  const logger = createLogger({ service: 'hub' });
  let hub;
  try {
    hub = await startHub(settings, { logger });
  } catch (error) {
    const refused = error instanceof DatabaseTooNewError || error instanceof SecretKeyError;
    logger.fatal({ err: error, where: settings.storage.where }, 'the hub cannot start');
    process.stderr.write(`the hub cannot start: ${(error as Error).message}\n`);
    process.exit(refused ? EXIT_STORAGE_REFUSED : 1);
  }

  // Before the ready line: a supervisor may send SIGTERM as soon as it has read it.
  installGracefulStop({ logger, stop: () => hub.stop() });

  logger.info(
    {
      origin: hub.server.origin,
      port: hub.server.port,
      config: configPath,
      storage: settings.storage.where,
      schema: hub.migration.to,
      migrated: hub.migration.applied,
    },
    'hub ready',
  );
  process.stdout.write(`HUB_URL=${hub.server.origin}\n`);
}

void main();
