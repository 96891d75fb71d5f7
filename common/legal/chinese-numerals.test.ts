import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArticleLabel, formatChineseNumber, parseArticleLabel, parseChineseNumber } from './chinese-numerals';

describe('Chinese numerals in article numbers', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['三十', 30],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['二百七十六', 276],
    ['一千零七十九', 1079],
    ['一千二百六十', 1260],
    ['两千', 2000],
    ['42', 42],
  ])('%s → %i', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });

  it('rejects what is not a numeral', () => {
    for (const bad of ['', '三三', '条', 'abc', '十百']) expect(parseChineseNumber(bad), bad).toBeUndefined();
  });

  it('writes numbers as statutes do and reads them back', () => {
    expect(formatChineseNumber(12)).toBe('十二');
    expect(formatChineseNumber(110)).toBe('一百一十');
    expect(formatChineseNumber(1079)).toBe('一千零七十九');
    expect(formatChineseNumber(1001)).toBe('一千零一');
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumber(formatChineseNumber(n)) === n));
  });

  it('parses article labels including inserted articles', () => {
    expect(parseArticleLabel('第三十条')).toEqual({ ordinal: 30, sub: 0 });
    expect(parseArticleLabel('第二百七十六条之一')).toEqual({ ordinal: 276, sub: 1 });
    expect(parseArticleLabel('第三十')).toBeUndefined();
    expect(formatArticleLabel({ ordinal: 276, sub: 1 })).toBe('第二百七十六条之一');
  });
});
