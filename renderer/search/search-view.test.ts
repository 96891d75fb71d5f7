import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../common/api/search';
import { hitTarget } from './search-view';

const base = { title: 't', titleHighlights: [], snippet: 's', highlights: [], score: 1 };

describe('hitTarget', () => {
  it('opens an answer, a guide or an article', () => {
    expect(hitTarget({ ...base, kind: 'faq', id: 'wages-unpaid-what-to-do', topicId: 'x', cites: [] })).toEqual({
      name: 'answer',
      faqId: 'wages-unpaid-what-to-do',
    });
    expect(hitTarget({ ...base, kind: 'guide', id: 'labour-arbitration', topicId: 'x', cites: [] })).toEqual({
      name: 'guide',
      guideId: 'labour-arbitration',
    });
    const article: SearchHit = {
      ...base,
      kind: 'article',
      id: '1397',
      law: '中华人民共和国劳动合同法',
      lawShort: '劳动合同法',
      article: '第三十条',
      versionDate: '2012-12-28',
    };
    expect(hitTarget(article)).toEqual({ name: 'article', articleId: 1397 });
    expect(hitTarget({ ...article, id: 'abc' })).toBeNull();
  });
});
