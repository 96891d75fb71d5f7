import type { Command } from 'commander';
import { positiveInt } from '../../server-kit/cli/args';
import { EXIT_FAILED, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { kioskCountsPerRelease } from '../fleet/kiosk-release-reports';
import {
  addKioskToGroup,
  changeRollout,
  listGroupMembers,
  listRollouts,
  pinKiosk,
  removeKioskFromGroup,
  RolloutRefusedError,
  type RolloutChange,
} from '../releases/rollouts';
import type { Rollout } from '../releases/rollout-decision';
import type { HubStorage } from '../storage/open-storage';
import { withStorage } from './cli-storage';
import { kioskId } from './kiosk-commands';

type GlobalOpts = { dataDir?: string };

/** A refusal is said in its own words; anything else is a bug and keeps its stack. */
async function withRollouts<T>(cmd: Command, run: (storage: HubStorage) => Promise<T>): Promise<T> {
  return withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, async (storage) => {
    try {
      return await run(storage);
    } catch (error) {
      if (error instanceof RolloutRefusedError) fail(error.message, EXIT_FAILED);
      throw error;
    }
  });
}

function releaseNumber(text: string, what = 'a release number'): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) fail(`expected ${what} (a whole number), got "${text}"`, EXIT_USAGE);
  return n;
}

/** One line for a rollout: its stage and state. */
export function describeRollout(r: Rollout | undefined): string {
  if (r === undefined) return 'no rollout: it goes to no kiosk';
  const stage =
    r.stage === 'all'
      ? 'every kiosk'
      : r.stage === 'percent'
        ? `${r.percent} % of the kiosks${r.canaryGroup === null ? '' : ` and group ${r.canaryGroup}`}`
        : `canary group ${r.canaryGroup}`;
  return `${stage}, ${r.state}`;
}

/** `hubctl kiosk group|pin` and `hubctl release rollout|status`: staged rollouts of content releases. */
export function addRolloutCommands(program: Command, kiosk: Command): void {
  const group = kiosk.command('group').description('named groups of kiosks (a canary group is one)');
  group
    .command('add')
    .argument('<kiosk-id>')
    .argument('<group>')
    .description('put a kiosk in a group')
    .action(async (idText: string, name: string, _opts: unknown, cmd: Command) => {
      const added = await withRollouts(cmd, (s) => addKioskToGroup(s.db, kioskId(idText), name, 'hubctl', new Date()));
      process.stdout.write(`kiosk ${idText} ${added ? 'is now in' : 'was in'} group ${name}\n`);
    });
  group
    .command('remove')
    .argument('<kiosk-id>')
    .argument('<group>')
    .description('take a kiosk out of a group')
    .action(async (idText: string, name: string, _opts: unknown, cmd: Command) => {
      const removed = await withRollouts(cmd, (s) =>
        removeKioskFromGroup(s.db, kioskId(idText), name, 'hubctl', new Date()),
      );
      process.stdout.write(`kiosk ${idText} ${removed ? 'is out of' : 'was not in'} group ${name}\n`);
    });
  group
    .command('list')
    .description('every group with its kiosks')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const members = await withRollouts(cmd, (s) => listGroupMembers(s.db));
      const groups = new Map<string, number[]>();
      for (const m of members) groups.set(m.group, [...(groups.get(m.group) ?? []), m.kioskId]);
      if (opts.json === true) {
        const list = [...groups].map(([name, kioskIds]) => ({ group: name, kioskIds }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (groups.size === 0) process.stdout.write('no groups\n');
      for (const [name, ids] of groups) process.stdout.write(`${name}: kiosks ${ids.join(', ')}\n`);
    });

  kiosk
    .command('pin')
    .argument('<kiosk-id>')
    .argument('[release]', 'the release number it stays at (0: the one shipped with its software)')
    .option('--unpin', 'let it follow the rollouts again')
    .description('keep a kiosk at a release, whatever the rollouts say (it never goes back below what it serves)')
    .action(async (idText: string, n: string | undefined, opts: { unpin?: boolean }, cmd: Command) => {
      if ((n === undefined) === (opts.unpin !== true))
        fail('give a release number or --unpin (one of them)', EXIT_USAGE);
      const pin = n === undefined ? null : releaseNumber(n);
      await withRollouts(cmd, (s) => pinKiosk(s.db, kioskId(idText), pin, 'hubctl', new Date()));
      process.stdout.write(
        pin === null ? `kiosk ${idText} follows the rollouts again\n` : `kiosk ${idText} stays at release ${pin}\n`,
      );
    });

  const release = program.commands.find((c) => c.name() === 'release');
  if (release === undefined) throw new Error('the release commands are added first');
  release
    .command('rollout')
    .argument('<release>', 'a published release number')
    .description('how far a published release goes: a canary group, then a percentage, then every kiosk')
    .option('--canary <group>', 'only the kiosks of this group')
    .option('--percent <P>', 'this share of the kiosks (1–99), and the canary group; only ever widens')
    .option('--all', 'every kiosk')
    .option('--pause', 'admit no more kiosks for now')
    .option('--resume', 'admit kiosks again after --pause')
    .option('--abort', 'admit no more kiosks for good (those on it stay: publish a newer release to move them)')
    .action(
      async (
        n: string,
        opts: { canary?: string; percent?: string; all?: boolean; pause?: boolean; resume?: boolean; abort?: boolean },
        cmd: Command,
      ) => {
        const changes: RolloutChange[] = [
          ...(opts.canary === undefined ? [] : [{ action: 'canary' as const, group: opts.canary }]),
          ...(opts.percent === undefined
            ? []
            : [{ action: 'percent' as const, percent: positiveInt(opts.percent, '--percent', 99) }]),
          ...(opts.all === true ? [{ action: 'all' as const }] : []),
          ...(opts.pause === true ? [{ action: 'pause' as const }] : []),
          ...(opts.resume === true ? [{ action: 'resume' as const }] : []),
          ...(opts.abort === true ? [{ action: 'abort' as const }] : []),
        ];
        if (changes.length !== 1)
          fail('give one of --canary GROUP, --percent P, --all, --pause, --resume, --abort', EXIT_USAGE);
        const number = releaseNumber(n, 'a published release number');
        const rollout = await withRollouts(cmd, (s) => changeRollout(s.db, number, changes[0]!, 'hubctl', new Date()));
        process.stdout.write(`release ${number}: ${describeRollout(rollout)}\n`);
      },
    );
  release
    .command('status')
    .argument('<release>', 'a published release number')
    .description('its rollout, and how many kiosks are on it, downloading it, failed with it, rolled it back')
    .option('--json', 'print JSON')
    .action(async (n: string, opts: { json?: boolean }, cmd: Command) => {
      const number = releaseNumber(n);
      const { rollout, counts } = await withRollouts(cmd, async (s) => ({
        rollout: (await listRollouts(s.db)).find((r) => r.releaseNumber === number),
        counts: (await kioskCountsPerRelease(s.db)).get(number) ?? { on: 0, downloading: 0, failed: 0, rolledBack: 0 },
      }));
      if (opts.json === true) {
        process.stdout.write(
          `${JSON.stringify({ releaseNumber: number, rollout: rollout ?? null, ...counts }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(
        `release ${number}: ${describeRollout(rollout)}\n` +
          `kiosks on it ${counts.on}, downloading ${counts.downloading}, failed ${counts.failed}, rolled back ${counts.rolledBack}\n`,
      );
    });
}
