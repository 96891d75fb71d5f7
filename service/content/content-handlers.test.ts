import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteName } from '../../common/api/contract';
import { startInProcessKiosk, type InProcessKiosk } from '../testing/in-process-service';

// The content routes in-process: the built release, the demo terminal (洪山区, 420111).
describe('the content routes', () => {
  let kiosk: InProcessKiosk;
  beforeAll(async () => {
    kiosk = await startInProcessKiosk({ start: false });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('answer from the release: a search, the keyboard’s candidates, an answer and the law it cites', async () => {
    const { hits } = await kiosk.ok('search', { query: '拖欠工资' });
    expect(hits.length).toBeGreaterThan(0);
    const { candidates } = await kiosk.ok('ime', { input: 'gongzi' });
    expect(candidates.map((c) => c.text)).toContain('工资');
    const faq = await kiosk.ok('faq', { id: 'wages-unpaid-what-to-do' });
    const article = await kiosk.ok('article', { articleId: faq.cites[0]!.articleId });
    expect(article.law.shortName).toBe('劳动合同法');
    expect(
      (
        await kiosk.ok('articlesByCitation', {
          citations: [
            { lawShort: '劳动合同法', article: '第三十条' },
            { lawShort: '劳动合同法', article: '第九千条' },
          ],
        })
      ).articles,
    ).toEqual([expect.objectContaining({ articleId: article.id }), null]);
  });

  it('say 404 for each kind of id the release does not have, naming it', async () => {
    const missing: [RouteName, unknown, string][] = [
      ['faq', { id: 'no-such-answer' }, 'No answer "no-such-answer"'],
      ['guide', { id: 'no-such-guide' }, 'No guide "no-such-guide"'],
      ['law', { id: 999_999 }, 'No law 999999'],
      ['article', { articleId: 999_999_999 }, 'No article 999999999'],
      ['template', { id: 'no-such-template' }, 'No template "no-such-template"'],
    ];
    for (const [route, body, message] of missing) {
      expect(await kiosk.refused(route, body)).toEqual({ status: 404, error: { code: 'not-found', message } });
    }
  });

  it('say 400 for a request the contract does not accept, before any handler runs', async () => {
    const bad = await kiosk.refused('search', { query: '工资', limit: 500 });
    expect(bad.status).toBe(400);
    expect(bad.error.code).toBe('bad-request');
    expect(bad.error.problems?.[0]?.path).toBe('body.limit');
  });

  it('list the offices of the terminal’s own region, and of one kind when asked', async () => {
    const all = await kiosk.ok('directory', {});
    expect(all.regionCode).toBe('420111');
    expect(all.entries.some((e) => e.id === 'wuhan-legal-aid-centre')).toBe(true);
    const aid = await kiosk.ok('directory', { kind: 'legal-aid-centre' });
    expect(aid.entries.length).toBeGreaterThan(0);
    expect(aid.entries.every((e) => e.kind === 'legal-aid-centre')).toBe(true);
  });
});

describe('a terminal configured for another region', () => {
  it('lists that region’s offices, not the demo’s', async () => {
    const kiosk = await startInProcessKiosk({
      start: false,
      config: (demo) => ({
        ...demo,
        location: { ...demo.location, regionCode: '440111', regionName: '广东省广州市白云区' },
      }),
    });
    try {
      const { regionCode, entries } = await kiosk.ok('directory', {});
      expect(regionCode).toBe('440111');
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.some((e) => e.id.startsWith('wuhan-') || e.id.startsWith('hubei-'))).toBe(false);
    } finally {
      await kiosk.stop();
    }
  });
});

describe('a terminal without a content release', () => {
  let kiosk: InProcessKiosk;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-no-release-'));
    kiosk = await startInProcessKiosk({ start: false, contentPath: join(dir, 'content.db') });
  });
  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every content route 503 with the reason, and still serves the rest', async () => {
    const routes: [RouteName, unknown][] = [
      ['search', { query: '工资' }],
      ['suggest', { prefix: 'gz' }],
      ['ime', { input: 'gongzi' }],
      ['slides', undefined],
      ['topics', undefined],
      ['faqList', { topicId: 'labour-wages' }],
      ['faq', { id: 'wages-unpaid-what-to-do' }],
      ['guide', { id: 'x' }],
      ['laws', undefined],
      ['law', { id: 1 }],
      ['article', { articleId: 1 }],
      ['articlesByCitation', { citations: [{ lawShort: '劳动合同法', article: '第三十条' }] }],
      ['directory', {}],
      ['templates', undefined],
      ['template', { id: 'iou' }],
    ];
    for (const [route, body] of routes) {
      const { status, error } = await kiosk.refused(route, body);
      expect({ route, status, code: error.code }).toEqual({ route, status: 503, code: 'unavailable' });
      expect(error.message).toMatch(/^Legal content is unavailable: .*content\.db does not exist/);
    }
    expect((await kiosk.ok('health')).subsystems.content).toMatchObject({
      state: 'unavailable',
      reason: 'content-missing',
    });
    expect((await kiosk.ok('devices')).devices).toHaveLength(2);
  });
});
