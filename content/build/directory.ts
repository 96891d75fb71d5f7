import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DIRECTORY_KINDS, type DirectoryKind } from '../../common/directory/kinds';
import { regionCodeProblem } from '../../common/directory/region';
import { Id, loadYaml, rel, tidyChinese, yamlFiles, type ContentProblem } from './source-files';

/**
 * The directory (机构查询): legal-service offices, from content/directory/*.yaml
 * into the release's `directory` table. See content/README.md for the format.
 */

/** What a demo entry's name ends with, so no citizen takes it for a real office. */
export const DEMO_MARK = '（演示数据）';
/**
 * Phone numbers a demo entry may show: the national public legal-service
 * hotline, or `<area code>-0000-<4 digits>` — Chinese local numbers never
 * start with 0, so such a number rings no one.
 */
const DEMO_PHONE = /^(?:12348|0\d{2,3}-0000-\d{4})$/;

const text = (max: number) => z.string().trim().min(1).max(max).transform(tidyChinese);
/** A bare number in YAML (420111, 12348) is read as the digits it is written with. */
const digitsOrText = z.union([z.string().trim(), z.number().int().nonnegative().transform(String)]);

const RegionCode = digitsOrText.superRefine((code, ctx) => {
  const problem = regionCodeProblem(code);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});
const Phone = digitsOrText.pipe(
  z.string().regex(/^[0-9+\-() ]{3,20}$/, 'expected a phone number such as "12348" or "027-0000-0101"'),
);
const MapUrl = z
  .string()
  .trim()
  .refine(
    (u) => URL.canParse(u) && new URL(u).protocol === 'https:' && new URL(u).hostname !== '',
    'expected an https:// URL, e.g. https://uri.amap.com/search?keyword=…',
  )
  // Written readably in YAML (keyword=武汉市法律援助中心), stored percent-encoded.
  .transform((u) => new URL(u).href);

const Entry = z
  .strictObject({
    id: Id,
    kind: z.enum(DIRECTORY_KINDS),
    name: text(60),
    region_code: RegionCode,
    address: text(200),
    hours: text(100),
    phone: Phone,
    services: z.array(text(30)).min(1),
    map_url: MapUrl.optional(),
    demo: z.boolean(),
  })
  .superRefine((e, ctx) => {
    if (e.demo) {
      if (!e.name.endsWith(DEMO_MARK))
        ctx.addIssue({ code: 'custom', path: ['name'], message: `a demo entry's name ends with "${DEMO_MARK}"` });
      if (!e.address.includes('演示'))
        ctx.addIssue({
          code: 'custom',
          path: ['address'],
          message: 'a demo entry\'s address says it is one, e.g. "演示地址：…"',
        });
      if (!DEMO_PHONE.test(e.phone))
        ctx.addIssue({
          code: 'custom',
          path: ['phone'],
          message:
            "a demo entry's phone is 12348 or a number no one has: <area code>-0000-<4 digits>, e.g. 027-0000-0101",
        });
    } else if (e.name.includes('演示')) {
      ctx.addIssue({ code: 'custom', path: ['demo'], message: 'the name says this is demo data: set demo: true' });
    }
  });

export const DirectoryFile = z.strictObject({ entries: z.array(Entry).min(1) });

export interface DirectoryRow {
  id: string;
  kind: DirectoryKind;
  name: string;
  regionCode: string;
  address: string;
  hours: string;
  phone: string;
  services: string[];
  mapUrl: string | undefined;
  demo: boolean;
}

export interface LoadedDirectory {
  /** The source files, in the order read (their bytes go into the release version). */
  files: string[];
  entries: DirectoryRow[];
}

/** Reads and checks content/directory/*.yaml; problems go to `problems`, named by file and line. */
export function loadDirectory(contentDir: string, problems: ContentProblem[]): LoadedDirectory {
  const files = yamlFiles(join(contentDir, 'directory'));
  const entries: DirectoryRow[] = [];
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  for (const file of files) {
    const source = loadYaml(file, DirectoryFile, problems, rel(contentDir, file));
    if (source === undefined) continue;
    source.data.entries.forEach((e, i) => {
      const line = source.lineOf(['entries', i, 'id']);
      const where = `${source.file}:${line}`;
      const dupId = ids.get(e.id);
      if (dupId !== undefined)
        problems.push({ file: source.file, line, message: `directory id "${e.id}" is already used at ${dupId}` });
      const nameKey = `${e.region_code} ${e.name}`;
      const dupName = names.get(nameKey);
      if (dupName !== undefined)
        problems.push({
          file: source.file,
          line: source.lineOf(['entries', i, 'name']),
          message: `"${e.name}" (${e.region_code}) is already listed at ${dupName}`,
        });
      if (dupId !== undefined || dupName !== undefined) return;
      ids.set(e.id, where);
      names.set(nameKey, where);
      entries.push({
        id: e.id,
        kind: e.kind,
        name: e.name,
        regionCode: e.region_code,
        address: e.address,
        hours: e.hours,
        phone: e.phone,
        services: e.services,
        mapUrl: e.map_url,
        demo: e.demo,
      });
    });
  }
  return { files, entries };
}

export function insertDirectory(db: Database, entries: readonly DirectoryRow[]): void {
  const ins = db.prepare(
    'INSERT INTO directory (id, kind, name, region_code, address, hours, phone, services, map_url, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of entries)
    ins.run(
      e.id,
      e.kind,
      e.name,
      e.regionCode,
      e.address,
      e.hours,
      e.phone,
      JSON.stringify(e.services),
      e.mapUrl ?? null,
      e.demo ? 1 : 0,
    );
}
