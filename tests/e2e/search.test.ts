import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SearchResponse, SuggestResponse } from '../../common/api/search';
import { useKiosk } from './fixture';
import { ROOT } from './harness';

/** The kiosk's shipped content release (dist/content, built by `npm test`), searched as technicians and the UI do. */
interface JsonHit {
  kind: 'article' | 'faq' | 'guide';
  title: string;
  snippet: string;
  law?: string;
  article?: string;
  cites?: { law: string; article: string }[];
}

function kioskctlSearch(query: string, limit = 10): JsonHit[] {
  const r = spawnSync('npm', ['run', '-s', 'kioskctl', '--', 'search', query, '--json', '--limit', String(limit)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as JsonHit[];
}

describe('kioskctl search', () => {
  it('离婚 returns Civil Code articles', () => {
    const hits = kioskctlSearch('离婚');
    const articles = hits.filter((h) => h.kind === 'article');
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.some((h) => h.law === '中华人民共和国民法典' && /^第.+条$/.test(h.article ?? ''))).toBe(true);
    for (const h of hits) expect(typeof h.snippet).toBe('string');
  });

  it('欠薪 puts 劳动合同法 第三十条 or the wage-payment regulation in its top 5', () => {
    // An article counts whether it is a hit itself or printed under an answer that cites it:
    // either way it is on the citizen's first screen.
    const top5 = kioskctlSearch('欠薪', 5);
    const articles = top5.flatMap((h) =>
      h.kind === 'article' ? [{ law: h.law, article: h.article }] : (h.cites ?? []),
    );
    const wanted = articles.filter(
      (a) => (a.law === '中华人民共和国劳动合同法' && a.article === '第三十条') || a.law === '保障农民工工资支付条例',
    );
    expect(wanted.length, JSON.stringify(top5.map((h) => h.title))).toBeGreaterThan(0);
  });

  it('lh (pinyin initials) returns divorce content', () => {
    const hits = kioskctlSearch('lh', 5);
    expect(hits.some((h) => h.title.includes('离婚') || h.snippet.includes('离婚'))).toBe(true);
  });

  it('FAQ hits carry their cited articles', () => {
    const faq = kioskctlSearch('老板不给钱').find((h) => h.kind === 'faq');
    expect(faq?.cites?.length).toBeGreaterThan(0);
    expect(faq?.cites?.[0]).toEqual({
      law: expect.stringMatching(/^中华人民共和国|条例|规定|解释/),
      article: expect.stringMatching(/^第.+条/),
    });
  });
});

describe('search API', () => {
  const { kiosk } = useKiosk();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${kiosk.origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kiosk.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  const HOSTILE = [
    '"',
    '""',
    '*',
    '离婚*',
    '-离婚',
    '^欠薪',
    'title:离婚',
    'NEAR(离婚 欠薪)',
    '离婚 AND 欠薪',
    '离婚 OR',
    'NOT',
    '((( 工伤',
    '"离婚',
    "'; DROP TABLE laws; --",
    '\\',
    '',
    '   ',
    '\u0000\u0007\u001b[31m离婚',
    '😀😀 离婚 👨‍👩‍👧',
    '\u202e欠薪',
    '离'.repeat(2000),
    'a'.repeat(2000),
    '离婚 '.repeat(400),
  ];

  it.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))(
    'treats %s as text, never an error',
    async (_label, query) => {
      const { status, json } = await post('/api/search', { query });
      expect(status).toBe(200);
      const result = SearchResponse.parse(json);
      expect(result.hits.length).toBeLessThanOrEqual(20);
      for (const h of result.hits)
        for (const [a, b] of h.highlights) expect(0 <= a && a < b && b <= h.snippet.length).toBe(true);
    },
  );

  it('欠薪: the statute itself is among the first five article hits', async () => {
    const result = SearchResponse.parse((await post('/api/search', { query: '欠薪', limit: 20 })).json);
    const firstArticles = result.groups.article
      .slice(0, 5)
      .flatMap((h) => (h.kind === 'article' ? [`${h.lawShort} ${h.article}`] : []));
    expect(
      firstArticles.some((a) => a === '劳动合同法 第三十条' || a.startsWith('保障农民工工资支付条例')),
      firstArticles.join(', '),
    ).toBe(true);
  });

  it('groups hits by kind and highlights the words searched inside the snippet', async () => {
    const result = SearchResponse.parse((await post('/api/search', { query: '工伤', limit: 20 })).json);
    expect(result.groups.faq.length + result.groups.article.length + result.groups.guide.length).toBe(
      result.hits.length,
    );
    const highlighted = result.hits.flatMap((h) => h.highlights.map(([a, b]) => h.snippet.slice(a, b)));
    expect(highlighted).toContain('工伤');
  });

  it('suggests words as you type, from Chinese or pinyin', async () => {
    const zh = SuggestResponse.parse((await post('/api/suggest', { prefix: '劳动' })).json);
    expect(zh.suggestions.some((s) => s.text.startsWith('劳动') && s.text.length > 2)).toBe(true);
    const py = SuggestResponse.parse((await post('/api/suggest', { prefix: 'lihun' })).json);
    expect(py.suggestions.map((s) => s.text)).toContain('离婚');
  });

  it('rejects a body that is not a search request with 400 naming the field', async () => {
    const { status, json } = await post('/api/search', { query: 42 });
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toContain('body.query');
  });
});
