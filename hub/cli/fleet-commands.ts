import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  COMMAND_MAX_SECONDS,
  COMMAND_MIN_SECONDS,
  FLEET_COMMAND_KINDS,
  FleetCommandKindSchema,
  type FleetCommandSummary,
} from '../../common/hub/api/fleet-commands';
import { localDateTime } from '../../common/local-date';
import { durationSeconds } from '../../server-kit/cli/args';
import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { findCommand, listCommands, sendCommand } from '../storage/kiosk-commands';
import { withStorage } from './cli-storage';
import { EXIT_NO_KIOSK, kioskId } from './kiosk-commands';

type GlobalOpts = { dataDir?: string };

/** The commands `command list` shows at most. */
const LIST_LIMIT = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function commandLine(c: FleetCommandSummary): string {
  const result = c.resultDetail === null ? '' : ` — ${c.resultDetail}`;
  const payload = c.payloadKind === null ? '' : ` [${c.payloadKind}, ${c.payloadBytes ?? 0} bytes]`;
  return `${c.id}  kiosk ${c.kioskId}  ${c.kind}  ${c.state}  sent ${localDateTime(new Date(c.createdAt))} by ${c.createdBy}${result}${payload}`;
}

/**
 * `hubctl command send|list|show`: commands for one kiosk. hubctl writes
 * the database and tells no socket, so a command sent here reaches the
 * kiosk with its next heartbeat's answer (or as its socket opens).
 */
export function addFleetCommands(program: Command): void {
  const command = program
    .command('command')
    .description('commands for a kiosk: reload its screen, restart its service, collect logs, screenshot, maintenance');

  command
    .command('send')
    .argument('<kiosk>', 'the kiosk’s id (hubctl kiosks)')
    .argument('<kind>', FLEET_COMMAND_KINDS.join(' | '))
    .option('--expires-in <duration>', 'not delivered by then, it is dropped, e.g. 10m, 2h', '10m')
    .option('--json', 'print JSON')
    .description('send a kiosk a command; `command show <id>` reads its result')
    .action(async (kiosk: string, kind: string, opts: { expiresIn: string; json?: boolean }, cmd: Command) => {
      const id = kioskId(kiosk);
      const parsedKind = FleetCommandKindSchema.safeParse(kind);
      if (!parsedKind.success)
        fail(`<kind>: expected one of ${FLEET_COMMAND_KINDS.join(', ')}; got "${kind}"`, EXIT_USAGE);
      const seconds = durationSeconds(opts.expiresIn, '--expires-in', COMMAND_MIN_SECONDS, COMMAND_MAX_SECONDS);
      const now = new Date();
      const sent = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        sendCommand(
          s.db,
          { kioskId: id, kind: parsedKind.data, expiresAt: new Date(now.getTime() + seconds * 1000) },
          'hubctl',
          now,
        ),
      );
      if (sent.outcome === 'no-such-kiosk') fail(`no kiosk has id ${id}`, EXIT_NO_KIOSK);
      if (sent.outcome === 'not-approved') fail(`kiosk ${id} is not approved: it takes no commands`, EXIT_FAILED);
      if (opts.json === true) process.stdout.write(`${JSON.stringify(sent.command, null, 2)}\n`);
      else
        process.stdout.write(
          `command ${sent.command.id} (${sent.command.kind}) for kiosk ${id}, ` +
            `to be delivered by ${localDateTime(new Date(sent.command.expiresAt))}\n`,
        );
    });

  command
    .command('list')
    .option('--kiosk <id>', 'only this kiosk’s')
    .option('--json', 'print JSON')
    .description(`the latest ${LIST_LIMIT} commands, newest first`)
    .action(async (opts: { kiosk?: string; json?: boolean }, cmd: Command) => {
      const only = opts.kiosk === undefined ? undefined : kioskId(opts.kiosk);
      const commands = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        listCommands(s.db, { ...(only === undefined ? {} : { kioskIds: [only] }), limit: LIST_LIMIT }),
      );
      if (opts.json === true) process.stdout.write(`${JSON.stringify(commands, null, 2)}\n`);
      else process.stdout.write(commands.length === 0 ? 'no commands\n' : `${commands.map(commandLine).join('\n')}\n`);
    });

  command
    .command('show')
    .argument('<id>', 'the command’s id')
    .option('--out <file>', 'write its logs or screenshot (PNG) to this file')
    .option('--json', 'print JSON (without the payload)')
    .description('one command, where it stands and its result')
    .action(async (id: string, opts: { out?: string; json?: boolean }, cmd: Command) => {
      if (!UUID.test(id)) fail(`<id>: expected a command id (a UUID), got "${id}"`, EXIT_USAGE);
      const found = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        findCommand(s.db, id.toLowerCase()),
      );
      if (found === undefined) fail(`no command has id ${id}`, EXIT_NO_KIOSK);
      if (opts.out !== undefined) {
        if (found.payload === null)
          fail(`command ${id} has no logs or screenshot (${found.command.state})`, EXIT_FAILED);
        const bytes =
          found.payload.kind === 'logs'
            ? Buffer.from(found.payload.text, 'utf8')
            : Buffer.from(found.payload.base64, 'base64');
        writeFileSync(opts.out, bytes, { mode: 0o600 });
      }
      if (opts.json === true) process.stdout.write(`${JSON.stringify(found.command, null, 2)}\n`);
      else process.stdout.write(`${commandLine(found.command)}\n`);
      if (opts.out !== undefined) process.stdout.write(`written to ${opts.out}\n`);
    });
}
