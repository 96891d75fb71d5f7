import { describe, expect, it } from 'vitest';
import { parseCitation } from '../../common/legal/citation';
import { CitationIndex, type CitableLaw } from './citation-index';

const articles = (from: number, to: number): { ordinal: number; sub: number }[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ ordinal: from + i, sub: 0 }));
const cite = (text: string) => parseCitation(text)!;

describe('citations resolved by instrument', () => {
  // The full release's shape: the Civil Code in books, an interpretation under its long title.
  const contract: CitableLaw = {
    short: '民法典·合同编',
    instrument: '中华人民共和国民法典',
    articles: articles(463, 988),
  };
  const property: CitableLaw = {
    short: '民法典·物权编',
    instrument: '中华人民共和国民法典',
    articles: articles(205, 462),
  };
  const loans: CitableLaw = {
    short: '最高人民法院关于审理民间借贷案件适用法律若干问题的规定',
    instrument: '最高人民法院关于审理民间借贷案件适用法律若干问题的规定',
    articles: articles(1, 31),
  };
  const full = new CitationIndex(
    [property, contract, loans],
    new Map([
      ['民法典', '中华人民共和国民法典'],
      ['民间借贷司法解释', '最高人民法院关于审理民间借贷案件适用法律若干问题的规定'],
      ['不在此版本的法', '中华人民共和国不存在法'],
    ]),
  );

  it('finds the Civil Code article in whichever book holds it, by the kiosk short name', () => {
    expect(full.resolve(cite('民法典 第五百七十七条'))).toEqual({ articleId: full.rowIds(contract).get('577.0') });
    expect(full.resolve(cite('民法典 第三百一十四条'))).toEqual({ articleId: full.rowIds(property).get('314.0') });
  });

  it('finds an interpretation by its kiosk short name and by its own title', () => {
    const id = full.rowIds(loans).get('2.0');
    expect(full.resolve(cite('民间借贷司法解释 第二条'))).toEqual({ articleId: id });
    expect(full.resolve(cite('最高人民法院关于审理民间借贷案件适用法律若干问题的规定 第二条'))).toEqual({
      articleId: id,
    });
  });

  it('says which part is missing: the law, or the article', () => {
    expect(full.resolve(cite('不在此版本的法 第一条'))).toEqual({ missing: 'law' });
    expect(full.resolve(cite('民法典 第一千二百六十一条'))).toEqual({ missing: 'article' });
  });

  it('numbers article rows from 1 in law order, as the release stores them', () => {
    expect(full.rowIds(property).get('205.0')).toBe(1);
    expect(full.rowIds(contract).get('463.0')).toBe(462 - 205 + 2);
  });
});
