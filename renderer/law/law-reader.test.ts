import { describe, expect, it } from 'vitest';
import {
  buildContents,
  findArticleByOrdinal,
  findInLaw,
  headingsStartingAt,
  maxArticleOrdinal,
  type ReaderArticle,
} from './law-reader';

let nextId = 1;
const art = (number: string, headings: string[], text = `${number}的内容`): ReaderArticle => ({
  id: nextId++,
  number,
  headings,
  text,
});

const law: ReaderArticle[] = [
  art('第一条', ['第一章 总则'], '为了保护劳动者的合法权益，制定本法。'),
  art('第二条', ['第一章 总则']),
  art('第三十条', ['第三章 劳动合同的履行和变更'], '用人单位应当向劳动者及时足额支付劳动报酬。'),
  art('第三十条之一', ['第三章 劳动合同的履行和变更']),
  art('第五十一条', ['第五章 特别规定', '第一节 集体合同']),
  art('第五十七条', ['第五章 特别规定', '第二节 劳务派遣'], '劳务派遣单位应当依照公司法的有关规定设立。'),
  art('第九十八条', ['第八章 附则'], '本法自2008年1月1日起施行。'),
];

describe('buildContents', () => {
  it('lists each heading once, where it starts, with its depth', () => {
    expect(buildContents(law).map((e) => [e.depth, e.heading, e.articleNumber])).toEqual([
      [0, '第一章 总则', '第一条'],
      [0, '第三章 劳动合同的履行和变更', '第三十条'],
      [0, '第五章 特别规定', '第五十一条'],
      [1, '第一节 集体合同', '第五十一条'],
      [1, '第二节 劳务派遣', '第五十七条'],
      [0, '第八章 附则', '第九十八条'],
    ]);
  });

  it('repeats a lower heading when its parent changes, even with the same text', () => {
    const parts = [
      art('第一条', ['第一编 总则', '第一章 一般规定']),
      art('第九条', ['第二编 物权', '第一章 一般规定']),
    ];
    expect(buildContents(parts).map((e) => e.heading)).toEqual([
      '第一编 总则',
      '第一章 一般规定',
      '第二编 物权',
      '第一章 一般规定',
    ]);
  });

  it('is empty for a law without chapters', () => {
    expect(buildContents([art('第一条', []), art('第二条', [])])).toEqual([]);
  });
});

describe('headingsStartingAt', () => {
  it('gives the headings to show above an article in continuous reading', () => {
    expect(headingsStartingAt(law[0]!, undefined)).toEqual([{ heading: '第一章 总则', depth: 0 }]);
    expect(headingsStartingAt(law[1]!, law[0])).toEqual([]);
    expect(headingsStartingAt(law[5]!, law[4])).toEqual([{ heading: '第二节 劳务派遣', depth: 1 }]);
  });
});

describe('findArticleByOrdinal', () => {
  it('finds 第三十条 by 30, preferring it to 第三十条之一', () => {
    expect(findArticleByOrdinal(law, 30)?.number).toBe('第三十条');
    expect(findArticleByOrdinal([law[3]!], 30)?.number).toBe('第三十条之一');
    expect(findArticleByOrdinal(law, 31)).toBeUndefined();
    expect(maxArticleOrdinal(law)).toBe(98);
  });
});

describe('findInLaw', () => {
  it('finds the articles containing the words, with where they occur', () => {
    const found = findInLaw(law, '劳动');
    expect(found.map((f) => f.article.number)).toEqual(['第一条', '第三十条']);
    expect(found[1]?.ranges).toEqual([
      [7, 9],
      [16, 18],
    ]);
  });

  it('also finds an article by its number, and nothing for a blank query', () => {
    expect(findInLaw(law, '第九十八条').map((f) => f.article.number)).toEqual(['第九十八条']);
    expect(findInLaw(law, '   ')).toEqual([]);
  });
});
