import { Command } from 'commander';
import { localDateTime } from '../../common/local-date';
import { positiveInt } from '../../server-kit/cli/args';
import { writeChecks } from '../../server-kit/cli/checks';
import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { formatConfigReport } from '../../server-kit/config/json-config';
import { loadHubConfig } from '../config/load-hub-config';
import { hubConfigJsonSchema } from '../config/schema';
import { restrictNewFileModes } from '../../server-kit/data-dir';
import { listAudit } from '../storage/audit-log';
import { HUB_SCHEMA_VERSION, migrateHub } from '../storage/migrate';
import { cliTarget, storageErrorMessage, withStorage } from './cli-storage';
import { redisCheck, runHubDoctor } from './doctor';
import { addAlertCommands } from './alert-commands';
import { addCallCommands } from './call-commands';
import { addFigureCommands } from './figure-commands';
import { addKioskCommands } from './kiosk-commands';
import { addContentCommands } from './content-commands';
import { addFleetCommands } from './fleet-commands';
import { addPayloadKeyCommands } from './payload-key-commands';
import { addPurgeCommand, addSubmissionCommands } from './submission-commands';
import { addReleaseCommands } from './release-commands';
import { addRolloutCommands } from './rollout-commands';
import { addUserCommands } from './user-commands';

/**
 * The hub operators' CLI: `npm run hubctl -- <command>`. It works on the
 * hub's storage directly (HUB_DATABASE_URL's PostgreSQL, else hub.db in the
 * data directory), beside a running hub or without one. Every change it
 * makes writes an audit row with the actor `hubctl`.
 */
restrictNewFileModes();

const program = new Command('hubctl')
  .description('Operators’ tool for the 无人律所 hub')
  .option('--data-dir <dir>', 'the hub’s data directory (default: HUB_DATA_DIR, else the user data folder)')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  });

type GlobalOpts = { dataDir?: string };

program
  .command('migrate')
  .description('create the hub’s database or bring it to this software’s schema version')
  .action(async (_opts: unknown, cmd: Command) => {
    const { dataDir } = cmd.optsWithGlobals<GlobalOpts>();
    await withStorage(dataDir, { create: true }, async (storage) => {
      let outcome;
      try {
        outcome = await migrateHub(storage, { actor: 'hubctl' });
      } catch (error) {
        fail(storageErrorMessage(error) ?? `migration failed, the database is unchanged: ${(error as Error).message}`);
      }
      process.stdout.write(
        outcome.applied.length === 0
          ? `${storage.where} is at schema version ${HUB_SCHEMA_VERSION}, nothing to do\n`
          : `${storage.where}: schema version ${outcome.from} → ${outcome.to}\n`,
      );
    });
  });

addUserCommands(program);
const kiosk = addKioskCommands(program);
addAlertCommands(program, kiosk);
addCallCommands(program);
addFigureCommands(program);
addSubmissionCommands(program);
addPayloadKeyCommands(program);
addReleaseCommands(program);
addContentCommands(program);
addRolloutCommands(program, kiosk);
addFleetCommands(program);
addPurgeCommand(program);

const config = program.command('config').description('the hub’s configuration file (what `npm run hub` starts with)');

config
  .command('check')
  .argument('<file>', 'configuration file, e.g. hub/config/hub.example.json')
  .description('validate a configuration file and list every problem with its JSON path')
  .action((file: string) => {
    const result = loadHubConfig(file);
    if (!result.ok) fail(formatConfigReport(result.error), EXIT_FAILED);
    const c = result.value.config;
    process.stdout.write(
      `${file}: valid — listens on ${c.listen.host}:${c.listen.port}, public origin ${c.publicOrigin ?? 'the address listened on'}, ` +
        `${c.trustedProxies.length} trusted prox${c.trustedProxies.length === 1 ? 'y' : 'ies'}, ${c.tls === undefined ? 'plain HTTP' : 'HTTPS'}\n`,
    );
  });

config
  .command('schema')
  .description('print the JSON Schema of a configuration file (for editors)')
  .action(() => {
    process.stdout.write(`${JSON.stringify(hubConfigJsonSchema(), null, 2)}\n`);
  });

program
  .command('audit')
  .description('the audit log, newest first')
  .option('--limit <n>', 'newest N entries', '50')
  .option('--json', 'print JSON')
  .action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
    const limit = positiveInt(opts.limit, '--limit', 100_000);
    const rows = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
      listAudit(s.db, { limit }),
    );
    if (opts.json === true) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    for (const r of rows) {
      const details = Object.keys(r.details).length === 0 ? '' : `  ${JSON.stringify(r.details)}`;
      process.stdout.write(
        `${localDateTime(new Date(r.at))}  ${r.actor.padEnd(10)}  ${r.action.padEnd(22)}  ${r.target ?? '-'}${details}\n`,
      );
    }
  });

program
  .command('doctor')
  .description(
    'check the hub’s storage (where it is, whether it opens, its schema version, its file modes) and its Redis server',
  )
  .option('--json', 'print the checks as JSON')
  .action(async (opts: { json?: boolean }, cmd: Command) => {
    const checks = await runHubDoctor(cliTarget(cmd.optsWithGlobals<GlobalOpts>().dataDir));
    checks.push(await redisCheck(process.env['HUB_REDIS_URL']));
    writeChecks(checks, opts.json === true);
  });

await program.parseAsync(process.argv);
