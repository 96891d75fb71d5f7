import type { KioskNotice, TerminalInfo } from '../../common/api/health';
import { enclosingRegions, regionContains } from '../../common/directory/region';
import { CHINA_UTC_OFFSET_MS } from '../../common/hub/opening-hours';
import type { ReleaseNotice, ReleaseServiceLine } from './content-reader';
import { ContentUnavailableError, type ContentService } from './content-service';

/**
 * What the content release says for this terminal beyond the screens'
 * content: its hotlines and its video lawyers' duty hours (service lines of
 * its region), and the notices its home screen shows today. Read again
 * whenever the release served changes, so a switch between two sessions
 * shows the new values without a restart; the notices are chosen again
 * whenever the day (China time) changes.
 */

export type Hotlines = TerminalInfo['hotlines'];
export type DutyHours = TerminalInfo['videoCall']['dutyHours'];

export interface TerminalContent {
  hotlines: Hotlines;
  dutyHours: DutyHours;
  notices: KioskNotice[];
}

/** The calendar day of `at` in China time (UTC+8 all year), as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The notices a terminal in `regionCode` shows on `day` (YYYY-MM-DD, China
 * time): those for every kiosk and those of a region the terminal lies in,
 * from the start of their first day to the end of their last, in the
 * release's order.
 */
export function noticesFor(notices: readonly ReleaseNotice[], regionCode: string, day: string): KioskNotice[] {
  return notices
    .filter((n) => n.regionCode === null || regionContains(n.regionCode, regionCode))
    .filter((n) => n.startsOn <= day && day <= n.endsOn)
    .map(({ id, title, body, startsOn, endsOn }) => ({ id, title, body, startsOn, endsOn }));
}

/**
 * The hotlines and duty hours a terminal shows: each from the most specific
 * of its regions whose service lines give it (district, city, province),
 * else from its configuration. `lines` are the release's service lines for
 * the terminal's regions, most specific first.
 */
export function serviceLinesFor(
  lines: readonly ReleaseServiceLine[],
  configured: { hotlines: Hotlines; dutyHours: DutyHours },
): { hotlines: Hotlines; dutyHours: DutyHours } {
  const first = <T>(pick: (l: ReleaseServiceLine) => T | null): T | undefined => {
    for (const l of lines) {
      const value = pick(l);
      if (value !== null) return value;
    }
    return undefined;
  };
  return {
    hotlines: {
      publicLegalService: first((l) => l.publicLegalService) ?? configured.hotlines.publicLegalService,
      local: first((l) => l.local) ?? configured.hotlines.local,
    },
    dutyHours: first((l) => l.dutyHours) ?? configured.dutyHours,
  };
}

export interface TerminalContentOptions {
  content: ContentService;
  /** The terminal's region (configuration `location.regionCode`). */
  regionCode: string;
  /** The configuration's hotlines and duty hours: what the terminal shows when the release has nothing for it. */
  configured: { hotlines: Hotlines; dutyHours: DutyHours };
  now?: () => Date;
  /** Told once per release when its notices or service lines cannot be read (the configuration is shown meanwhile). */
  onReadFailure?: (error: unknown) => void;
}

/** Answers what the served release says for this terminal now; asked on every health, it reads the release only when the release or the day changed. */
export function terminalContent(opts: TerminalContentOptions): () => TerminalContent {
  const now = opts.now ?? (() => new Date());
  let read: { release: string | null; notices: ReleaseNotice[]; lines: ReturnType<typeof serviceLinesFor> } | undefined;
  let chosen: { release: string | null; day: string; notices: KioskNotice[] } | undefined;
  const fromRelease = (release: string | null): NonNullable<typeof read> => {
    if (release === null) return { release, notices: [], lines: opts.configured };
    try {
      return opts.content.guard(() => {
        const reader = opts.content.reader();
        const lines = enclosingRegions(opts.regionCode).flatMap((r) => reader.serviceLine(r) ?? []);
        return { release, notices: reader.notices(), lines: serviceLinesFor(lines, opts.configured) };
      });
    } catch (error) {
      // No usable release (or one found damaged now): the configuration's lines, no notices; health says why.
      if (!(error instanceof ContentUnavailableError)) opts.onReadFailure?.(error);
      return { release, notices: [], lines: opts.configured };
    }
  };
  return () => {
    const release = opts.content.releaseVersion();
    if (read === undefined || read.release !== release) read = fromRelease(release);
    const day = chinaDay(now());
    if (chosen === undefined || chosen.release !== release || chosen.day !== day)
      chosen = { release, day, notices: noticesFor(read.notices, opts.regionCode, day) };
    return { ...read.lines, notices: chosen.notices };
  };
}
