import { describe, expect, it } from 'vitest';
import {
  ArticleResponse,
  FaqListResponse,
  FaqResponse,
  LawResponse,
  LawsResponse,
  SlidesResponse,
  TopicsResponse,
} from '../../common/api/content';
import { useKiosk } from './fixture';

const { kiosk } = useKiosk();

async function call(path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${kiosk.origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${kiosk.secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('content API', () => {
  it('lists the topic tree with situations and how many answers each has', async () => {
    const { topics } = TopicsResponse.parse((await call('/api/content/topics')).json);
    expect(topics.length).toBeGreaterThanOrEqual(12);
    const wages = topics.find((t) => t.id === 'labour-wages')!;
    expect(wages.title['zh-CN']).toBe('劳动工资');
    expect(wages.situations.find((s) => s.id === 'labour-wages/unpaid-wages')?.faqCount).toBeGreaterThan(0);
  });

  it('answers a question with next steps and the articles it cites', async () => {
    const { items } = FaqListResponse.parse(
      (await call('/api/content/faq-list', { topicId: 'labour-wages/unpaid-wages' })).json,
    );
    expect(items.length).toBeGreaterThan(0);
    const faq = FaqResponse.parse((await call('/api/content/faq', { id: 'wages-unpaid-what-to-do' })).json);
    expect(faq.cites[0]).toMatchObject({ lawShort: '劳动合同法', article: '第三十条' });
    expect(faq.nextSteps.length).toBeGreaterThan(0);
    const article = ArticleResponse.parse(
      (await call('/api/content/article', { articleId: faq.cites[0]!.articleId })).json,
    );
    expect(article.text).toContain('劳动报酬');
    expect(article.law.versionDate).toBe('2012-12-28');
  });

  it('lists laws by category and returns a whole law in article order', async () => {
    const { categories } = LawsResponse.parse((await call('/api/content/laws')).json);
    const law = categories.flatMap((c) => c.laws).find((l) => l.shortName === '劳动合同法')!;
    const full = LawResponse.parse((await call('/api/content/law', { id: law.id })).json);
    expect(full.articles[29]?.number).toBe('第三十条');
    expect(full.articles.length).toBe(law.articleCount);
  });

  it('serves the attract-loop slides with what they cite', async () => {
    const { slides } = SlidesResponse.parse((await call('/api/content/slides')).json);
    expect(slides.length).toBeGreaterThanOrEqual(5);
    expect(slides.every((s) => s.title.length > 0 && s.body.length > 0)).toBe(true);
    expect(slides.some((s) => s.cites.length > 0)).toBe(true);
  });

  it('says 404 for an answer that does not exist, and 400 for a malformed request', async () => {
    expect((await call('/api/content/faq', { id: 'no-such-answer' })).status).toBe(404);
    expect((await call('/api/content/law', { id: 'x' })).status).toBe(400);
  });
});
