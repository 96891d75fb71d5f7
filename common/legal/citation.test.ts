import { describe, expect, it } from 'vitest';
import { parseCitation } from './citation';

describe('parseCitation', () => {
  it('reads a law name and an article', () => {
    expect(parseCitation('劳动合同法 第三十条')).toEqual({
      law: '劳动合同法',
      article: '第三十条',
      number: { ordinal: 30, sub: 0 },
    });
    expect(parseCitation('刑法第二百七十六条之一')).toMatchObject({ law: '刑法', article: '第二百七十六条之一' });
    expect(parseCitation('劳动争议司法解释（一） 第四十四条')).toMatchObject({
      law: '劳动争议司法解释（一）',
      article: '第四十四条',
    });
  });
  it('writes Arabic article numbers the way the law does', () => {
    expect(parseCitation('民法典 第1079条')?.article).toBe('第一千零七十九条');
  });
  it('refuses text that is not a citation', () => {
    for (const bad of ['劳动合同法', '第三十条', '劳动合同法 三十条', ''])
      expect(parseCitation(bad), bad).toBeUndefined();
  });
});
