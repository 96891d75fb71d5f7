import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { chinaDay } from '../../common/hub/china-days';
import { FIGURE_TABLES, YearFiguresRequest, type YearFiguresResponse } from '../../common/hub/api/year-figures';
import { en } from '../../common/i18n/en';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { figureSheet } from '../../common/hub/figure-sheets';
import { toCsv, toXlsx } from '../figures/figure-export';
import { readYearInputs } from '../figures/year-figure-inputs';
import { tallyYear } from '../figures/year-figures';
import { parseOptions } from './cli-options';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The request's field names as the command's options spell them, for its problems. */
const OPTION_OF: Record<string, string> = { year: '--year', regionCode: '--region', kioskId: '--kiosk' };

/** The annual table as text: a column per month, the line's name last (where its width cannot push the columns). */
export function annualText(f: YearFiguresResponse): string {
  const where =
    f.kioskId !== null
      ? `kiosk ${f.kioskId}`
      : f.regionCode === null
        ? 'every region'
        : `region ${f.regionCode} and within`;
  const head = ['year', ...Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'))];
  const rows = f.annual.map((r) => ({
    cells: [String(r.total), ...r.byMonth.map(String)],
    name: en.hubFigures.lines[r.line],
  }));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (cells: string[], name: string) =>
    `${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}  ${name}`.trimEnd();
  return [
    `annual table ${f.year} (China time), ${where}`,
    '',
    line(head, ''),
    ...rows.map((r) => line(r.cells, r.name)),
    '',
  ].join('\n');
}

/** hubctl's commands for the year's figures. */
export function addFigureCommands(program: Command): void {
  program
    .command('stats')
    .description(
      'the annual table of a year (legal consultations, legal-aid referrals, dispute screenings, mediation cases…), per month; or every table as a file',
    )
    .option('--year <year>', 'the year counted (default: this year, China time)')
    .option('--region <code>', 'only this region and the regions within it (6-digit code, GB/T 2260)')
    .option('--kiosk <id>', 'only this kiosk (its id, as `hubctl kiosks list` shows it)')
    .option('--json', 'print the annual table as JSON')
    .option(
      '--out <file>',
      `write every table to this file instead: .xlsx (one sheet each) or .csv (--table, one of ${FIGURE_TABLES.join(', ')})`,
    )
    .option('--table <table>', 'the table of a .csv file')
    .action(
      async (
        opts: { year?: string; region?: string; kiosk?: string; json?: boolean; out?: string; table?: string },
        cmd: Command,
      ) => {
        const number = (text: string | undefined) =>
          text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : text;
        const asked = {
          year: number(opts.year) ?? Number(chinaDay(new Date()).slice(0, 4)),
          ...(opts.region === undefined ? {} : { regionCode: opts.region }),
          ...(opts.kiosk === undefined ? {} : { kioskId: number(opts.kiosk) }),
        };
        const { year, regionCode, kioskId } = parseOptions(YearFiguresRequest, asked, OPTION_OF);
        const format =
          opts.out === undefined
            ? undefined
            : opts.out.endsWith('.xlsx')
              ? 'xlsx'
              : opts.out.endsWith('.csv')
                ? 'csv'
                : null;
        if (format === null) fail('--out: the file must end in .xlsx or .csv', EXIT_USAGE);
        const table = opts.table === undefined ? undefined : FIGURE_TABLES.find((t) => t === opts.table);
        if (opts.table !== undefined && table === undefined)
          fail(`--table: expected one of ${FIGURE_TABLES.join(', ')}`, EXIT_USAGE);
        if (format === 'csv' && table === undefined)
          fail(`--table: a CSV holds one table: name it (${FIGURE_TABLES.join(', ')})`, EXIT_USAGE);

        const figures = tallyYear(
          await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
            readYearInputs(s.db, { year, regionCode: regionCode ?? null, kioskId: kioskId ?? null }),
          ),
        );
        if (format !== undefined) {
          const file =
            format === 'csv'
              ? toCsv(figureSheet(figures, table!, 'zh-CN'))
              : await toXlsx(figures, 'zh-CN', table === undefined ? undefined : [table]);
          writeFileSync(opts.out!, file);
          process.stdout.write(
            `${table === undefined ? 'every table' : `table ${table}`} of ${year} written to ${opts.out!}\n`,
          );
          return;
        }
        process.stdout.write(
          opts.json === true
            ? `${JSON.stringify({ year: figures.year, regionCode: figures.regionCode, kioskId: figures.kioskId, annual: figures.annual }, null, 2)}\n`
            : annualText(figures),
        );
      },
    );
}
