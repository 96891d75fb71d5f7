import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../common/receipt/layout';
import { Receipt } from '../../common/receipt/receipt';
import {
  answerReceipt,
  articleReceipt,
  guideReceipt,
  jobTitle,
  splitText,
  type ReceiptContext,
} from './receipt-builder';

const ctx: ReceiptContext = {
  terminalName: '无人律所演示终端',
  printedAt: '2025年1月5日 09:07',
  hotline: '12348',
  labels: {
    answerTitle: '法律问题解答',
    articleTitle: '法律条文',
    guideTitle: '办事指南',
    steps: '办理步骤',
    nextSteps: '下一步怎么做',
    timeLimit: '时限',
    cites: '法律依据',
    terminal: '打印地点',
    printedAt: '打印时间',
    hotline: '法律咨询热线',
    disclaimer: '以上是一般性解答，具体情况请咨询律师。',
    link: '扫码在手机上查看',
  },
};

const answer = {
  question: '老板拖欠工资不发，我该怎么办？',
  answer: '单位必须按约定按时、足额用货币发工资，不能克扣，也不能无故拖欠。',
  nextSteps: [{ step: '先把证据留好。' }, { step: '申请劳动仲裁。', timeLimit: '已离职的，自离职之日起一年内' }],
  cites: [
    { articleId: 1397, law: '中华人民共和国劳动合同法', lawShort: '劳动合同法', article: '第三十条' },
    { articleId: 1310, law: '中华人民共和国劳动法', lawShort: '劳动法', article: '第五十条' },
  ],
};

const article = {
  number: '第三十条',
  headings: ['第三章 劳动合同的履行和变更'],
  text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。\n用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令。',
  law: { shortName: '劳动合同法', title: '中华人民共和国劳动合同法' },
  versionLine: '版本日期：2012年12月28日',
};

/** What the paper says, line by line, on an 80 mm printer. */
function printed(receipt: unknown): string[] {
  const layout = layoutReceipt(Receipt.parse(receipt), { columns: 48 });
  return layout.lines.map((l) => (l.kind === 'text' ? l.text : `[${l.kind}]`));
}

describe('guideReceipt', () => {
  it('prints the title, summary, each step with its time limit, the articles and the footer', () => {
    const receipt = guideReceipt(
      {
        title: '申请劳动仲裁',
        summary: '向劳动人事争议仲裁委员会申请，不收费。',
        steps: [
          { title: '准备材料', body: '身份证、劳动合同、工资条。' },
          { title: '提交申请', body: '到仲裁委立案窗口。', timeLimit: '离职后一年内' },
        ],
        cites: [
          {
            articleId: 1,
            law: '中华人民共和国劳动争议调解仲裁法',
            lawShort: '劳动争议调解仲裁法',
            article: '第二十七条',
          },
        ],
      },
      ctx,
    );
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const all = printed(receipt).join('\n');
    for (const expected of [
      '办事指南',
      '申请劳动仲裁',
      '办理步骤',
      '1. 准备材料',
      '2. 提交申请',
      '【时限】离职后一年内',
      '中华人民共和国劳动争议调解仲裁法 第二十七条',
      '12348',
    ]) {
      expect(all, expected).toContain(expected);
    }
  });
});

describe('answerReceipt', () => {
  it('is a valid receipt with the title, question, answer, steps with time limits, citations, place, time and a cut', () => {
    const receipt = answerReceipt(answer, ctx);
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const lines = printed(receipt);
    const all = lines.join('\n');
    expect(lines[0]).toBe('法律问题解答');
    for (const expected of [
      answer.question,
      '1. 先把证据留好。',
      '【时限】已离职的，自离职之日起一年内',
      '中华人民共和国劳动合同法 第三十条',
      '中华人民共和国劳动法 第五十条',
      '无人律所演示终端',
      '2025年1月5日 09:07',
      '12348',
    ]) {
      expect(all.replace(/\n/g, ''), expected).toContain(expected);
    }
    expect(lines.at(-1)).toBe('[cut]');
  });

  it('prints no code without a hub, and the public page as a QR code with its caption when there is one', () => {
    expect(printed(answerReceipt(answer, ctx))).not.toContain('[qr]');
    const lines = printed(answerReceipt(answer, { ...ctx, link: 'https://hub.example.gov.cn/p/answer/wages' }));
    const qr = lines.indexOf('[qr]');
    expect(qr).toBeGreaterThan(0);
    expect(lines[qr + 1]).toBe('扫码在手机上查看');
    expect(
      Receipt.safeParse(articleReceipt(article, { ...ctx, link: 'https://hub.example.gov.cn/p/law?article=x' }))
        .success,
    ).toBe(true);
    // Too long for the printer's code store: the receipt still prints, without the code.
    const tooLong = articleReceipt(article, {
      ...ctx,
      link: `https://hub.example.gov.cn/p/law?title=${'%E6%B3%95'.repeat(40)}`,
    });
    expect(Receipt.safeParse(tooLong).success).toBe(true);
    expect(printed(tooLong)).not.toContain('[qr]');
  });

  it('leaves out the sections an answer does not have', () => {
    const all = printed(answerReceipt({ ...answer, nextSteps: [], cites: [] }, ctx)).join('\n');
    expect(all).not.toContain('下一步怎么做');
    expect(all).not.toContain('法律依据');
  });
});

describe('articleReceipt', () => {
  it('prints the law, the article, its chapter, version date and full text', () => {
    const receipt = articleReceipt(article, ctx);
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const all = printed(receipt).join('');
    for (const expected of [
      '法律条文',
      '劳动合同法 第三十条',
      '中华人民共和国劳动合同法',
      '版本日期：2012年12月28日',
      '第三章 劳动合同的履行和变更',
      '劳动报酬',
      '申请支付令',
      '打印时间',
    ]) {
      expect(all, expected).toContain(expected);
    }
  });

  it('splits a text longer than a receipt block allows', () => {
    const long = { ...article, text: '劳动报酬。'.repeat(1700) };
    const receipt = articleReceipt(long, ctx);
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const body = receipt.blocks.filter((b) => b.type === 'text' && b.text.startsWith('劳动报酬'));
    expect(body.length).toBeGreaterThan(1);
    expect(body.map((b) => (b.type === 'text' ? b.text : '')).join('')).toBe(long.text);
  });
});

describe('splitText', () => {
  it('prefers line ends and never splits a surrogate pair', () => {
    expect(splitText('ab\ncd', 3)).toEqual(['ab', 'cd']);
    expect(splitText('a😀b', 2)).toEqual(['a', '😀', 'b']);
    expect(splitText('短', 10)).toEqual(['短']);
  });
});

describe('jobTitle', () => {
  it('fits the 80-character limit of a print job', () => {
    expect(jobTitle('劳动合同法 第三十条')).toBe('劳动合同法 第三十条');
    const t = jobTitle('问'.repeat(200));
    expect([...t]).toHaveLength(80);
    expect(t.endsWith('…')).toBe(true);
  });
});
