import type { Command } from 'commander';
import { REGION_CODE_PATTERN } from '../../common/hub/accounts';
import { ENROLL_CODE_MAX_SECONDS, ENROLL_CODE_MIN_SECONDS } from '../../common/hub/api/kiosks';
import { localDateTime } from '../../common/local-date';
import { durationSeconds } from '../../server-kit/cli/args';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { createEnrollCode } from '../storage/enrollment-codes';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The fleet's commands: enrollment codes for kiosks. */
export function addKioskCommands(program: Command): void {
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
}
