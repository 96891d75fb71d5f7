import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentItemFields } from '../../common/hub/api/content-edits';
import { readShippedArticles } from './build-release';
import { checkItem, type ArticleLookup, type TopicLookup } from './item-checks';

const CONTENT_DIR = join(import.meta.dirname, '..');
const topics: TopicLookup = new Map([['labour-wages', new Set(['unpaid-wages'])]]);
let articles: ArticleLookup;

beforeAll(() => {
  articles = readShippedArticles(CONTENT_DIR);
}, 60_000);

const faq = (over: Partial<Extract<ContentItemFields, { kind: 'faq' }>['fields']> = {}): ContentItemFields => ({
  kind: 'faq',
  fields: {
    topic: 'labour-wages',
    situation: 'unpaid-wages',
    question: '公司拖欠工资怎么办？',
    answer: '可以向劳动监察大队投诉。',
    nextSteps: [{ step: '保留工资条', timeLimit: null }],
    cites: ['劳动合同法 第三十条'],
    keywords: ['欠薪'],
    ...over,
  },
});

describe('item checks (the builder’s rules per item)', () => {
  it('pass an answer citing an article the shipped law has', () => {
    expect(checkItem(faq(), { articles, topics })).toEqual([]);
    expect(checkItem(faq({ cites: ['劳动合同法第30条'] }), { articles, topics })).toEqual([]);
  });

  it('name the citation of an article the law does not have, by its index', () => {
    expect(checkItem(faq({ cites: ['劳动合同法 第三十条', '劳动合同法 第九百条'] }), { articles, topics })).toEqual([
      { field: 'cites.1', code: 'article-missing', params: { law: '劳动合同法', article: '第九百条' } },
    ]);
  });

  it('tell a text that is no citation from a law that is not shipped, and want at least one citation', () => {
    expect(checkItem(faq({ cites: ['看劳动法', '婚姻法 第三十二条'] }), { articles, topics })).toEqual([
      { field: 'cites.0', code: 'not-a-citation', params: { text: '看劳动法' } },
      { field: 'cites.1', code: 'law-not-shipped', params: { law: '婚姻法' } },
    ]);
    expect(checkItem(faq({ cites: [] }), { articles, topics })).toEqual([
      { field: 'cites', code: 'no-citation', params: {} },
    ]);
  });

  it('name empty fields, an unknown topic or situation', () => {
    const found = checkItem(faq({ answer: '  ', nextSteps: [{ step: '', timeLimit: null }] }), { articles, topics });
    expect(found.map((p) => `${p.field} ${p.code}`)).toEqual(['answer required', 'nextSteps.0.step required']);
    expect(checkItem(faq({ topic: 'tax' }), { articles, topics })[0]).toMatchObject({
      field: 'topic',
      code: 'unknown-topic',
    });
    expect(checkItem(faq({ situation: 'overtime' }), { articles, topics })[0]).toMatchObject({
      field: 'situation',
      code: 'unknown-situation',
    });
  });

  it('check a notice’s dates, an office’s phone and map link, a service line’s hours', () => {
    const notice: ContentItemFields = {
      kind: 'notice',
      fields: { regionCode: null, title: '春节', body: '放假', startsOn: '2027-02-30', endsOn: '2027-01-01' },
    };
    expect(checkItem(notice, { articles, topics }).map((p) => `${p.field} ${p.code}`)).toEqual(['startsOn bad-date']);
    notice.fields = { ...notice.fields, startsOn: '2027-02-05' };
    expect(checkItem(notice, { articles, topics }).map((p) => `${p.field} ${p.code}`)).toEqual(['endsOn bad-date']);
    const office: ContentItemFields = {
      kind: 'office',
      fields: {
        kind: 'legal-aid-centre',
        name: '洪山区法律援助中心',
        regionCode: '420111',
        address: '武汉市洪山区',
        hours: '周一至周五',
        phone: 'call us',
        services: ['法律援助'],
        mapUrl: 'http://example.com/',
      },
    };
    expect(checkItem(office, { articles, topics }).map((p) => `${p.field} ${p.code}`)).toEqual([
      'phone bad-phone',
      'mapUrl bad-url',
    ]);
    const line: ContentItemFields = {
      kind: 'service-line',
      fields: {
        regionCode: '420100',
        publicLegalService: '12348',
        local: [{ name: '', number: '027-0000-0000' }],
        dutyHours: { mon: ['09:00-12:00', '14:00-13:00', '9-5'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      },
    };
    expect(checkItem(line, { articles, topics }).map((p) => `${p.field} ${p.code}`)).toEqual([
      'local.0.name required',
      'dutyHours.mon.1 bad-hours',
      'dutyHours.mon.2 bad-hours',
    ]);
  });
});
