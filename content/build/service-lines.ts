import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { regionCodeProblem } from '../../common/directory/region';
import { checkOpeningHours, WEEKDAYS, type OpeningHours } from '../../common/hub/opening-hours';
import { loadYaml, rel, ServiceLinesFile, type ContentProblem } from './source-files';

/**
 * Service lines: per region, the public legal-service hotline, local
 * hotlines and the video lawyers' duty hours, from content/service-lines.yaml
 * into the release's `service_lines` table. The file is optional (the hub's
 * console writes it); a kiosk takes each of them from the most specific
 * region that gives it, else from its configuration. See content/README.md.
 */

export const SERVICE_LINES_FILE = 'service-lines.yaml';

const HOURS_PROBLEMS = {
  'range-invalid': 'expected a range such as "09:00-12:00"',
  'closes-before-opens': 'the range ends before it starts',
  overlap: 'overlaps another range of the same day',
  'too-many-ranges': 'at most four ranges a day',
} as const;

export interface ServiceLineRow {
  regionCode: string;
  /** Each undefined when the region does not give it: the kiosk keeps what a wider region or its configuration says. */
  publicLegalService: string | undefined;
  local: { name: string; number: string }[] | undefined;
  dutyHours: OpeningHours | undefined;
}

export interface LoadedServiceLines {
  /** The source file when there is one (its bytes go into the release version). */
  file: string | undefined;
  lines: ServiceLineRow[];
}

/** Reads and checks content/service-lines.yaml, if present; problems go to `problems`, named by file and line. */
export function loadServiceLines(contentDir: string, problems: ContentProblem[]): LoadedServiceLines {
  const path = join(contentDir, SERVICE_LINES_FILE);
  if (!existsSync(path)) return { file: undefined, lines: [] };
  const source = loadYaml(path, ServiceLinesFile, problems, rel(contentDir, path));
  if (source === undefined) return { file: path, lines: [] };
  const seen = new Map<string, number>();
  const lines: ServiceLineRow[] = [];
  source.data.regions.forEach((r, i) => {
    const at = (...field: string[]): number => source.lineOf(['regions', i, ...field]);
    const before = problems.length;
    const regionProblem = regionCodeProblem(r.region_code);
    if (regionProblem !== undefined)
      problems.push({ file: source.file, line: at('region_code'), message: regionProblem });
    const dup = seen.get(r.region_code);
    if (dup !== undefined)
      problems.push({
        file: source.file,
        line: at('region_code'),
        message: `region ${r.region_code} already has its service lines at line ${dup}`,
      });
    else seen.set(r.region_code, at('region_code'));
    let dutyHours: OpeningHours | undefined;
    if (r.duty_hours !== undefined) {
      const given = Object.fromEntries(WEEKDAYS.map((d) => [d, r.duty_hours?.[d] ?? []])) as OpeningHours;
      const checked = checkOpeningHours(given);
      if (!checked.ok)
        for (const p of checked.error)
          problems.push({
            file: source.file,
            line: at('duty_hours', p.day),
            message: `duty_hours.${p.day}: ${p.range === undefined ? '' : `"${p.range}": `}${HOURS_PROBLEMS[p.problem]}`,
          });
      // No range on any day says nothing about duty: the configuration's hours stay.
      else if (WEEKDAYS.some((d) => checked.value[d].length > 0)) dutyHours = checked.value;
    }
    if (problems.length > before) return;
    lines.push({
      regionCode: r.region_code,
      publicLegalService: r.public_legal_service,
      // An empty list says nothing either: the configuration's local numbers stay.
      local: r.local === undefined || r.local.length === 0 ? undefined : r.local,
      dutyHours,
    });
  });
  return { file: path, lines };
}

export function insertServiceLines(db: Database, lines: readonly ServiceLineRow[]): void {
  const ins = db.prepare(
    'INSERT INTO service_lines (region_code, public_legal_service, local, duty_hours) VALUES (?, ?, ?, ?)',
  );
  for (const l of lines)
    ins.run(
      l.regionCode,
      l.publicLegalService ?? null,
      l.local === undefined ? null : JSON.stringify(l.local),
      l.dutyHours === undefined ? null : JSON.stringify(l.dutyHours),
    );
}
