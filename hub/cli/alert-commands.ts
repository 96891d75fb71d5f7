import type { Command } from 'commander';
import { REGION_CODE_PATTERN } from '../../common/hub/accounts';
import { regionWithin } from '../../common/hub/rights';
import { checkOpeningHours, WEEKDAYS, type OpeningHours, type Weekday } from '../../common/hub/opening-hours';
import { localDateTime } from '../../common/local-date';
import { EXIT_DATA, EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { listOpenAlerts } from '../storage/alerts';
import { findKiosk } from '../storage/kiosks';
import { openingHoursOf, setOpeningHours } from '../storage/opening-hours';
import { withStorage } from './cli-storage';
import { EXIT_NO_KIOSK, kioskId } from './kiosk-commands';
import { alertText, openingHoursLines, openingHoursProblemText, terminalLanguage } from './texts';

type GlobalOpts = { dataDir?: string };

/**
 * Reads `DAYS=RANGES` arguments onto a week of hours: DAYS is a day
 * (`mon`), a span (`mon-fri`) or `all`; RANGES is `closed` or ranges with
 * commas (`08:30-12:00,14:00-17:30`). What the ranges say is checked after,
 * by checkOpeningHours; here only the shape of the argument.
 */
export function applyHoursArgs(start: OpeningHours, args: readonly string[]): OpeningHours {
  const hours = { ...start };
  for (const arg of args) {
    const m = /^([a-z]+)(?:-([a-z]+))?=(.+)$/.exec(arg.trim().toLowerCase());
    const from = m?.[1] === 'all' ? 0 : WEEKDAYS.indexOf(m?.[1] as Weekday);
    const to = m?.[1] === 'all' ? 6 : m?.[2] === undefined ? from : WEEKDAYS.indexOf(m[2] as Weekday);
    if (m === null || from < 0 || to < from)
      fail(
        `"${arg}": expected DAYS=RANGES, e.g. mon-fri=08:30-12:00,14:00-17:30 or sun=closed (days: ${WEEKDAYS.join(' ')}, or all)`,
        EXIT_USAGE,
      );
    const ranges = m[3] === 'closed' ? [] : m[3]!.split(',');
    for (let d = from; d <= to; d++) hours[WEEKDAYS[d]!] = ranges;
  }
  return hours;
}

/** hubctl's commands for the fleet's health: the open alerts, and a kiosk's opening hours. */
export function addAlertCommands(program: Command, kiosk: Command): void {
  program
    .command('alerts')
    .description('the open alerts of the fleet, by region and kiosk')
    .option('--region <code>', 'only this region and the regions within it (6-digit code, GB/T 2260)')
    .option('--json', 'print JSON')
    .action(async (opts: { region?: string; json?: boolean }, cmd: Command) => {
      const region = opts.region;
      if (region !== undefined && !REGION_CODE_PATTERN.test(region))
        fail(`--region: expected a 6-digit region code (GB/T 2260), got "${region}"`, EXIT_USAGE);
      const alerts = (
        await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, (s) => listOpenAlerts(s.db))
      ).filter((a) => region === undefined || regionWithin(region, a.regionCode));
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(alerts, null, 2)}\n`);
        return;
      }
      if (alerts.length === 0) {
        process.stdout.write('no open alerts\n');
        return;
      }
      const lang = terminalLanguage();
      for (const a of alerts)
        process.stdout.write(
          `${String(a.kioskId).padStart(5)}  ${a.terminalId.padEnd(16)}  ${a.regionCode}  since ${localDateTime(new Date(a.openedAt))}  ${alertText(a, lang)}\n`,
        );
    });

  kiosk
    .command('hours')
    .argument('<id>', 'the kiosk’s id (see `hubctl kiosks`)')
    .argument(
      '[DAYS=RANGES...]',
      'e.g. mon-fri=08:30-12:00,14:00-17:30 sat=09:00-12:00 sun=closed; days not named stay',
    )
    .description('show or set when the kiosk’s site is open (China time): offline alerts are raised only then')
    .option('--default', 'back to the default hours')
    .option('--json', 'print JSON')
    .action(async (id: string, args: string[], opts: { default?: boolean; json?: boolean }, cmd: Command) => {
      const n = kioskId(id);
      if (opts.default === true && args.length > 0) fail('--default sets every day: name no days with it', EXIT_USAGE);
      const lang = terminalLanguage();
      const shown = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, async (s) => {
        const row = await findKiosk(s.db, n);
        if (row === undefined) fail(`there is no kiosk ${n}`, EXIT_NO_KIOSK);
        const current = openingHoursOf(row);
        if (args.length === 0 && opts.default !== true) return current;
        let hours: OpeningHours | null = null;
        if (opts.default !== true) {
          const checked = checkOpeningHours(applyHoursArgs(current.hours, args));
          if (!checked.ok)
            fail(
              [
                'hours refused; nothing was changed:',
                ...checked.error.map((p) => `  ${openingHoursProblemText(p, lang)}`),
              ].join('\n'),
              EXIT_DATA,
            );
          hours = checked.value;
        }
        const outcome = await setOpeningHours(s.db, n, hours, 'hubctl', new Date());
        if (outcome === 'no-such-kiosk') fail(`there is no kiosk ${n}`, EXIT_NO_KIOSK);
        if (outcome === 'revoked') fail(`kiosk ${n} is revoked: its hours no longer matter`, EXIT_NO_KIOSK);
        return openingHoursOf({ opening_hours: hours === null ? null : JSON.stringify(hours) });
      });
      if (opts.json === true) {
        process.stdout.write(
          `${JSON.stringify({ kioskId: n, openingHours: shown.hours, openingHoursAreDefault: shown.isDefault }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(
        `kiosk ${n} is open (China time)${shown.isDefault ? ', by the default hours' : ''}:\n` +
          openingHoursLines(shown.hours, lang)
            .map((l) => `  ${l}\n`)
            .join(''),
      );
    });
}
