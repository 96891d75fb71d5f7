import { describe, expect, it } from 'vitest';
import { utf8Length } from './receipt/receipt';
import { SCREEN_QR_MAX_BYTES, publicPageUrl, takeAwayCode, type TakeAwaySubject } from './take-away';

const article: TakeAwaySubject = {
  kind: 'article',
  lawTitle: '中华人民共和国劳动合同法',
  lawShort: '劳动合同法',
  versionDate: '2012-12-28',
  number: '第三十条',
  text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。',
};
const answer: TakeAwaySubject = {
  kind: 'answer',
  id: 'wages-unpaid-what-to-do',
  question: '老板拖欠工资怎么办？',
  answer: '可以先向劳动保障监察机构投诉，也可以申请劳动仲裁。',
  cites: [
    { lawShort: '劳动合同法', article: '第三十条' },
    { lawShort: '劳动争议调解仲裁法', article: '第二十七条' },
  ],
};

describe('takeAwayCode', () => {
  it('links to the hub public page when a hub is configured, naming content by what survives a new release', () => {
    expect(takeAwayCode(answer, 'https://hub.example.gov.cn')).toEqual({
      kind: 'link',
      data: 'https://hub.example.gov.cn/p/answer/wages-unpaid-what-to-do',
    });
    const link = takeAwayCode(article, 'https://hub.example.gov.cn/kiosk/');
    expect(link.kind).toBe('link');
    const url = new URL(link.data);
    expect(url.pathname).toBe('/kiosk/p/law');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      title: '中华人民共和国劳动合同法',
      version: '2012-12-28',
      article: '第三十条',
    });
  });

  it('escapes ids so a link can never be steered to another path', () => {
    expect(publicPageUrl('https://h.example', { ...answer, id: '../admin?x=1' } as TakeAwaySubject)).toBe(
      'https://h.example/p/answer/..%2Fadmin%3Fx%3D1',
    );
  });

  it('carries the text itself offline when it fits', () => {
    expect(takeAwayCode(article, null)).toEqual({
      kind: 'text',
      data: '中华人民共和国劳动合同法（2012-12-28）\n第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。',
    });
    const code = takeAwayCode(answer, null);
    expect(code.kind).toBe('text');
    expect(code.data).toBe(
      '问：老板拖欠工资怎么办？\n答：可以先向劳动保障监察机构投诉，也可以申请劳动仲裁。\n依据：劳动合同法第三十条、劳动争议调解仲裁法第二十七条',
    );
  });

  it('falls back to the citation when the text is too long for a code read from a screen', () => {
    const long = { ...article, text: '劳'.repeat(400) };
    expect(takeAwayCode(long, null)).toEqual({
      kind: 'citation',
      data: '中华人民共和国劳动合同法（2012-12-28）第三十条',
    });
    const longAnswer = { ...answer, answer: '答'.repeat(400) };
    const code = takeAwayCode(longAnswer, null);
    expect(code.kind).toBe('citation');
    expect(code.data).toBe('问：老板拖欠工资怎么办？\n依据：劳动合同法第三十条、劳动争议调解仲裁法第二十七条');
  });

  it('never exceeds the screen limit, cutting at a character and marking the cut', () => {
    const huge = {
      ...answer,
      question: '问'.repeat(500),
      answer: '答'.repeat(500),
      cites: Array.from({ length: 80 }, () => ({ lawShort: '民法典', article: '第一千零七十九条' })),
    };
    const code = takeAwayCode(huge, null);
    expect(code.kind).toBe('citation');
    expect(utf8Length(code.data)).toBeLessThanOrEqual(SCREEN_QR_MAX_BYTES);
    expect(code.data.endsWith('…')).toBe(true);
    expect(code.data).toContain('依据：');
    const emoji = { ...answer, question: '😀'.repeat(300), answer: 'x'.repeat(700), cites: [] };
    const cut = takeAwayCode(emoji, null).data;
    expect(utf8Length(cut)).toBeLessThanOrEqual(SCREEN_QR_MAX_BYTES);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('carries a guide as a link, as its steps, or as the names of its steps and articles', () => {
    const guide: TakeAwaySubject = {
      kind: 'guide',
      id: 'labour-arbitration',
      title: '申请劳动仲裁',
      summary: '向劳动人事争议仲裁委员会申请，不收费。',
      steps: [
        { title: '准备材料', body: '身份证、劳动合同、工资条。' },
        { title: '提交申请', body: '到仲裁委立案窗口。', timeLimit: '离职后一年内' },
      ],
      cites: [{ lawShort: '劳动争议调解仲裁法', article: '第二十七条' }],
    };
    expect(takeAwayCode(guide, 'https://h.example')).toEqual({
      kind: 'link',
      data: 'https://h.example/p/guide/labour-arbitration',
    });
    expect(takeAwayCode(guide, null)).toEqual({
      kind: 'text',
      data: '申请劳动仲裁\n向劳动人事争议仲裁委员会申请，不收费。\n1. 准备材料：身份证、劳动合同、工资条。\n2. 提交申请：到仲裁委立案窗口。（时限：离职后一年内）\n依据：劳动争议调解仲裁法第二十七条',
    });
    const long = takeAwayCode({ ...guide, summary: '长'.repeat(400) }, null);
    expect(long).toEqual({
      kind: 'citation',
      data: '申请劳动仲裁\n1. 准备材料\n2. 提交申请\n依据：劳动争议调解仲裁法第二十七条',
    });
  });

  it('counts UTF-8 bytes as a phone decodes them', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('法')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
