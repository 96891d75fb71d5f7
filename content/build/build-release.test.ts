import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SCHEMA_VERSION } from '../schema/content-schema';
import { buildRelease } from './build-release';
import { ContentError } from './source-files';

const CONTENT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kiosk-content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of content/ to break on purpose; the 8 MB corpus is linked, not copied. */
function contentCopy(name: string): string {
  const dir = join(work, name);
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !src.includes(`${join(CONTENT, 'corpus')}`) });
  symlinkSync(join(CONTENT, 'corpus'), join(dir, 'corpus'));
  return dir;
}

async function problemsOf(contentDir: string): Promise<string> {
  try {
    await buildRelease({ contentDir, outDir: join(contentDir, 'out'), laws: 'shipped' });
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  throw new Error('the build was expected to fail');
}

describe('content release builder', () => {
  it('builds the shipped release with every table, the index and a manifest that matches the file', async () => {
    const out = join(work, 'release');
    const manifest = await buildRelease({ contentDir: CONTENT, outDir: out, laws: 'shipped' });
    expect(manifest.schemaVersion).toBe(CONTENT_SCHEMA_VERSION);
    expect(manifest.counts['faq']).toBeGreaterThanOrEqual(220);
    expect(manifest.counts['laws']).toBeGreaterThanOrEqual(40);
    const db = new Database(join(out, 'content.db'), { readonly: true });
    const topics = db.prepare('SELECT count(*) AS n FROM topics WHERE parent_id IS NULL').get() as { n: number };
    expect(topics.n).toBeGreaterThanOrEqual(12);
    // Every FAQ rests on at least one article.
    expect(
      db
        .prepare(
          "SELECT count(*) AS n FROM faq WHERE id NOT IN (SELECT source_id FROM citations WHERE source_kind = 'faq')",
        )
        .get(),
    ).toEqual({ n: 0 });
    // A situation the guided consultation offers always leads to at least one answer.
    expect(
      db
        .prepare(
          'SELECT id FROM topics t WHERE parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM faq f WHERE f.topic_id = t.id)',
        )
        .all(),
    ).toEqual([]);
    // Laws carry their dates; only versions in force ship.
    expect(db.prepare("SELECT count(*) AS n FROM laws WHERE in_force = 0 OR version_date = ''").get()).toEqual({
      n: 0,
    });
    expect(
      db
        .prepare(
          "SELECT number FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.short_name = '劳动合同法' AND a.ordinal = 30",
        )
        .get(),
    ).toEqual({ number: '第三十条' });
    db.close();
    const { createHash } = await import('node:crypto');
    expect(
      createHash('sha256')
        .update(readFileSync(join(out, 'content.db')))
        .digest('hex'),
    ).toBe(manifest.sha256);
  }, 60_000);

  it('rejects a FAQ citing an article that does not exist, naming file and line', async () => {
    const dir = contentCopy('bad-cite');
    writeFileSync(
      join(dir, 'faq', 'zz-bad.yaml'),
      [
        'topic: labour-wages',
        'items:',
        '  - id: zz-bad-cite',
        '    question: 测试？',
        '    answer: 测试。',
        '    cites:',
        '      - 劳动合同法 第九百条',
        '',
      ].join('\n'),
    );
    expect(await problemsOf(dir)).toContain('/faq/zz-bad.yaml:7: 劳动合同法 has no 第九百条');
  }, 60_000);

  it('rejects a FAQ that cites nothing and a law that is not shipped, all in one report', async () => {
    const dir = contentCopy('no-cite');
    writeFileSync(
      join(dir, 'faq', 'zz-none.yaml'),
      [
        'topic: labour-wages',
        'items:',
        '  - id: zz-none',
        '    question: 测试？',
        '    answer: 测试。',
        '    cites: []',
        '  - id: zz-other',
        '    question: 测试？',
        '    answer: 测试。',
        '    cites: [婚姻法 第三十二条]',
        '',
      ].join('\n'),
    );
    const report = await problemsOf(dir);
    expect(report).toContain('/faq/zz-none.yaml:3: FAQ "zz-none" cites no article');
    expect(report).toContain('/faq/zz-none.yaml:10: "婚姻法" is not a shipped law');
  }, 60_000);

  it('names the file and line of a law that cannot be parsed', async () => {
    const dir = contentCopy('bad-law');
    const shipped = join(dir, 'laws', 'shipped.yaml');
    writeFileSync(
      shipped,
      readFileSync(shipped, 'utf8').replace('path: 社会法/劳动法(2018-12-29).md', 'path: 民法典/_index.md'),
    );
    expect(await problemsOf(dir)).toMatch(
      /\/laws\/shipped\.yaml:\d+: 民法典\/_index\.md is not in the vendored corpus/,
    );
  }, 60_000);

  it('refuses bad notices and service lines with the rest of the content, naming file and line', async () => {
    const dir = contentCopy('bad-notices');
    writeFileSync(
      join(dir, 'notices.yaml'),
      [
        'notices:',
        '  - id: x',
        '    title: 标题',
        '    body: 正文',
        '    starts_on: 2027-02-05',
        '    ends_on: 2027-02-01',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'service-lines.yaml'),
      ['regions:', "  - region_code: '420100'", '    public_legal_service: 电话'].join('\n'),
    );
    const report = await problemsOf(dir);
    expect(report).toContain('/notices.yaml:6: ends_on 2027-02-01 is before starts_on 2027-02-05');
    expect(report).toContain('/service-lines.yaml:3: regions[0].public_legal_service: expected a phone number');
  }, 60_000);
});
