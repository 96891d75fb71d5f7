import type { Command } from 'commander';
import { describeReleaseState, kioskReleaseStates } from '../fleet/kiosk-release-reports';
import { REGION_CODE_PATTERN } from '../../common/hub/accounts';
import { ENROLL_CODE_MAX_SECONDS, ENROLL_CODE_MIN_SECONDS } from '../../common/hub/api/kiosks';
import { localDateTime } from '../../common/local-date';
import { durationSeconds } from '../../server-kit/cli/args';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { createEnrollCode } from '../storage/enrollment-codes';
import { approveKiosk, listKiosks, revokeKiosk } from '../storage/kiosks';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** No kiosk with that id (the other exit codes are server-kit's). */
export const EXIT_NO_KIOSK = 2;

export function kioskId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) fail(`expected a kiosk id (a whole number), got "${text}"`, EXIT_USAGE);
  return id;
}

/** The fleet's commands: enrollment codes, the kiosks, their approval and revocation; answers `kiosk`, for more of its subcommands. */
export function addKioskCommands(program: Command): Command {
  program
    .command('enroll-code')
    .description('make a one-time code a kiosk enrolls with (`kioskctl hub enroll --code CODE`); shown once')
    .requiredOption('--region <code>', '6-digit region code (GB/T 2260) the kiosk stands in')
    .option('--site <name>', 'where in the region, as people name it')
    .option('--expires <duration>', 'how long the code is good for, e.g. 30m, 24h, 7d', '24h')
    .option('--pre-approve', 'a kiosk enrolling with this code is approved at once')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: { region: string; site?: string; expires: string; preApprove?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        if (!REGION_CODE_PATTERN.test(opts.region))
          fail(`--region: expected a 6-digit region code (GB/T 2260), got "${opts.region}"`, EXIT_USAGE);
        const site = opts.site?.trim();
        if (site !== undefined && (site.length === 0 || site.length > 100))
          fail('--site: expected a name of 1–100 characters', EXIT_USAGE);
        const seconds = durationSeconds(opts.expires, '--expires', ENROLL_CODE_MIN_SECONDS, ENROLL_CODE_MAX_SECONDS);
        const now = new Date();
        const made = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
          createEnrollCode(
            s.db,
            {
              regionCode: opts.region,
              site: site ?? null,
              preApproved: opts.preApprove === true,
              expiresAt: new Date(now.getTime() + seconds * 1000),
            },
            'hubctl',
            now,
          ),
        );
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(made, null, 2)}\n`);
          return;
        }
        const where = made.site === null ? `region ${made.regionCode}` : `${made.site}, region ${made.regionCode}`;
        process.stdout.write(
          `enrollment code for ${where}: ${made.code}\n` +
            `good once, until ${localDateTime(new Date(made.expiresAt))}; ` +
            (made.preApproved
              ? 'a kiosk enrolling with it is approved at once\n'
              : 'a kiosk enrolling with it waits for an administrator’s approval\n') +
            'on the terminal: kioskctl hub enroll --hub <hub URL> --code <code>\n',
        );
      },
    );

  program
    .command('kiosks')
    .description('the kiosks of the fleet, revoked ones too')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const [kiosks, releases] = await withStorage(
        cmd.optsWithGlobals<GlobalOpts>().dataDir,
        { create: false },
        async (s) => [await listKiosks(s.db, new Date()), await kioskReleaseStates(s.db)] as const,
      );
      if (opts.json === true) {
        const withReleases = kiosks.map((k) => ({ ...k, contentRelease: releases.get(k.id) ?? null }));
        process.stdout.write(`${JSON.stringify(withReleases, null, 2)}\n`);
        return;
      }
      if (kiosks.length === 0) {
        process.stdout.write('no kiosks yet: make a code with `npm run hubctl -- enroll-code --region CODE`\n');
        return;
      }
      for (const k of kiosks) {
        const seen = k.lastSeenAt === null ? 'never seen' : `seen ${localDateTime(new Date(k.lastSeenAt))}`;
        process.stdout.write(
          `${String(k.id).padStart(5)}  ${k.terminalId.padEnd(16)}  ${k.status.padEnd(8)}  ${k.regionCode}  ${k.keyFingerprint}  ${seen.padEnd(22)}  ${k.displayName}${k.site === null ? '' : ` (${k.site})`}\n`,
        );
        const release = releases.get(k.id);
        if (release !== undefined) process.stdout.write(`${' '.repeat(7)}content: ${describeReleaseState(release)}\n`);
      }
    });

  const kiosk = program.command('kiosk').description('approve or revoke one kiosk');
  kiosk
    .command('approve')
    .argument('<id>', 'the kiosk’s id (see `hubctl kiosks`); compare its key fingerprint with the terminal’s first')
    .description('let a pending kiosk into the fleet')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const n = kioskId(id);
      const outcome = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        approveKiosk(s.db, n, 'hubctl', new Date()),
      );
      if (outcome === 'no-such-kiosk') fail(`there is no kiosk ${n}`, EXIT_NO_KIOSK);
      if (outcome === 'revoked') fail(`kiosk ${n} is revoked: it enrolls again with a new code`, EXIT_NO_KIOSK);
      process.stdout.write(outcome === 'approved' ? `approved kiosk ${n}\n` : `kiosk ${n} was approved already\n`);
    });
  kiosk
    .command('revoke')
    .argument('<id>', 'the kiosk’s id (see `hubctl kiosks`)')
    .description('shut a kiosk out from its next request on; its record and history stay')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const n = kioskId(id);
      const outcome = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        revokeKiosk(s.db, n, 'hubctl', new Date()),
      );
      if (outcome === 'no-such-kiosk') fail(`there is no kiosk ${n}`, EXIT_NO_KIOSK);
      process.stdout.write(outcome === 'revoked' ? `revoked kiosk ${n}\n` : `kiosk ${n} was revoked already\n`);
    });
  return kiosk;
}
