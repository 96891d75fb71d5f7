import type { Command } from 'commander';
import {
  CallFiguresRequest,
  type CallCounts,
  type CallFiguresResponse,
  type LawyerCounts,
  type Percentiles,
} from '../../common/hub/api/call-figures';
import { monthSoFar } from '../../common/hub/china-days';
import { tallyFigures } from '../calls/call-figures';
import { readFigureInputs } from '../calls/figure-inputs';
import { parseOptions } from './cli-options';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The request's field names as the command's options spell them, for its problems. */
const OPTION_OF: Record<string, string> = { from: '--from', to: '--to', regionCode: '--region' };

/** A duration as people read it at a terminal: 45s, 12m05s; `-` when there was nothing to measure. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

const pair = (p: Percentiles): string => `${durationText(p.p50)}/${durationText(p.p90)}`;
const referralText = (r: CallCounts['referrals']): string =>
  `${r['legal-aid']}/${r.mediation}/${r.litigation}/${r.none}`;

const COUNT_HEAD = [
  'offered',
  'answered',
  'abandoned',
  'missed',
  'dropped',
  'cut off',
  'open',
  'out of hours',
  'no lawyer',
  'wait p50/p90',
  'talk p50/p90',
  'referred aid/med/lit/none',
];
const countCells = (c: CallCounts): string[] => [
  String(c.offered),
  String(c.answered),
  String(c.abandoned),
  String(c.missed),
  String(c.droppedWaiting),
  String(c.droppedInCall),
  String(c.open),
  String(c.refusedOutsideHours),
  String(c.refusedNoLawyer),
  pair(c.waitSeconds),
  pair(c.durationSeconds),
  referralText(c.referrals),
];
const LAWYER_HEAD = ['answered', 'cut off', 'rang out', 'wait p50/p90', 'talk p50/p90', 'referred aid/med/lit/none'];
const lawyerCells = (l: LawyerCounts): string[] => [
  String(l.answered),
  String(l.droppedInCall),
  String(l.offersUnanswered),
  pair(l.waitSeconds),
  pair(l.durationSeconds),
  referralText(l.referrals),
];

/**
 * Lines of a table, each column right-aligned to its widest cell; a row's
 * name comes last, where a Chinese name's width cannot push the columns.
 */
function table(head: string[], rows: { cells: string[]; name: string }[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (cells: string[], name: string) =>
    `${cells.map((c, i) => c.padStart(widths[i]!)).join('  ')}  ${name}`.trimEnd();
  return [line(head, ''), ...rows.map((r) => line(r.cells, r.name))];
}

/** The figures as text: the range, then the totals and each month, each lawyer, each kiosk. */
export function figuresText(f: CallFiguresResponse): string {
  const where = f.regionCode === null ? 'every region' : `region ${f.regionCode} and within`;
  return [
    `call figures ${f.from} to ${f.to} (China time), ${where}`,
    '',
    ...table(COUNT_HEAD, [
      ...f.byMonth.map((m) => ({ cells: countCells(m), name: m.month })),
      { cells: countCells(f.total), name: 'total' },
    ]),
    '',
    'lawyers',
    ...(f.byLawyer.length === 0
      ? ['  none answered or was rung']
      : table(
          LAWYER_HEAD,
          f.byLawyer.map((l) => ({ cells: lawyerCells(l), name: l.lawyerName })),
        )),
    '',
    'kiosks',
    ...(f.byKiosk.length === 0
      ? ['  none asked for a lawyer']
      : table(
          COUNT_HEAD,
          f.byKiosk.map((k) => ({ cells: countCells(k), name: `${k.kioskId} ${k.kioskName} (${k.regionCode})` })),
        )),
    '',
  ].join('\n');
}

/** hubctl's commands for the call desk: its figures. */
export function addCallCommands(program: Command): void {
  const calls = program.command('calls').description('the video calls between kiosks and lawyers');
  calls
    .command('figures')
    .description(
      'call figures for a range of days (China time): offered, answered, abandoned, missed, refused; waits and durations; per month, lawyer and kiosk',
    )
    .option('--from <day>', 'first day counted, YYYY-MM-DD (default: the first of this month)')
    .option('--to <day>', 'last day counted, YYYY-MM-DD (default: today)')
    .option('--region <code>', 'only this region and the regions within it (6-digit code, GB/T 2260)')
    .option('--json', 'print JSON (what the console’s figures route answers)')
    .action(async (opts: { from?: string; to?: string; region?: string; json?: boolean }, cmd: Command) => {
      const thisMonth = monthSoFar(new Date());
      const asked = {
        from: opts.from ?? thisMonth.from,
        to: opts.to ?? thisMonth.to,
        ...(opts.region === undefined ? {} : { regionCode: opts.region }),
      };
      const checked = parseOptions(CallFiguresRequest, asked, OPTION_OF);
      const range = { from: checked.from, to: checked.to, regionCode: checked.regionCode ?? null };
      const figures = tallyFigures(
        await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) =>
          readFigureInputs(s.db, range),
        ),
      );
      process.stdout.write(opts.json === true ? `${JSON.stringify(figures, null, 2)}\n` : figuresText(figures));
    });
}
