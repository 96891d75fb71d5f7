import type { Command } from 'commander';
import { localDateTime } from '../../common/local-date';
import { positiveInt } from '../../server-kit/cli/args';
import { listSubmissions } from '../storage/submissions';
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
