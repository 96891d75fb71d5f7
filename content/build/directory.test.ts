import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DIRECTORY_KINDS } from '../../common/directory/kinds';
import { officesForTerminal } from '../../common/directory/region';
import { CONTENT_DDL } from '../schema/content-schema';
import { buildRelease } from './build-release';
import { DEMO_MARK, insertDirectory, loadDirectory } from './directory';
import { ContentError, type ContentProblem } from './source-files';

const CONTENT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kiosk-directory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A content folder holding only directory files. */
function directoryDir(name: string, files: Record<string, string[]>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'directory'), { recursive: true });
  for (const [file, lines] of Object.entries(files))
    writeFileSync(join(dir, 'directory', file), `${lines.join('\n')}\n`);
  return dir;
}

function report(problems: readonly ContentProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

const entry = (over: Record<string, string> = {}): string[] => {
  const fields: Record<string, string> = {
    id: 'zz-office',
    kind: 'legal-aid-centre',
    name: `测试法律援助中心${DEMO_MARK}`,
    region_code: "'420111'",
    address: '演示地址：测试路 1 号',
    hours: '周一至周五 9:00—17:00',
    phone: '027-0000-0001',
    services: '[法律援助申请]',
    map_url: 'https://uri.amap.com/search?keyword=测试法律援助中心',
    demo: 'true',
    ...over,
  };
  return Object.entries(fields).flatMap(([k, v], i) => (v === '' ? [] : [`${i === 0 ? '  - ' : '    '}${k}: ${v}`]));
};

describe('directory source files', () => {
  it('loads the shipped directory: every entry is marked demo, both example regions have every kind of office', () => {
    const problems: ContentProblem[] = [];
    const { entries, files } = loadDirectory(CONTENT, problems);
    expect(report(problems)).toBe('');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const e of entries) {
      expect(e.demo, e.id).toBe(true);
      expect(e.name.endsWith(DEMO_MARK), e.name).toBe(true);
      expect(e.address, e.id).toMatch(/^演示地址：/);
      expect(e.phone, e.id).toMatch(/^(12348|0\d{2,3}-0000-\d{4})$/);
      if (e.mapUrl !== undefined) expect(e.mapUrl, e.id).toMatch(/^https:\/\/uri\.amap\.com\/search\?keyword=%/);
    }
    // The demo terminal (kiosk-config/demo.json) and the field example (kiosk-config/examples/field-guangzhou-baiyun.json).
    for (const region of ['420111', '440111']) {
      const local = officesForTerminal(entries, region).filter((e) => e.scope === 'local');
      expect(new Set(local.map((e) => e.kind)), region).toEqual(new Set(DIRECTORY_KINDS));
      expect(
        officesForTerminal(entries, region).some((e) => e.scope === 'city'),
        region,
      ).toBe(true);
      expect(
        officesForTerminal(entries, region).some((e) => e.scope === 'province'),
        region,
      ).toBe(true);
    }
  });

  it('uses the same kinds as the content schema', () => {
    const check = /kind\s+TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)/.exec(
      CONTENT_DDL.slice(CONTENT_DDL.indexOf('CREATE TABLE directory')),
    );
    expect(check?.[1]?.split(',').map((k) => k.trim().replace(/'/g, ''))).toEqual([...DIRECTORY_KINDS]);
  });

  it('writes rows the release schema accepts, with services as JSON and the map link percent-encoded', () => {
    const problems: ContentProblem[] = [];
    const dir = directoryDir('good', {
      'a.yaml': [
        'entries:',
        ...entry(),
        ...entry({
          id: 'zz-firm',
          kind: 'law-firm',
          name: `测试律师事务所${DEMO_MARK}`,
          map_url: '',
          phone: '12348',
          region_code: '420100',
          services: '[劳动争议, 合同纠纷]',
        }),
      ],
    });
    const { entries } = loadDirectory(dir, problems);
    expect(report(problems)).toBe('');
    const db = new Database(':memory:');
    db.exec(CONTENT_DDL);
    insertDirectory(db, entries);
    expect(
      db.prepare('SELECT id, kind, region_code, phone, services, map_url, demo FROM directory ORDER BY id').all(),
    ).toEqual([
      {
        id: 'zz-firm',
        kind: 'law-firm',
        region_code: '420100',
        phone: '12348',
        services: '["劳动争议","合同纠纷"]',
        map_url: null,
        demo: 1,
      },
      {
        id: 'zz-office',
        kind: 'legal-aid-centre',
        region_code: '420111',
        phone: '027-0000-0001',
        services: '["法律援助申请"]',
        map_url: `https://uri.amap.com/search?keyword=${encodeURIComponent('测试法律援助中心')}`,
        demo: 1,
      },
    ]);
    db.close();
  });

  it('names file and line of an unknown kind, a bad region code, a map link that is not https and an unknown key', () => {
    const problems: ContentProblem[] = [];
    const dir = directoryDir('bad-fields', {
      'zz-bad.yaml': [
        'entries:', // 1
        ...entry({ kind: 'court', region_code: "'990111'", map_url: 'http://uri.amap.com/search?keyword=x' }), // 2–11
        ...entry({ id: 'zz-two', region_code: '420011', services: '[]' }), // 12–21
        '    website: https://example.org', // 22
      ],
    });
    loadDirectory(dir, problems);
    const text = report(problems);
    expect(text).toContain(
      'bad-fields/directory/zz-bad.yaml:3: entries[0].kind: Invalid option: expected one of "legal-aid-centre"|',
    );
    expect(text).toContain(
      'directory/zz-bad.yaml:5: entries[0].region_code: "990111" is not a region code: no province starts with 99',
    );
    expect(text).toContain('directory/zz-bad.yaml:10: entries[0].map_url: expected an https:// URL');
    expect(text).toContain('directory/zz-bad.yaml:15: entries[1].region_code: "420011" is not a region code');
    expect(text).toContain('directory/zz-bad.yaml:19: entries[1].services: Too small');
    expect(text).toMatch(/directory\/zz-bad\.yaml:12: entries\[1\]: .*"website"/);
  });

  it('refuses demo data that could pass for real: no mark in the name, a real-looking address or phone', () => {
    const problems: ContentProblem[] = [];
    const dir = directoryDir('bad-demo', {
      'zz-demo.yaml': [
        'entries:',
        ...entry({ name: '测试法律援助中心', address: '武汉市测试路 1 号', phone: '027-8765-4321' }),
        ...entry({ id: 'zz-real', name: `真机构${DEMO_MARK}`, demo: 'false' }),
      ],
    });
    loadDirectory(dir, problems);
    const text = report(problems);
    expect(text).toContain(`directory/zz-demo.yaml:4: entries[0].name: a demo entry's name ends with "${DEMO_MARK}"`);
    expect(text).toContain("directory/zz-demo.yaml:6: entries[0].address: a demo entry's address says it is one");
    expect(text).toContain(
      "directory/zz-demo.yaml:8: entries[0].phone: a demo entry's phone is 12348 or a number no one has",
    );
    expect(text).toContain(
      'directory/zz-demo.yaml:21: entries[1].demo: the name says this is demo data: set demo: true',
    );
  });

  it('refuses an id used twice and the same office listed twice, naming both places', () => {
    const problems: ContentProblem[] = [];
    const dir = directoryDir('dup', {
      'a.yaml': ['entries:', ...entry()],
      'b.yaml': ['entries:', ...entry(), ...entry({ id: 'zz-other' })],
    });
    const { entries } = loadDirectory(dir, problems);
    expect(report(problems)).toBe(
      [
        'dup/directory/b.yaml:2: directory id "zz-office" is already used at dup/directory/a.yaml:2',
        `dup/directory/b.yaml:4: "测试法律援助中心${DEMO_MARK}" (420111) is already listed at dup/directory/a.yaml:2`,
        `dup/directory/b.yaml:14: "测试法律援助中心${DEMO_MARK}" (420111) is already listed at dup/directory/a.yaml:2`,
      ].join('\n'),
    );
    expect(entries.map((e) => e.id)).toEqual(['zz-office']);
  });

  it('fails the release build with the directory problem, named by file and line', async () => {
    const dir = join(work, 'release-bad');
    cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.includes(`${join(CONTENT, 'corpus')}`) });
    symlinkSync(join(CONTENT, 'corpus'), join(dir, 'corpus'));
    writeFileSync(join(dir, 'directory', 'zz-bad.yaml'), `${['entries:', ...entry({ kind: 'court' })].join('\n')}\n`);
    const error = await buildRelease({ contentDir: dir, outDir: join(dir, 'out'), laws: 'shipped' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toContain(
      'release-bad/directory/zz-bad.yaml:3: entries[0].kind: Invalid option',
    );
  }, 60_000);
});
