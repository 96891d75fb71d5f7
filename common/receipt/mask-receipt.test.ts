import { describe, expect, it } from 'vitest';
import { knownValues, maskKnownValues, maskReceipt } from './mask-receipt';
import { Receipt } from './receipt';

const receipt = Receipt.parse({
  blocks: [
    { type: 'text', text: '申请人 张三丰，身份证 420111199001011234' },
    { type: 'pair', label: '电话', value: '138 1234 5678' },
    { type: 'pair', label: '证件 ID42011119900101123X', value: '张三丰' },
    { type: 'pair', label: '调解委员会电话', value: '027-0000-0201' },
    { type: 'qr', data: 'id=420111199001011234', caption: '座机 027-87654321' },
    { type: 'rule' },
    { type: 'cut' },
  ],
});

describe('maskReceipt', () => {
  it('masks ID and phone numbers in every kind of block, and keeps the public numbers it is given', () => {
    const masked = maskReceipt(receipt, { keepPhones: new Set(['02700000201']) });
    expect(masked.blocks).toEqual([
      { type: 'text', text: '申请人 张三丰，身份证 420***********1234', align: 'left', bold: false, size: 'normal' },
      { type: 'pair', label: '电话', value: '138****5678', bold: false },
      { type: 'pair', label: '证件 ID420***********123X', value: '张三丰', bold: false },
      { type: 'pair', label: '调解委员会电话', value: '027-0000-0201', bold: false },
      { type: 'qr', data: 'id=420***********1234', caption: '座机 027****4321' },
      { type: 'rule', style: 'solid' },
      { type: 'cut' },
    ]);
  });
});

describe('maskKnownValues', () => {
  it('prints the payload’s names as 张** and its ID numbers masked, wherever they stand', () => {
    const known = knownValues({
      applicant: { name: '张三丰', idNumber: 'H1234567890ABCDEF' },
      otherParty: { name: '王五' },
      values: { 'lender.name': '李四' },
    });
    expect(known).toEqual({ names: ['张三丰', '王五', '李四'], idNumbers: ['H1234567890ABCDEF'] });
    const masked = maskKnownValues(
      Receipt.parse({
        blocks: [
          { type: 'text', text: '张三丰与王五、李四；证件 H1234567890ABCDEF' },
          { type: 'pair', label: '申请人', value: '张三丰' },
        ],
      }),
      known,
    );
    expect(masked.blocks).toMatchObject([{ text: '张**与王*、李*；证件 H12**********CDEF' }, { value: '张**' }]);
  });

  it('leaves one-character names alone rather than garble the receipt', () => {
    const r = Receipt.parse({ blocks: [{ type: 'text', text: '王先生，王府井' }] });
    expect(maskKnownValues(r, { names: ['王'], idNumbers: [] })).toEqual(r);
  });

  it('sees a known value through spaces and marks between its characters', () => {
    const r = Receipt.parse({
      blocks: [
        { type: 'pair', label: '申请人', value: '张 三 丰' },
        { type: 'text', text: '张\u3000三\u200b丰；证件 H.1234567890.ABCDEF' },
      ],
    });
    const masked = maskKnownValues(r, { names: ['张三丰'], idNumbers: ['H1234567890ABCDEF'] });
    expect(masked.blocks).toMatchObject([{ value: '张**' }, { text: '张**；证件 H12**********CDEF' }]);
  });
});

describe('maskReceipt, whatever separates the digits', () => {
  it('masks ID and mobile numbers split by dots, slashes, underscores, middle dots, commas or invisible spaces', () => {
    const id = [
      '1.1.0.1.0.1.1.9.9.0.0.3.0.7.1.2.3.4',
      '110101/19900307/1234',
      '110101_199003071234',
      '110101·19900307·1234',
      '110101，19900307，1234',
      '110101\u200b19900307\u200b1234',
    ];
    for (const text of id) {
      const [block] = maskReceipt(Receipt.parse({ blocks: [{ type: 'text', text: `证件 ${text}` }] })).blocks;
      expect((block as { text: string }).text, text).toBe('证件 110***********1234');
    }
    const [phone] = maskReceipt(Receipt.parse({ blocks: [{ type: 'text', text: '电话 138.1234.5678' }] })).blocks;
    expect((phone as { text: string }).text).toBe('电话 138****5678');
  });

  it('leaves amounts, dates, times and article lists as they are', () => {
    const text = '金额 ￥12,345.60 日期 2025-03-14 10:20 第1、3、5条 参考编号 A250314-7K3Q-X';
    const [block] = maskReceipt(Receipt.parse({ blocks: [{ type: 'text', text }] })).blocks;
    expect((block as { text: string }).text).toBe(text);
  });
});
