import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContentDb } from './content-db';
import { ContentReader } from './content-reader';

// The kiosk's content release, built by `npm test` (and `npm run content:build`) before the tests run.
const RELEASE = join(import.meta.dirname, '..', '..', 'dist', 'content', 'content.db');

describe('FAQ list of a topic (shipped release)', () => {
  const { db } = openContentDb(RELEASE);
  const reader = new ContentReader(db);
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
