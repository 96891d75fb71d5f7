import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../common/receipt/layout';
import { Receipt } from '../../common/receipt/receipt';
import { calculationReceipt } from './calculation-receipt';

const ctx = {
  terminalName: '无人律所演示终端',
  printedAt: '2025年1月5日 09:07',
  hotline: '12348',
  labels: {
    title: '算一算（估算）',
    amount: '估算结果',
    inputs: '填写的情况',
    steps: '计算过程',
    notes: '请注意',
    cites: '法律依据',
    terminal: '打印地点',
    printedAt: '打印时间',
    hotline: '法律咨询热线',
  },
};

const calc = {
  name: '诉讼费',
  amount: '2,300.00 元',
  capitals: '大写：人民币贰仟叁佰元整',
  inputs: [{ label: '要求对方给的钱数（诉讼请求金额）', value: '100,000.00 元' }],
  steps: [
    { text: '不超过 10,000.00 元 的部分：交 50.00 元。', basis: '依据：诉讼费用交纳办法 第十三条第（一）项' },
    { text: '请求金额 100,000.00 元，受理费合计 2,300.00 元。', basis: '' },
  ],
  notes: ['这是按财产案件估算的受理费，实际由法院决定。'],
  cites: ['诉讼费用交纳办法 第十三条'],
  disclaimer: '这是估算，具体以仲裁委/法院认定为准。',
};

function printed(receipt: unknown): string {
  const parsed = Receipt.parse(receipt);
  return layoutReceipt(parsed, { columns: 48 })
    .lines.map((l) => (l.kind === 'text' ? l.text : `[${l.kind}]`))
    .join('\n');
}

describe('calculationReceipt', () => {
  it('prints the figure, that it is an estimate, the steps with their basis, the notes and the law', () => {
    const receipt = calculationReceipt(calc, ctx);
    expect(Receipt.safeParse(receipt).success).toBe(true);
    const all = printed(receipt).replace(/\n/g, '');
    for (const expected of [
      '算一算（估算）',
      '诉讼费',
      '2,300.00 元',
      '贰仟叁佰元整',
      '这是估算，具体以仲裁委/法院认定为准。',
      '100,000.00 元',
      '1. 不超过',
      '第十三条第（一）项',
      '2. 请求金额',
      '· 这是按财产案件',
      '诉讼费用交纳办法 第十三条',
      '无人律所演示终端',
      '12348',
    ]) {
      expect(all, expected).toContain(expected);
    }
    expect(receipt.blocks.at(-1)).toEqual({ type: 'cut' });
  });

  it('prints a label too long for a pair as a line of text', () => {
    const long = calculationReceipt({ ...calc, inputs: [{ label: '长'.repeat(120), value: '1 元' }] }, ctx);
    expect(Receipt.safeParse(long).success).toBe(true);
  });
});
