import { describe, expect, it } from 'vitest';
import { findRanges, highlightSegments, normalizeRanges } from './highlight';

describe('highlightSegments', () => {
  it('cuts the text into plain and marked runs at the offsets', () => {
    expect(highlightSegments('老板拖欠工资怎么办', [[2, 4]])).toEqual([
      { text: '老板', mark: false },
      { text: '拖欠', mark: true },
      { text: '工资怎么办', mark: false },
    ]);
  });

  it('marks the start and the end of the text without empty runs', () => {
    expect(
      highlightSegments('拖欠工资', [
        [0, 2],
        [2, 4],
      ]),
    ).toEqual([{ text: '拖欠工资', mark: true }]);
    expect(highlightSegments('工资被拖欠', [[3, 5]])).toEqual([
      { text: '工资被', mark: false },
      { text: '拖欠', mark: true },
    ]);
  });

  it('returns the whole text unmarked when there is nothing to mark, even for empty text', () => {
    expect(highlightSegments('劳动报酬', [])).toEqual([{ text: '劳动报酬', mark: false }]);
    expect(highlightSegments('', [[0, 3]])).toEqual([{ text: '', mark: false }]);
  });

  it('merges overlapping and unsorted ranges and ignores reversed, empty and out-of-range ones', () => {
    const text = '用人单位应当及时足额支付劳动报酬';
    expect(
      normalizeRanges(text, [
        [12, 16],
        [0, 4],
        [2, 6],
        [8, 8],
        [40, 50],
        [-5, 1],
      ]),
    ).toEqual([
      [0, 6],
      [12, 16],
    ]);
    expect(normalizeRanges(text, [[6, 4]])).toEqual([[4, 6]]);
    expect(highlightSegments(text, [[10, 99]]).at(-1)).toEqual({ text: '支付劳动报酬', mark: true });
  });

  it('uses UTF-16 offsets and never splits a surrogate pair', () => {
    const text = '𠮷野家😀好';
    // 𠮷 is two code units: offsets 0–2.
    expect(highlightSegments(text, [[2, 4]])).toEqual([
      { text: '𠮷', mark: false },
      { text: '野家', mark: true },
      { text: '😀好', mark: false },
    ]);
    // An edge inside 😀 (offsets 4–6) widens to the whole emoji.
    expect(highlightSegments(text, [[5, 7]])).toEqual([
      { text: '𠮷野家', mark: false },
      { text: '😀好', mark: true },
    ]);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const seg of highlightSegments(text, [[1, 5]])) expect(seg.text).not.toMatch(loneSurrogate);
    expect(
      highlightSegments(text, [[1, 5]])
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

describe('findRanges', () => {
  it('finds every occurrence, Latin letters in any case', () => {
    expect(findRanges('工资、工资条、工资', '工资')).toEqual([
      [0, 2],
      [3, 5],
      [7, 9],
    ]);
    expect(findRanges('ICU and icu', 'icu')).toEqual([
      [0, 3],
      [8, 11],
    ]);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(findRanges('劳动报酬', '  ')).toEqual([]);
  });
});
