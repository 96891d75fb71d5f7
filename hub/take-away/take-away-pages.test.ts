import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestHub } from '../testing/test-hub';
import { DEFAULT_CONTENT_RELEASE } from './current-release';

/**
 * The take-away pages of a real hub (in-process, answering inject) over a
 * copy of the checkout's content release, with a few rows added whose text
 * is markup, to prove it reaches the page as text.
 */
const dir = mkdtempSync(join(tmpdir(), 'take-away-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const RELEASE = join(dir, 'content.db');
copyFileSync(DEFAULT_CONTENT_RELEASE, RELEASE);
const VERSION = (() => {
  const db = new Database(RELEASE);
  const evil = '<script>alert(1)</script>"\'&';
  db.prepare(
    `INSERT INTO faq (id, topic_id, question, answer, next_steps, keywords, related, sort)
     VALUES ('markup-test', 'labour-wages/unpaid-wages', ?, ?, ?, '[]', '[]', 999)`,
  ).run(`问${evil}`, `答${evil}`, JSON.stringify([{ step: `步骤${evil}`, time_limit: `时限${evil}` }]));
  db.prepare(
    `INSERT INTO directory (id, kind, name, region_code, address, hours, phone, services, map_url, demo)
     VALUES ('markup-office', 'law-firm', ?, '420111', ?, NULL, '027"><b>1', '[]', 'javascript:alert(1)', 1)`,
  ).run(`所${evil}`, `址${evil}`);
  // JSON cells whose items are objects shaped like the page's own markup: they must never pass for it.
  const planted = { html: '<meta http-equiv="refresh" content="0;url=https://evil.example/">' };
  db.prepare(
    `INSERT INTO faq (id, topic_id, question, answer, next_steps, keywords, related, sort)
     VALUES ('markup-json', 'labour-wages/unpaid-wages', '问', '答', ?, '[]', '[]', 998)`,
  ).run(JSON.stringify([{ step: planted }, { step: [planted] }]));
  db.prepare(
    `INSERT INTO directory (id, kind, name, region_code, address, hours, phone, services, map_url, demo)
     VALUES ('markup-json-office', 'law-firm', '所', '420111', '址', NULL, NULL, ?, NULL, 1)`,
  ).run(JSON.stringify([planted]));
  db.prepare(
    `INSERT INTO guides (id, topic_id, title, summary, steps, keywords)
     SELECT 'broken-guide', topic_id, title, summary, '[{"title": 1}]', keywords FROM guides LIMIT 1`,
  ).run();
  const version = (db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string }).value;
  db.close();
  return version;
})();

const hub = useTestHub('sqlite', { contentRelease: RELEASE });
const get = (path: string, headers: Record<string, string> = {}) =>
  hub.call({ method: 'GET', path, noHubHeader: true, headers });

/** A page's visible text, without markup, entities decoded: what a reader sees. */
function visibleText(body: string): string {
  return body
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const PAGE_LIMIT = 50 * 1024;

describe('the take-away pages', () => {
  it('an answer: the question, the answer, its cited articles as links to their pages, the firm and the hotline', async () => {
    const res = await get('/p/answer/wages-unpaid-what-to-do');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(res.body).toMatch(/<h1>[^<]*工资[^<]*<\/h1>/);
    expect(res.body).toContain(
      `<a href="../law?title=${encodeURIComponent('中华人民共和国劳动合同法').replace(/%20/g, '+')}&amp;version=2012-12-28&amp;article=${encodeURIComponent('第三十条')}">劳动合同法 第三十条</a>`,
    );
    const text = visibleText(res.body);
    expect(text).toContain('互联网·无人律所');
    expect(text).toContain('12348');
    expect(text).toContain(`内容版本 ${VERSION}`);
    expect(res.rawPayload.length).toBeLessThan(PAGE_LIMIT);
  });

  it('caching: the release version in the ETag, a short public lifetime, 304 for a page the phone has', async () => {
    const res = await get('/p/answer/wages-unpaid-what-to-do');
    const etag = res.headers['etag'] as string;
    expect(etag.startsWith(`"${VERSION}.`)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const again = await get('/p/answer/wages-unpaid-what-to-do', { 'if-none-match': `W/"other", ${etag}` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['etag']).toBe(etag);
    // Another page, or the other language, is another representation.
    expect((await get('/p/answer/wages-unpaid-what-to-do?lang=en')).headers['etag']).not.toBe(etag);
    expect((await get('/p/answer/wages-unpaid-time-limit', { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('no script may run and only its own stylesheet applies; the usual protective headers stay', async () => {
    const res = await get('/p/guide/labour-arbitration');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(csp).not.toContain('script-src');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('a guide, an article, an office: each with its content, under 50 KB', async () => {
    const guide = await get('/p/guide/protection-order');
    expect(guide.statusCode).toBe(200);
    expect(visibleText(guide.body)).toContain('办理步骤');
    expect(guide.body.match(/href="\.\.\/law\?/g)?.length).toBe(21);

    const law = await get(
      `/p/law?title=${encodeURIComponent('女职工劳动保护特别规定')}&version=2012-04-28&article=${encodeURIComponent('第十六条')}`,
    );
    expect(law.statusCode).toBe(200);
    expect(law.body).toContain('<h1>女职工劳动保护特别规定 第十六条</h1>');
    expect(visibleText(law.body)).toContain('2012-04-28 版本');
    expect(law.body).not.toContain('class="note"');

    const office = await get('/p/office/hubei-legal-aid-centre');
    expect(office.statusCode).toBe(200);
    expect(office.body).toContain('<h1>湖北省法律援助中心（演示数据）</h1>');
    expect(office.body).toContain('<a href="tel:02700000901">027-0000-0901</a>');
    expect(office.body).toMatch(
      /<a href="https:\/\/uri\.amap\.com\/search\?[^"]+" rel="noopener noreferrer">在地图上查看<\/a>/,
    );
    expect(visibleText(office.body)).toContain('演示数据，不是真实机构。');

    for (const res of [guide, law, office]) expect(res.rawPayload.length).toBeLessThan(PAGE_LIMIT);
  });

  it('an article of a law amended since the code was made: the version in force, saying so', async () => {
    const res = await get(
      `/p/law?title=${encodeURIComponent('中华人民共和国劳动合同法')}&version=2007-06-29&article=${encodeURIComponent('第三十条')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(visibleText(res.body)).toContain('您扫描的是 2007-06-29 版本，这里显示的是现行的 2012-12-28 版本。');
  });

  it('text from the release is escaped wherever it goes, and only an https map link becomes a link', async () => {
    const answer = await get('/p/answer/markup-test');
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain('<script>');
    expect(answer.body).toContain(
      '<title>问&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp; · 互联网·无人律所</title>',
    );
    const text = visibleText(answer.body);
    for (const shown of ['问<script>', '答<script>alert(1)</script>"\'&', '步骤<script>', '时限：时限<script>'])
      expect(text).toContain(shown);

    const office = await get('/p/office/markup-office');
    expect(office.body).not.toContain('<script>');
    expect(office.body).not.toContain('<b>');
    expect(office.body).toContain('<a href="tel:0271">027&quot;&gt;&lt;b&gt;1</a>');
    expect(office.body).not.toContain('javascript:');
  });

  it('a release row that is not what the schema says: an unavailable page, never its cells as markup, nothing of the fault shown', async () => {
    for (const path of ['/p/answer/markup-json', '/p/office/markup-json-office', '/p/guide/broken-guide']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(500);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], path).toBe('no-store');
      expect(res.body, path).not.toContain('http-equiv');
      expect(res.body, path).not.toContain('evil.example');
      expect(res.body, path).toContain('<h1>暂时无法查看</h1>');
      expect(res.body, path).not.toMatch(/JSON|content\.db|at /);
    }
    // The log says which row and what was wrong; the rest of the release is still served.
    const faults = hub.logs.filter((line) => line.includes('could not be made from the release')).join('\n');
    expect(faults).toContain('faq markup-json: nextSteps[0].step');
    expect(faults).toContain('office markup-json-office: services[0]');
    expect(faults).toContain('guide broken-guide: steps[0].title');
    expect((await get('/p/answer/wages-unpaid-what-to-do')).statusCode).toBe(200);
  });

  it('?lang=en: English chrome around the Chinese content, and a link back', async () => {
    const res = await get('/p/answer/wages-unpaid-what-to-do?lang=en');
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    const text = visibleText(res.body);
    expect(text).toContain('Legal basis');
    expect(text).toContain('public legal service hotline 12348');
    expect(res.body).toMatch(/<h1>[^<]*工资[^<]*<\/h1>/);
    expect(res.body).toContain('<a href="wages-unpaid-what-to-do" lang="zh-CN">中文</a>');
    expect(res.body).toContain('&amp;lang=en">劳动合同法 第三十条</a>');
    const zh = await get('/p/answer/wages-unpaid-what-to-do');
    expect(zh.body).toContain('<a href="wages-unpaid-what-to-do?lang=en" lang="en">English</a>');
  });

  it('an id the release does not have: a clear 404 page; a malformed link: a 400 page; no lookup either way', async () => {
    for (const path of [
      '/p/answer/no-such-answer',
      '/p/guide/no-such-guide',
      '/p/office/no-such-office',
      `/p/law?title=${encodeURIComponent('中华人民共和国劳动合同法')}&version=2012-12-28&article=${encodeURIComponent('第九百条')}`,
      `/p/law?title=${encodeURIComponent('没有这部法')}&version=2012-12-28&article=${encodeURIComponent('第一条')}`,
    ]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], path).toBe('public, max-age=60');
      expect(res.body, path).toContain('<h1>没有找到这一页</h1>');
      expect(visibleText(res.body), path).toContain('12348');
    }
    expect((await get('/p/answer/no-such-answer?lang=en')).body).toContain('<h1>Page not found</h1>');
    for (const path of [
      '/p/answer/Wages-Unpaid',
      '/p/answer/..%2Fadmin',
      `/p/answer/${'a'.repeat(81)}`,
      '/p/answer/wages-unpaid-what-to-do?lang=fr',
      '/p/answer/wages-unpaid-what-to-do?utm=1',
      '/p/answer/wages-unpaid-what-to-do?lang=en&lang=en',
      `/p/law?title=x&version=2012-12-28`,
      `/p/law?title=x&version=2012-12&article=${encodeURIComponent('第一条')}`,
      `/p/law?title=x&version=2012-12-28&article=${encodeURIComponent('第x条')}`,
    ]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.body, path).toContain('<h1>链接不完整</h1>');
    }
  });
});

describe('the take-away pages without a content release', () => {
  const bare = useTestHub('sqlite', { contentRelease: join(dir, 'none.db') });
  it('say the content is unavailable (503), not cached', async () => {
    const res = await bare.call({ method: 'GET', path: '/p/answer/wages-unpaid-what-to-do', noHubHeader: true });
    expect(res.statusCode).toBe(503);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<h1>暂时无法查看</h1>');
  });
});
