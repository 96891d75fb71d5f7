import { describe, expect, it } from 'vitest';
import { SAMPLE_MAINLAND_LONG_TERM } from '../../common/idcard/sample-cards';
import { prefillValues } from '../../common/templates/prefill';
import { validateTemplateValues } from '../../common/templates/values';
import {
  amountPreview,
  byCategory,
  cardParties,
  checkField,
  completeDate,
  countOptional,
  errorsByField,
  firstErrorIndex,
  hasAnswers,
  hasUnknownFieldErrors,
  joinDate,
  keyboardFor,
  offersToday,
  partyOfField,
  previewValues,
  splitDate,
  withPrefill,
  withValue,
} from './form-model';
import { IOU, IOU_ANSWERS } from './test-template';

const TODAY = '2025-06-01';
const field = (id: string) => IOU.fields.find((f) => f.id === id)!;

describe('checking one item as the service will', () => {
  it('passes answers the service accepts, item by item', () => {
    for (const f of IOU.fields) expect(checkField(IOU, IOU_ANSWERS, f.id, TODAY), f.id).toBeNull();
    expect(validateTemplateValues(IOU, previewValues(IOU, IOU_ANSWERS), { today: TODAY }).errors).toEqual([]);
  });

  it('names what is wrong with this item only, not with the items still empty', () => {
    const values = { 'borrower.name': '张三', 'borrower.idNumber': '110105194912310021' };
    expect(checkField(IOU, values, 'borrower.name', TODAY)).toBeNull();
    expect(checkField(IOU, values, 'borrower.idNumber', TODAY)).toEqual({
      field: 'borrower.idNumber',
      code: 'id-number-check-character',
    });
    expect(checkField(IOU, values, 'borrower.address', TODAY)).toEqual({ field: 'borrower.address', code: 'required' });
    // An optional item may stay empty.
    expect(checkField(IOU, values, 'loan.purpose', TODAY)).toBeNull();
  });

  it('checks a date against the item it is bounded by', () => {
    expect(checkField(IOU, { ...IOU_ANSWERS, 'loan.due': '2024-1-1' }, 'loan.due', TODAY)).toMatchObject({
      code: 'date-too-early',
      params: { min: '2024-03-05', minLabel: '收到借款的日期' },
    });
    expect(checkField(IOU, { ...IOU_ANSWERS, 'loan.date': '2030-1-1' }, 'loan.date', TODAY)).toMatchObject({
      code: 'date-too-late',
      params: { max: TODAY },
    });
  });

  it('sends every item of the template and nothing else', () => {
    const sent = previewValues(IOU, { 'lender.name': '李四', stray: 'x' });
    expect(Object.keys(sent)).toEqual(IOU.fields.map((f) => f.id));
    expect(sent['lender.name']).toBe('李四');
    expect(sent['loan.amount']).toBe('');
  });
});

describe('errors from the preview', () => {
  const errors = [
    { field: 'loan.due', code: 'date-too-early' as const },
    { field: 'borrower.idNumber', code: 'id-number-format' as const },
    { field: 'borrower.idNumber', code: 'required' as const },
  ];

  it('keeps one error per item and finds the first wrong item in the form’s order', () => {
    const byField = errorsByField(errors);
    expect(byField['borrower.idNumber']?.code).toBe('id-number-format');
    expect(firstErrorIndex(IOU, byField)).toBe(1);
    expect(firstErrorIndex(IOU, {})).toBeNull();
  });

  it('tells apart errors about items the template does not have', () => {
    expect(hasUnknownFieldErrors(IOU, errors)).toBe(false);
    expect(hasUnknownFieldErrors(IOU, [{ field: 'gone', code: 'unknown-field' }])).toBe(true);
  });

  it('drops an item’s error when its answer changes or a card fills it', () => {
    const byField = errorsByField(errors);
    const typed = withValue({}, byField, 'borrower.idNumber', '4201');
    expect(typed.values['borrower.idNumber']).toBe('4201');
    expect(typed.errors['borrower.idNumber']).toBeUndefined();
    expect(typed.errors['loan.due']).toBeDefined();
    const read = withPrefill({ 'borrower.name': '手写的名字', 'lender.name': '李四' }, byField, {
      'borrower.name': '李秀英',
      'borrower.idNumber': '420111195003080241',
    });
    expect(read.values).toEqual({
      'borrower.name': '李秀英',
      'borrower.idNumber': '420111195003080241',
      'lender.name': '李四',
    });
    expect(read.errors['borrower.idNumber']).toBeUndefined();
  });

  it('counts optional items and notices when anything was typed', () => {
    expect(countOptional(IOU)).toBe(2);
    expect(hasAnswers({})).toBe(false);
    expect(hasAnswers({ 'lender.name': '  ' })).toBe(false);
    expect(hasAnswers({ 'lender.name': '李' })).toBe(true);
  });
});

