import type { Command } from 'commander';
import { localDateTime } from '../../common/local-date';
import { positiveInt } from '../../server-kit/cli/args';
import { listSubmissions } from '../storage/submissions';
import { EXIT_FAILED, fail } from '../../server-kit/cli/exit-codes';
import { formatConfigReport } from '../../server-kit/config/json-config';
import { loadHubConfig } from '../config/load-hub-config';
import { RETENTION_DEFAULTS } from '../config/schema';
import { purgeExpired } from '../storage/retention';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The submissions the kiosks delivered, as operators look at them: never their personal data. */
export function addSubmissionCommands(program: Command): void {
  program
    .command('submissions')
    .description(
      'submissions the kiosks delivered, newest first: reference, kind, kiosk, received at (no personal data)',
    )
    .option('--limit <n>', 'newest N submissions', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
      const limit = positiveInt(opts.limit, '--limit', 100_000);
      const rows = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        listSubmissions(s.db, limit),
      );
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no submissions yet\n');
        return;
      }
      for (const r of rows)
        process.stdout.write(
          `${r.reference}  ${r.kind.padEnd(21)}  kiosk ${String(r.kioskId).padStart(4)} ${r.terminalId.padEnd(16)}  ${r.regionCode}  received ${localDateTime(new Date(r.receivedAt))}\n`,
        );
    });
}

/** `hubctl purge`: what the hub's hourly purge does, now (retention from the configuration named, else the defaults). */
export function addPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description(
      'delete the submissions kept past their retention period (final cases, callbacks, ratings, hand-offs); case facts stay',
    )
    .option('--config <file>', 'the hub’s configuration file, for its `retention` (default: the default periods)')
    .option('--json', 'print JSON')
    .action(async (opts: { config?: string; json?: boolean }, cmd: Command) => {
      let retention = RETENTION_DEFAULTS;
      if (opts.config !== undefined) {
        const loaded = loadHubConfig(opts.config);
        if (!loaded.ok) fail(formatConfigReport(loaded.error), EXIT_FAILED);
        retention = loaded.value.config.retention;
      }
      const counts = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
        purgeExpired(s.db, retention, new Date(), 'hubctl'),
      );
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify({ retention, purged: counts }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `purged ${counts.cases} final cases (closed over ${retention.closedCaseDays} days ago), ` +
          `${counts.callbacks} callback requests, ${counts.ratings} ratings, ${counts.handoffs} hand-offs\n`,
      );
    });
}
