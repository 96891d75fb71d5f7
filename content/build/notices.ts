import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { regionCodeProblem } from '../../common/directory/region';
import { loadYaml, NoticesFile, rel, type ContentProblem } from './source-files';

/**
 * Notices (公告): a banner on the kiosk's home screen between two days, from
 * content/notices.yaml into the release's `notices` table. The file is
 * optional; the hub's console writes it. See content/README.md for the format.
 */

export const NOTICES_FILE = 'notices.yaml';

export interface NoticeRow {
  id: string;
  /** Undefined: every kiosk; else the kiosks of this region and the regions under it. */
  regionCode: string | undefined;
  title: string;
  body: string;
  /** YYYY-MM-DD, China time: shown from the start of startsOn to the end of endsOn. */
  startsOn: string;
  endsOn: string;
}

export interface LoadedNotices {
  /** The source file when there is one (its bytes go into the release version). */
  file: string | undefined;
  notices: NoticeRow[];
}

/** Reads and checks content/notices.yaml, if present; problems go to `problems`, named by file and line. */
export function loadNotices(contentDir: string, problems: ContentProblem[]): LoadedNotices {
  const path = join(contentDir, NOTICES_FILE);
  if (!existsSync(path)) return { file: undefined, notices: [] };
  const source = loadYaml(path, NoticesFile, problems, rel(contentDir, path));
  if (source === undefined) return { file: path, notices: [] };
  const seen = new Map<string, number>();
  const notices: NoticeRow[] = [];
  source.data.notices.forEach((n, i) => {
    const at = (field: string): number => source.lineOf(['notices', i, field]);
    const before = problems.length;
    const dup = seen.get(n.id);
    if (dup !== undefined)
      problems.push({
        file: source.file,
        line: at('id'),
        message: `notice id "${n.id}" is already used at line ${dup}`,
      });
    else seen.set(n.id, at('id'));
    const regionProblem = n.region_code === undefined ? undefined : regionCodeProblem(n.region_code);
    if (regionProblem !== undefined)
      problems.push({ file: source.file, line: at('region_code'), message: regionProblem });
    if (n.ends_on < n.starts_on)
      problems.push({
        file: source.file,
        line: at('ends_on'),
        message: `ends_on ${n.ends_on} is before starts_on ${n.starts_on}`,
      });
    if (problems.length > before) return;
    notices.push({
      id: n.id,
      regionCode: n.region_code,
      title: n.title,
      body: n.body,
      startsOn: n.starts_on,
      endsOn: n.ends_on,
    });
  });
  return { file: path, notices };
}

export function insertNotices(db: Database, notices: readonly NoticeRow[]): void {
  const ins = db.prepare(
    'INSERT INTO notices (id, region_code, title, body, starts_on, ends_on, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  notices.forEach((n, i) => ins.run(n.id, n.regionCode ?? null, n.title, n.body, n.startsOn, n.endsOn, i));
}
