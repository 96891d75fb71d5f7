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
    const known = knownValues({ applicant: { name: '张三丰', idNumber: 'H1234567890ABCDEF' }, otherParty: { name: '王五' }, values: { 'lender.name': '李四' } });
    expect(known).toEqual({ names: ['张三丰', '王五', '李四'], idNumbers: ['H1234567890ABCDEF'] });
    const masked = maskKnownValues(
      Receipt.parse({ blocks: [{ type: 'text', text: '张三丰与王五、李四；证件 H1234567890ABCDEF' }, { type: 'pair', label: '申请人', value: '张三丰' }] }),
      known,
    );
    expect(masked.blocks).toMatchObject([{ text: '张**与王*、李*；证件 H12**********CDEF' }, { value: '张**' }]);
  });

  it('leaves one-character names alone rather than garble the receipt', () => {
    const r = Receipt.parse({ blocks: [{ type: 'text', text: '王先生，王府井' }] });
    expect(maskKnownValues(r, { names: ['王'], idNumbers: [] })).toEqual(r);
  });
});
