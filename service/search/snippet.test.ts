import { describe, expect, it } from 'vitest';
import { findRanges, makeSnippet } from './snippet';

describe('snippets', () => {
  it('highlights every occurrence of the terms, merged', () => {
    expect(findRanges('拖欠劳动报酬的，应当支付劳动报酬', ['劳动报酬', '报酬'])).toEqual([
      [2, 6],
      [12, 16],
    ]);
  });

  it('centres on the first hit and marks cuts with an ellipsis', () => {
    const text = `${'前'.repeat(100)}离婚${'后'.repeat(100)}`;
    const s = makeSnippet(text, ['离婚'], 40);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const [a, b] = s.highlights[0]!;
    expect(s.text.slice(a, b)).toBe('离婚');
  });

  it('keeps offsets right around emoji and never splits a surrogate pair', () => {
    const text = `😀😀😀欠薪😀${'字'.repeat(50)}`;
    const s = makeSnippet(text, ['欠薪'], 20);
    const [a, b] = s.highlights[0]!;
    expect(s.text.slice(a, b)).toBe('欠薪');
    expect(s.text).not.toMatch(/^…?[\uDC00-\uDFFF]/);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF]…?$/);
  });

  it('returns the opening of the text when nothing matches', () => {
    expect(makeSnippet('第一条 为了保护劳动者的合法权益', ['离婚'], 8)).toEqual({
      text: '第一条 为了保护…',
      highlights: [],
    });
  });
});
