import { resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { TerminalConfig } from '../../kiosk-config/schema';
import { writeChecks } from '../../server-kit/cli/checks';
import { formatConfigReport, loadConfig } from '../config/load-config';
import { resolveDataDir } from '../data-dir';
import { DEFAULT_POLICY_DIR } from '../lockdown/chromium-policy';
import { VERSION } from '../version';
import { addContentCommands } from './content-commands';
import { addDeviceCommands } from './device-commands';
import { addHubCommands } from './hub-commands';
import { addOutboxCommands } from './outbox-commands';
import { addShellCommands } from './shell-commands';
import { runDoctor } from './doctor';

/** The technicians' CLI: `npm run kioskctl -- <command>`. */
const program = new Command('kioskctl')
  .description('Technicians’ tool for 无人律所 kiosk terminals')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 64);
  });

program
  .command('version')
  .description('print the kiosk software version')
  .action(() => {
    process.stdout.write(`${VERSION}\n`);
  });

const config = program.command('config').description('terminal configuration files');

config
  .command('check')
  .argument('<file>', 'configuration file, e.g. kiosk-config/demo.json')
  .description('validate a configuration file and list every problem with its JSON path')
  .action((file: string) => {
    const result = loadConfig(file);
    if (!result.ok) {
      process.stderr.write(`${formatConfigReport(result.error)}\n`);
      process.exit(1);
    }
    const c = result.value.config;
    process.stdout.write(
      `${file}: valid — terminal ${c.id} “${c.displayName}”, ${c.location.regionName} (${c.location.regionCode}), ` +
        `ID-card reader ${c.devices.idCardReader.mode}, printer ${c.devices.receiptPrinter.mode}, hub ${c.hub?.url ?? 'none'}\n`,
    );
  });

config
  .command('schema')
  .description('print the JSON Schema of a configuration file (for editors)')
  .action(() => {
    process.stdout.write(`${JSON.stringify(z.toJSONSchema(TerminalConfig, { io: 'input' }), null, 2)}\n`);
  });

program
  .command('doctor')
  .description(
    'check configuration, data directory, the running service, the devices and the terminal’s lockdown (service user, shell, browser policy, runtime)',
  )
  .option('--config <file>', 'configuration file (default: KIOSK_CONFIG, else the running service’s)')
  .option('--data-dir <dir>', 'data directory (default: KIOSK_DATA_DIR, else the user data folder)')
  .option('--policy-dir <dir>', 'Chromium’s managed policy directory', DEFAULT_POLICY_DIR)
  .option('--json', 'print the checks as JSON')
  .action(async (opts: { config?: string; dataDir?: string; policyDir: string; json?: boolean }) => {
    const envConfig = process.env['KIOSK_CONFIG'];
    const configPath = opts.config ?? (envConfig === '' ? undefined : envConfig);
    const checks = await runDoctor({
      configPath,
      dataDir: resolveDataDir(opts.dataDir),
      policyDir: resolve(opts.policyDir),
    });
    writeChecks(checks, opts.json === true);
  });

addContentCommands(program);
addDeviceCommands(program);
addHubCommands(program);
addOutboxCommands(program);
addShellCommands(program);

await program.parseAsync(process.argv);
