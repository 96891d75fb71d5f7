import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, normalizeQuery, splitRuns } from './normalize';

describe('normalizeQuery', () => {
  it('folds full-width forms and case, drops control characters, collapses spaces', () => {
    expect(normalizeQuery('  ＬＩＨＵＮ\u0000\u0007  离婚\n\t')).toBe('lihun 离婚');
    expect(normalizeQuery('\u202e欠薪\u200b')).toBe('欠薪');
  });
  it('cuts very long input to a sensible length', () => {
    expect([...normalizeQuery('离'.repeat(2000))]).toHaveLength(MAX_QUERY_CHARS);
  });
  it('never throws and never returns control characters, whatever comes in', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const out = normalizeQuery(s);
        return !/[\p{Cc}\p{Cf}]/u.test(out) && [...out].length <= MAX_QUERY_CHARS;
      }),
    );
  });
});

describe('splitRuns', () => {
  it('separates Chinese, pinyin and numbers and drops everything else, FTS syntax included', () => {
    expect(splitRuns('工伤 peichang 12348')).toEqual([
      { kind: 'cjk', text: '工伤' },
      { kind: 'latin', text: 'peichang' },
      { kind: 'digits', text: '12348' },
    ]);
    expect(splitRuns('"离婚*" near( -^: 😀')).toEqual([
      { kind: 'cjk', text: '离婚' },
      { kind: 'latin', text: 'near' },
    ]);
  });
});
