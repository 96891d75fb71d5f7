import { describe, expect, it } from 'vitest';
import type { IdCard } from '../idcard/card';
import { prefillGroups, prefillValues } from './prefill';
import { fieldGroup, placeholders, TemplateField, templateProblems, type TemplateFieldInput } from './template';

const fields = (...f: TemplateFieldInput[]) => f.map((x) => TemplateField.parse(x));

describe('placeholders', () => {
  it('finds every {{…}} with its name trimmed', () => {
    expect(placeholders('今借到{{lender.name}}，{{ loan.amount }}。')).toEqual([
      { name: 'lender.name', index: 3 },
      { name: 'loan.amount', index: 19 },
    ]);
  });
});

describe('templateProblems', () => {
  const ok = fields(
    { id: 'a.name', label: '姓名', kind: 'text' },
    { id: 'a.date', label: '日期', kind: 'date', max: 'today' },
  );

  it('accepts a template whose placeholders and fields match', () => {
    expect(templateProblems({ fields: ok, signatures: [], body: '{{a.name}}于{{a.date}}' })).toEqual([]);
  });

  it('names a placeholder that is no field, and a field that is never printed', () => {
    expect(templateProblems({ fields: ok, signatures: [], body: '{{a.name}}{{a.nmae}}' })).toEqual([
      { placeholder: '{{a.nmae}}', message: 'placeholder {{a.nmae}} names no field (fields: a.name, a.date)' },
      { field: 'a.date', message: 'field "a.date" is asked for but never printed: use {{a.date}} in the body' },
    ]);
  });

  it('finds braces that do not close, duplicate ids and date bounds that are no date field', () => {
    const f = fields(
      { id: 'a.name', label: '姓名', kind: 'text' },
      { id: 'a.name', label: '姓名', kind: 'text' },
      { id: 'a.due', label: '还款日期', kind: 'date', min: 'a.name' },
      { id: 'a.end', label: '结束', kind: 'date', min: 'a.start' },
      { id: 'a.n', label: '人数', kind: 'integer', min: 5, max: 1 },
    );
    const messages = templateProblems({
      fields: f,
      signatures: [],
      body: '{{a.name}}{{a.due}}{{a.end}}{{a.n}} {{a.name',
    }).map((p) => p.message);
    expect(messages).toEqual([
      'field "a.name" is defined twice',
      'date bound "a.name" of "a.due" is a text field, not a date',
      'date bound "a.start" of "a.end" is not a field',
      '"a.n": min 5 is above max 1',
      'the body has a "{{" or "}}" that does not form a placeholder',
    ]);
  });

  it('refuses a body that could not fit a receipt block when filled to the limits', () => {
    const long = fields({ id: 'a.text', label: '内容', kind: 'multiline', max: 2000 });
    expect(
      templateProblems({ fields: long, signatures: [], body: '{{a.text}}{{a.text}}{{a.text}}' }).map((p) => p.message),
    ).toEqual(['body line 1 can print 6000 characters, more than the 4000 a receipt block holds; split it']);
  });

  it('refuses an unknown field kind and unknown keys in a field', () => {
    expect(TemplateField.safeParse({ id: 'a.x', label: 'x', kind: 'money' }).success).toBe(false);
    expect(TemplateField.safeParse({ id: 'a.x', label: 'x', kind: 'text', maxLength: 3 }).success).toBe(false);
    expect(TemplateField.safeParse({ id: 'A X', label: 'x', kind: 'text' }).success).toBe(false);
  });
});

describe('prefill from the ID card', () => {
  const card: IdCard = {
    cardType: 'mainland',
    name: '张三',
    sex: 'male',
    nation: '汉',
    nationCode: '01',
    birthDate: '1949-12-31',
    address: '北京市东城区某街1号',
    idNumber: '11010519491231002X',
    idNumberValid: true,
    idNumberProblems: [],
    issuer: '北京市公安局东城分局',
    validFrom: '2020-01-01',
    validTo: '长期',
  };
  const form = fields(
    { id: 'plaintiff.name', label: '原告姓名', kind: 'text', prefill: 'name' },
    { id: 'plaintiff.sex', label: '性别', kind: 'choice', options: ['男', '女'], prefill: 'sex' },
    { id: 'plaintiff.nation', label: '民族', kind: 'text', prefill: 'nation' },
    { id: 'plaintiff.birthDate', label: '出生日期', kind: 'date', prefill: 'birthDate' },
    { id: 'plaintiff.idNumber', label: '身份证号码', kind: 'id-number', prefill: 'idNumber' },
    { id: 'plaintiff.address', label: '住所', kind: 'text', prefill: 'address' },
    { id: 'plaintiff.phone', label: '电话', kind: 'phone' },
    { id: 'defendant.name', label: '被告姓名', kind: 'text', prefill: 'name' },
  );

  it('fills the chosen party only, in the forms a document writes', () => {
    expect(prefillValues({ fields: form }, card, 'plaintiff')).toEqual({
      'plaintiff.name': '张三',
      'plaintiff.sex': '男',
      'plaintiff.nation': '汉族',
      'plaintiff.birthDate': '1949-12-31',
      'plaintiff.idNumber': '11010519491231002X',
      'plaintiff.address': '北京市东城区某街1号',
    });
    expect(prefillValues({ fields: form }, card, 'defendant')).toEqual({ 'defendant.name': '张三' });
    expect(prefillGroups({ fields: form })).toEqual(['plaintiff', 'defendant']);
  });

  it('leaves out what the card does not carry', () => {
    const foreign = { ...card, address: null, sex: 'unspecified', nation: null } as IdCard;
    expect(Object.keys(prefillValues({ fields: form }, foreign, 'plaintiff')).sort()).toEqual([
      'plaintiff.birthDate',
      'plaintiff.idNumber',
      'plaintiff.name',
    ]);
  });

  it('groups a field by the part of its id before the last dot', () => {
    expect(fieldGroup('loan.amount')).toBe('loan');
    expect(fieldGroup('a.b.c')).toBe('a.b');
    expect(fieldGroup('title')).toBe('');
  });
});
