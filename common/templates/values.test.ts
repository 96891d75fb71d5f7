import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../idcard/id-number';
import { TemplateField, type TemplateFieldInput } from './template';
import {
  formatAmount,
  formatChineseDate,
  formatTemplateValue,
  normalizePhone,
  validateTemplateValues,
  type FieldErrorCode,
  type TemplateValue,
} from './values';

const TODAY = '2026-01-01';

function check(
  input: TemplateFieldInput,
  raw: string,
): { value?: TemplateValue; code?: FieldErrorCode; params?: Record<string, unknown> } {
  const field = TemplateField.parse(input);
  const { errors, values } = validateTemplateValues({ fields: [field] }, { [field.id]: raw }, { today: TODAY });
  if (errors.length > 0)
    return { code: errors[0]!.code, ...(errors[0]!.params !== undefined ? { params: errors[0]!.params } : {}) };
  return { value: values[field.id]! };
}

type Case = [raw: string, expected: TemplateValue | FieldErrorCode];
const table = (field: TemplateFieldInput, cases: Case[]) =>
  it.each(cases)('%j → %j', (raw, expected) => {
    const r = check(field, raw);
    if (typeof expected === 'string' && /^[a-z]+(?:-[a-z]+)*$/.test(expected) && r.code !== undefined)
      expect(r.code).toBe(expected);
    else expect(r).toEqual({ value: expected });
  });

describe('text fields', () => {
  table({ id: 'a.name', label: '姓名', kind: 'text', max: 4 }, [
    ['  张三  ', '张三'],
    ['欧阳娜娜', '欧阳娜娜'],
    ['张\n三', '张 三'],
    ['张\u0007三', '张三'],
    ['司马相如啊', 'too-long'],
    ['   ', 'required'],
    ['\u0007', 'required'],
  ]);
  table({ id: 'a.facts', label: '事实', kind: 'multiline', max: 20 }, [
    ['第一行\r\n第二行', '第一行\n第二行'],
    ['一\n\n\n\n二', '一\n\n二'],
    ['很长'.repeat(11), 'too-long'],
  ]);
});

describe('amount fields (fen)', () => {
  table({ id: 'loan.amount', label: '借款金额', kind: 'amount' }, [
    ['12345.60', 1234560],
    ['12,345.6', 1234560],
    ['¥12,345.60', 1234560],
    ['１２３４５．６元', 1234560],
    ['0.01', 1],
    ['0', 'amount-too-small'],
    ['12.345', 'amount-format'],
    ['12,34', 'amount-format'],
    ['-5', 'amount-format'],
    ['一万元', 'amount-format'],
    ['1000000000', 'amount-too-large'],
    ['100000000000000', 'amount-too-large'],
  ]);
  table({ id: 'loan.repaid', label: '已还金额', kind: 'amount', min: 0, max: 500 }, [
    ['0', 0],
    ['500', 50000],
    ['500.01', 'amount-too-large'],
  ]);
  it('says why an amount is malformed and what the limits are', () => {
    expect(check({ id: 'x', label: 'x', kind: 'amount' }, '12.345')).toEqual({
      code: 'amount-format',
      params: { reason: 'too-many-decimals' },
    });
    expect(check({ id: 'x', label: 'x', kind: 'amount', min: 100 }, '99')).toEqual({
      code: 'amount-too-small',
      params: { min: 100 },
    });
  });
});

describe('date fields', () => {
  table({ id: 'loan.date', label: '借款日期', kind: 'date' }, [
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', 'date-not-real'],
    ['2024-13-01', 'date-not-real'],
    ['2024-04-31', 'date-not-real'],
    ['05/03/2024', 'date-format'],
    ['昨天', 'date-format'],
  ]);
  table({ id: 'marriage.date', label: '结婚日期', kind: 'date', max: 'today' }, [
    [TODAY, TODAY],
    ['2026-01-02', 'date-too-late'],
  ]);

  const loan = [
    TemplateField.parse({ id: 'loan.date', label: '借款日期', kind: 'date' }),
    TemplateField.parse({ id: 'loan.due', label: '还款日期', kind: 'date', min: 'loan.date' }),
  ];
  it('checks one date against another (repay date ≥ loan date), naming the other field', () => {
    expect(
      validateTemplateValues({ fields: loan }, { 'loan.date': '2024-03-05', 'loan.due': '2024-03-05' }).errors,
    ).toEqual([]);
    expect(validateTemplateValues({ fields: loan }, { 'loan.date': '2024-03-05', 'loan.due': '2024-03-04' })).toEqual({
      errors: [
        {
          field: 'loan.due',
          code: 'date-too-early',
          params: { min: '2024-03-05', minField: 'loan.date', minLabel: '借款日期' },
        },
      ],
      values: { 'loan.date': '2024-03-05' },
    });
  });
  it('does not compare with a date that itself failed: one mistake, one error', () => {
    const { errors } = validateTemplateValues(
      { fields: loan },
      { 'loan.date': '2024-02-30', 'loan.due': '2024-01-01' },
    );
    expect(errors).toEqual([{ field: 'loan.date', code: 'date-not-real' }]);
  });
});