describe('amounts in capitals while they are typed', () => {
  it.each([
    ['12345.60', '壹万贰仟叁佰肆拾伍元陆角'],
    ['12345.6', '壹万贰仟叁佰肆拾伍元陆角'],
    ['12345.', '壹万贰仟叁佰肆拾伍元整'],
    ['1', '壹元整'],
    ['0.05', '伍分'],
  ])('%s → %s', (typed, capitals) => {
    expect(amountPreview(typed)).toMatchObject({ state: 'ok', capitals });
  });

  it('says nothing for nothing and why for what is not an amount', () => {
    expect(amountPreview('')).toEqual({ state: 'empty' });
    expect(amountPreview('12.345')).toEqual({ state: 'error', reason: 'too-many-decimals' });
    expect(amountPreview('1.2.3')).toEqual({ state: 'error', reason: 'not-a-number' });
  });
});

describe('dates in three boxes', () => {
  it('joins the boxes so the service reads the date, and splits them back', () => {
    expect(joinDate({ year: '2024', month: '3', day: '5' })).toBe('2024-3-5');
    expect(splitDate('2024-3-5')).toEqual({ year: '2024', month: '3', day: '5' });
    expect(joinDate({ year: '', month: '', day: '' })).toBe('');
    expect(splitDate('')).toEqual({ year: '', month: '', day: '' });
    // A date read from a card.
    expect(splitDate('1950-03-08')).toEqual({ year: '1950', month: '03', day: '08' });
    // An unfinished date stays unfinished, and the service says so.
    const partial = joinDate({ year: '2024', month: '', day: '5' });
    expect(splitDate(partial)).toEqual({ year: '2024', month: '', day: '5' });
    expect(checkField(IOU, { 'loan.date': partial }, 'loan.date', TODAY)?.code).toBe('date-format');
  });

  it('reads a complete, real date only', () => {
    expect(completeDate('2024-3-5')).toBe('2024-03-05');
    expect(completeDate('2023-2-29')).toBeNull();
    expect(completeDate('2024-2-29')).toBe('2024-02-29');
    expect(completeDate('202-3-5')).toBeNull();
    expect(completeDate('2024--5')).toBeNull();
  });

  it('offers 填今天 for dates that cannot be later than today, except birth dates', () => {
    expect(offersToday(field('loan.date'))).toBe(true);
    expect(offersToday(field('loan.due'))).toBe(false);
    expect(
      offersToday({
        id: 'a.birthDate',
        label: '出生日期',
        kind: 'date',
        max: 'today',
        prefill: 'birthDate',
        required: true,
      }),
    ).toBe(false);
  });
});

describe('the keyboard for each kind of item', () => {
  it('opens pinyin for text and the digit pad for numbers, with the keys each number needs', () => {
    expect(keyboardFor(field('borrower.name'))).toMatchObject({ layout: 'letters', maxLength: 30 });
    expect(keyboardFor(field('loan.amount'))).toMatchObject({
      layout: 'digits',
      digitKeys: ['.', null],
      hint: 'amount',
    });
    expect(keyboardFor(field('borrower.idNumber'))).toMatchObject({
      layout: 'digits',
      digitKeys: ['X', null],
      maxLength: 18,
    });
    expect(keyboardFor(field('borrower.phone'))).toMatchObject({ layout: 'digits', digitKeys: [null, '-'] });
    expect(keyboardFor(field('loan.rate'))).toMatchObject({ layout: 'digits', digitKeys: ['.', null] });
  });
});

describe('reading an ID card for one party', () => {
  const card = SAMPLE_MAINLAND_LONG_TERM;

  it('names the parties as the document does, in the form’s order', () => {
    const parties = cardParties(IOU);
    expect(parties.map((p) => [p.group, p.label])).toEqual([
      ['borrower', '借款人'],
      ['lender', '出借人'],
    ]);
    expect(parties[0]!.fields.map((f) => f.id)).toEqual(['borrower.name', 'borrower.idNumber', 'borrower.address']);
    expect(partyOfField(IOU, field('lender.idNumber'))?.label).toBe('出借人');
    expect(partyOfField(IOU, field('borrower.phone'))).toBeNull();
  });

  it('fills only the chosen party, with answers that pass', () => {
    const filled = prefillValues(IOU, card, 'borrower');
    expect(filled).toEqual({
      'borrower.name': '李秀英',
      'borrower.idNumber': '420111195003080241',
      'borrower.address': '湖北省武汉市洪山区珞喻路1037号',
    });
    const { values } = withPrefill({}, {}, filled);
    for (const id of Object.keys(filled)) expect(checkField(IOU, values, id, TODAY), id).toBeNull();
  });

  it('names a party without a name item by its first card item', () => {
    const t = {
      fields: [
        {
          id: 'applicant.idNumber',
          label: '身份证号码',
          kind: 'id-number' as const,
          prefill: 'idNumber' as const,
          required: true,
        },
      ],
    };
    expect(cardParties(t)).toMatchObject([{ group: 'applicant', label: '身份证号码' }]);
  });
});

describe('the list', () => {
  it('groups templates under their categories, in the order listed', () => {
    const list = [
      { id: 'iou', category: '借贷' },
      { id: 'debt-note', category: '借贷' },
      { id: 'divorce', category: '婚姻家庭' },
      { id: 'arbitration', category: '劳动' },
      { id: 'aid', category: '法律援助' },
    ];
    expect(byCategory(list).map((g) => [g.category, g.items.map((i) => i.id)])).toEqual([
      ['借贷', ['iou', 'debt-note']],
      ['婚姻家庭', ['divorce']],
      ['劳动', ['arbitration']],
      ['法律援助', ['aid']],
    ]);
  });
});
