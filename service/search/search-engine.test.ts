import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../common/api/search';
import { openContentDb } from '../content/content-db';
import { BUILT_RELEASE } from '../testing/release-files';
import { openSearch } from './open-search';

// The kiosk's own release (built before the tests), searched as the service searches it.
const { db } = openContentDb(BUILT_RELEASE);
const engine = openSearch(db);

const top = (query: string, n = 5): SearchHit[] => engine.search(query, 20).hits.slice(0, n);
const articleTitles = (hits: readonly SearchHit[]): string[] =>
  hits.flatMap((h) => (h.kind === 'article' ? [h.title] : []));

describe('query rewriting keeps every word the citizen typed', () => {
  it('searches 押金 in 房东扣押金: a deposit answer is on the first screen, not only lease articles', () => {
    const hits = top('房东扣押金');
    expect(hits.map((h) => h.title)).toContain('租期到了，房东不退押金怎么办？');
    expect(engine.interpret('房东扣押金').some((g) => g.words.includes('押金'))).toBe(true);
  });

  it('does not require a lone character left over by a phrase: 拾到东西不还 finds lost property', () => {
    const titles = articleTitles(top('拾到东西不还'));
    const lostProperty = ['第三百一十四条', '第三百一十五条', '第三百一十六条', '第三百一十七条', '第三百一十八条'].map(
      (n) => `民法典 ${n}`,
    );
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((t) => lostProperty.includes(t)).length).toBeGreaterThanOrEqual(2);
    // No group is a lone character that must match (不, 还 of 不还).
    expect(engine.interpret('拾到东西不还').filter((g) => g.prefix.length > 0)).toEqual([]);
  });

  it.each([
    ['产假最长多久', '女职工劳动保护特别规定 第七条'],
    ['竞业限制最长多久', '劳动合同法 第二十四条'],
    ['年休假最多几天', '职工带薪年休假条例 第三条'],
  ])('gives up fillers before the topic when nothing has every word: %s', (query, article) => {
    expect(articleTitles(top(query, 10))).toContain(article);
  });

  it('does not require a filler the segmenter splits: 谁负责 in 在超市摔倒了谁负责', () => {
    expect(articleTitles(top('在超市摔倒了谁负责'))).toContain('民法典 第一千一百九十八条');
    const responsible = engine.interpret('在超市摔倒了谁负责').find((g) => g.typed === '负责');
    expect(responsible?.weak).toBe(true);
  });

  it('ranks rows by the topic words they hold when none holds them all', () => {
    // Five topic words no single row has together; the rarest alone would miss the lease articles.
    const titles = articleTitles(top('租的房子漏水房东不管', 10));
    expect(titles.some((t) => ['民法典 第七百一十二条', '民法典 第七百一十三条'].includes(t))).toBe(true);
  });

  it('keeps a word whose phrase is inside it: 年休假 is searched, not only the phrase 年休', () => {
    const groups = engine.interpret('年休假怎么办');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.words).toContain('年休假');
  });
});

const firstArticles = (query: string, n = 5): string[] =>
  articleTitles(engine.search(query, 20).groups.article.slice(0, n));

describe('words the content does not know', () => {
  it('lets a word found nowhere give way before the topic words: 爸妈 in 爸妈去世没留遗嘱房子怎么分', () => {
    // 爸妈 is in no row; required, it sent the question to the OR of its words.
    expect(firstArticles('爸妈去世没留遗嘱房子怎么分')).toEqual(
      expect.arrayContaining(['民法典 第一千一百二十三条', '民法典 第一千一百二十七条', '民法典 第一千一百三十条']),
    );
  });
});

describe('the articles the best answers cite', () => {
  it('places the leading answers’ citations among the best articles: 工伤 starts with the cases that count', () => {
    // Every article of 工伤保险条例 holds 工伤; the answers say which a lawyer reads first.
    expect(firstArticles('工伤', 1)).toEqual(['工伤保险条例 第十四条']);
  });

  it('brings the interpretation the answer cites into the first five: 老公欠的债要我还吗', () => {
    expect(firstArticles('老公欠的债要我还吗')).toEqual(
      expect.arrayContaining(['民法典 第一千零六十四条', '婚姻家庭编司法解释（一） 第三十三条']),
    );
  });
});

describe('words typed apart', () => {
  it('reads a pinyin word next to Chinese as the word they make together: 工伤 peichang is 工伤赔偿', () => {
    expect(engine.interpret('工伤 peichang')).toEqual(engine.interpret('工伤赔偿'));
    // The benefits a work injury pays, not any article with 赔偿 that also says 工伤.
    expect(firstArticles('工伤 peichang')).toEqual(
      expect.arrayContaining(['社会保险法 第三十八条', '社会保险法 第三十九条', '工伤保险条例 第三十三条']),
    );
  });

  it('keeps words apart when together they make no word: 押金 不退 is not read as 押金不退', () => {
    expect(engine.interpret('押金 不退')).not.toEqual(engine.interpret('押金不退'));
  });
});

describe('a colloquial phrase typed in pinyin without spaces', () => {
  it('reads qiankuanbuhuan back as 欠款不还 with its statute words', () => {
    const groups = engine.interpret('qiankuanbuhuan');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.words).toEqual(expect.arrayContaining(['欠款不还', '借款']));
    expect(firstArticles('qiankuanbuhuan', 10)).toContain('民间借贷司法解释 第二条');
  });
});

describe('statutes before interpretations', () => {
  it('puts the statute ahead of the interpretation matching as well: 辞退 finds 劳动合同法 第四十条 in the first five', () => {
    expect(firstArticles('辞退')).toContain('劳动合同法 第四十条');
  });
});