describe('ID number fields', () => {
  table({ id: 'a.id', label: '身份证号', kind: 'id-number' }, [
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    [' 420111 19500308 0241 ', '420111195003080241'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['110105194912310021', 'id-number-check-character'],
    ['42011119500308024', 'id-number-format'],
    ['4201111950030802A1', 'id-number-format'],
    ['420111195002300241', 'id-number-birth-date'],
    ['000111195003080241', 'id-number-region'],
    [`00111119500308024${idNumberCheckChar('00111119500308024')}`, 'id-number-region'],
    ['420111203003080241', 'id-number-birth-date'],
  ]);
});

describe('phone fields', () => {
  table({ id: 'a.phone', label: '电话', kind: 'phone' }, [
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['027-87654321', '027-87654321'],
    ['02787654321', '027-87654321'],
    ['(027)87654321', '027-87654321'],
    ['010-12345678', 'phone-format'],
    ['010-62345678', '010-62345678'],
    ['0716-8123456', '0716-8123456'],
    ['07168123456', '0716-8123456'],
    ['027-87654321转123', '027-87654321-123'],
    ['0278-7654321', 'phone-format'],
    ['12800138000', 'phone-format'],
    ['1380013800', 'phone-format'],
    ['87654321', 'phone-format'],
    ['12348', 'phone-format'],
  ]);
  it('normalises without a field, for callers that only want the number', () => {
    expect(normalizePhone('１３８００１３８０００')).toBe('13800138000');
  });
});

describe('choice fields', () => {
  table({ id: 'a.sex', label: '性别', kind: 'choice', options: ['男', '女'] }, [
    ['男', '男'],
    [' 女 ', '女'],
    ['male', 'not-an-option'],
  ]);
});

describe('integer and percent fields', () => {
  table({ id: 'a.age', label: '年龄', kind: 'integer', min: 0, max: 150, unit: '岁' }, [
    ['35', 35],
    ['35岁', 35],
    ['３５', 35],
    ['0', 0],
    ['151', 'too-large'],
    ['-1', 'too-small'],
    ['3.5', 'integer-format'],
    ['三十五', 'integer-format'],
  ]);
  table({ id: 'loan.rate', label: '年利率', kind: 'percent', max: 100, decimals: 2 }, [
    ['3.85', 3.85],
    ['3.85%', 3.85],
    ['12', 12],
    ['０.５％', 0.5],
    ['3.855', 'percent-format'],
    ['abc', 'percent-format'],
    ['100.01', 'too-large'],
  ]);
});

describe('the form as a whole', () => {
  const fields = [
    TemplateField.parse({ id: 'a.name', label: '姓名', kind: 'text' }),
    TemplateField.parse({ id: 'a.note', label: '备注', kind: 'text', required: false, empty: '无' }),
    TemplateField.parse({ id: 'a.id', label: '身份证号', kind: 'id-number' }),
  ];
  it('gives one error per field in form order, unknown fields last, and keeps what passed', () => {
    const r = validateTemplateValues({ fields }, { 'zz.extra': 'x', 'a.id': '110105194912310021' });
    expect(r.errors).toEqual([
      { field: 'a.name', code: 'required' },
      { field: 'a.id', code: 'id-number-check-character' },
      { field: 'zz.extra', code: 'unknown-field' },
    ]);
    expect(r.values).toEqual({ 'a.note': null });
  });
});

describe('how values read in a document', () => {
  it('writes amounts in figures and capitals, dates in Chinese, blanks for what was left empty', () => {
    expect(formatAmount(1234560)).toBe('¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角）');
    expect(formatAmount(100000)).toBe('¥1,000.00（人民币壹仟元整）');
    expect(formatChineseDate('2024-03-05')).toBe('2024年3月5日');
    const optional = TemplateField.parse({ id: 'x', label: 'x', kind: 'percent', required: false, empty: '不计利息' });
    expect(formatTemplateValue(optional, null)).toBe('不计利息');
    expect(formatTemplateValue(optional, 3.85)).toBe('3.85%');
    expect(formatTemplateValue(TemplateField.parse({ id: 'x', label: 'x', kind: 'text', required: false }), null)).toBe(
      '________',
    );
  });
});
