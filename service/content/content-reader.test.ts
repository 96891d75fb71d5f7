import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_CATEGORIES } from '../../content/build/templates';
import { openContentDb } from './content-db';
import { ContentReader } from './content-reader';

// The kiosk's content release, built by `npm test` (and `npm run content:build`) before the tests run.
const ROOT = join(import.meta.dirname, '..', '..');
const RELEASE = join(ROOT, 'dist', 'content', 'content.db');
const { db } = openContentDb(RELEASE);
const reader = new ContentReader(db);

describe('FAQ list of a topic (shipped release)', () => {
  const all = (db.prepare('SELECT count(*) AS n FROM faq').get() as { n: number }).n;

  it('lists a situation’s answers, and a topic’s with its situations’', () => {
    const situation = reader.faqList('labour-wages/unpaid-wages').items;
    expect(situation.length).toBeGreaterThan(0);
    const topic = reader.faqList('labour-wages').items;
    expect(topic.length).toBeGreaterThan(situation.length);
    expect(topic.map((i) => i.id)).toEqual(expect.arrayContaining(situation.map((i) => i.id)));
    expect(topic.length).toBeLessThan(all);
  });

  it.each(['%', '_', '%%', 'labour%', 'labour-wages/%', 'LABOUR-WAGES', '____________'])(
    'reads %s as a topic name, not a pattern',
    (topicId) => {
      expect(reader.faqList(topicId).items).toEqual([]);
    },
  );
});

describe('templates (shipped release)', () => {
  it('lists every template by category, then by its own sort key, each with its governing article', () => {
    const list = reader.templates().templates;
    const sources = readdirSync(join(ROOT, 'content', 'templates')).filter((f) => f.endsWith('.yaml'));
    expect(list).toHaveLength(sources.length);
    const rank = (c: string) => (TEMPLATE_CATEGORIES as readonly string[]).indexOf(c);
    expect(list.map((t) => rank(t.category))).toEqual(list.map((t) => rank(t.category)).sort((a, b) => a - b));
    expect(list.slice(0, 2).map((t) => t.id)).toEqual(['iou', 'debt-note']);
    const iou = reader.template('iou');
    expect(iou.governs).toMatchObject({ law: '中华人民共和国民法典', lawShort: '民法典', article: '第六百六十八条' });
    expect(iou.fields.find((f) => f.id === 'loan.amount')?.kind).toBe('amount');
    expect(reader.template('labour-arbitration-application').governs).toMatchObject({
      lawShort: '劳动争议调解仲裁法',
      article: '第二十八条',
    });
  });
});
