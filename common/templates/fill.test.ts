import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../receipt/layout';
import { Receipt } from '../receipt/receipt';
import { fillTemplate, receiptForTemplate, TemplateValuesError } from './fill';
import { Template, TemplateForm } from './template';

const form = TemplateForm.parse({
  fields: [
    { id: 'borrower.name', label: '借款人姓名', kind: 'text', prefill: 'name' },
    { id: 'borrower.idNumber', label: '借款人身份证号码', kind: 'id-number', prefill: 'idNumber' },
    { id: 'lender.name', label: '出借人姓名', kind: 'text' },
    { id: 'loan.amount', label: '借款金额', kind: 'amount' },
    { id: 'loan.date', label: '借款日期', kind: 'date' },
    { id: 'loan.due', label: '还款日期', kind: 'date', min: 'loan.date' },
    { id: 'loan.rate', label: '年利率', kind: 'percent', required: false, empty: '无（不计利息）' },
  ],
  signatures: [{ role: '借款人', how: '签名并按手印' }],
  note: { when: '借钱时写。' },
});
const IOU = Template.parse({
  id: 'iou',
  title: '借条',
  category: '借贷',
  governs: { articleId: 1, law: '中华人民共和国民法典', lawShort: '民法典', article: '第六百六十八条' },
  ...form,
  body: [
    '　　今借到{{lender.name}}借款{{loan.amount}}，于{{loan.date}}收到。',
    '　　约定年利率：{{ loan.rate }}。借款人于{{loan.due}}前归还。',
    '',
    '# 借款人',
    '{{borrower.name}}（{{borrower.idNumber}}）',
    '> 以上内容已核对',
  ].join('\n'),
});
const VALUES = {
  'borrower.name': '张三',
  'borrower.idNumber': '11010519491231002x',
  'lender.name': '李四',
  'loan.amount': '12345.60',
  'loan.date': '2024-03-05',
  'loan.due': '2025-03-05',
};

const texts = (r: Receipt) => r.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));

describe('fillTemplate', () => {
  it('fills a 借条 for 12,345.60 元 with the amount in figures and capitals', () => {
    const receipt = fillTemplate(IOU, VALUES, { today: '2026-01-01' });
    const all = texts(receipt).join('\n');
    expect(all).toContain('壹万贰仟叁佰肆拾伍元陆角');
    expect(all).toContain('今借到李四借款¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角），于2024年3月5日收到。');
    expect(all).toContain('约定年利率：无（不计利息）。借款人于2025年3月5日前归还。');
    expect(all).toContain('张三（11010519491231002X）');
    expect(all).not.toMatch(/\{\{|\}\}/);
  });

  it('prints the title, headings, signature and date lines and names the governing article last', () => {
    const receipt = fillTemplate(IOU, { ...VALUES, 'loan.rate': '3.85' }, { today: '2026-01-01' });
    expect(receipt.blocks[0]).toMatchObject({ type: 'text', text: '借条', align: 'center', bold: true });
    expect(receipt.blocks).toContainEqual(expect.objectContaining({ type: 'text', text: '借款人', bold: true }));
    expect(receipt.blocks).toContainEqual(
      expect.objectContaining({ type: 'text', text: '以上内容已核对', align: 'right' }),
    );
    expect(receipt.blocks).toContainEqual({ type: 'feed', lines: 1 });
    const t = texts(receipt);
    expect(t).toContain('借款人（签名并按手印）：________________');
    expect(t.some((x) => x.startsWith('日期：______年____月____日'))).toBe(true);
    expect(t.join('\n')).toContain('约定年利率：3.85%');
    expect(t.at(-1)).toContain('法律依据：《中华人民共和国民法典》第六百六十八条');
    expect(receipt.blocks.at(-1)).toEqual({ type: 'cut' });
  });

  it('lays out on an 80 mm printer within its 48 columns', () => {
    const layout = layoutReceipt(fillTemplate(IOU, VALUES, { today: '2026-01-01' }), { columns: 48 });
    for (const line of layout.lines)
      if (line.kind === 'text')
        expect(line.width * (line.size === 'normal' ? 1 : line.size === 'tall' ? 1 : 2)).toBeLessThanOrEqual(48);
    expect(layout.lines.some((l) => l.kind === 'text' && l.text.includes('壹万贰仟'))).toBe(true);
  });

  it('refuses values that do not pass, naming each field', () => {
    let caught: unknown;
    try {
      fillTemplate(
        IOU,
        { ...VALUES, 'borrower.idNumber': '110105194912310021', 'loan.due': '2024-03-01' },
        { today: '2026-01-01' },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateValuesError);
    expect((caught as TemplateValuesError).errors.map((e) => [e.field, e.code])).toEqual([
      ['borrower.idNumber', 'id-number-check-character'],
      ['loan.due', 'date-too-early'],
    ]);
  });

  it('stays a valid receipt when a hand-made template names a field it does not have', () => {
    const receipt = receiptForTemplate({ ...IOU, body: '{{nobody}}', governs: null }, {});
    expect(() => Receipt.parse(receipt)).not.toThrow();
    expect(texts(receipt)).toContain('________');
  });
});
