import { describe, expect, it } from 'vitest';
import { LawParseError, parseLaw, shortTitle, versionDateFromPath } from './parse-law';

const LAW = `# 中华人民共和国示例法

2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过

2008年1月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了示例，制定本法。

第二条 本法适用于示例。

示例情形，参照适用本法。

## 第二章 细则

### 第一节 一般规定

第二百七十六条 前条。

第二百七十六条之一 插入的条文。
`;

describe('parseLaw', () => {
  it('reads title, dates, headings and articles with their continuation paragraphs', () => {
    const law = parseLaw('示例法.md', LAW);
    expect(law.title).toBe('中华人民共和国示例法');
    expect(law.effectiveDate).toBe('2008-01-01');
    expect(law.historyDates).toEqual(['2007-06-29', '2008-01-01']);
    expect(law.articles.map((a) => a.number)).toEqual(['第一条', '第二条', '第二百七十六条', '第二百七十六条之一']);
    expect(law.articles[1]).toMatchObject({
      text: '本法适用于示例。\n示例情形，参照适用本法。',
      headings: ['第一章 总则'],
      line: 13,
    });
    expect(law.articles[3]).toMatchObject({ ordinal: 276, sub: 1, headings: ['第二章 细则', '第一节 一般规定'] });
  });

  it('names file and line when a file cannot be parsed', () => {
    expect(() => parseLaw('x.md', '# 标题\n\n第一条 无标记')).toThrow(/x\.md:1: no "<!-- INFO END -->" marker/);
    expect(() => parseLaw('y.md', '# 标题\n<!-- INFO END -->\n\n没有条文。\n')).toThrow(LawParseError);
    try {
      parseLaw('z.md', '# 标题\n<!-- INFO END -->\n第二条 甲。\n第一条 乙。\n');
    } catch (error) {
      expect(error).toBeInstanceOf(LawParseError);
      expect((error as LawParseError).line).toBe(4);
      expect((error as Error).message).toMatch(/z\.md:4: 第一条 comes after 第二条/);
    }
    expect.assertions(5);
  });

  it('takes the version date from the file name and the short title from the full one', () => {
    expect(versionDateFromPath('社会法/劳动法(2018-12-29).md')).toBe('2018-12-29');
    expect(versionDateFromPath('民法典/合同编.md')).toBeUndefined();
    expect(shortTitle('中华人民共和国劳动合同法')).toBe('劳动合同法');
  });
});
