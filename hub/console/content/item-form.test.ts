import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../../common/hub/api/content-edits';
import {
  addEntry,
  blankItem,
  compareFields,
  fieldPaths,
  itemLabel,
  problemsAfterRemoving,
  removeEntry,
  setField,
  valueAt,
} from './item-form';

const faq = {
  kind: 'faq' as const,
  fields: {
    topic: 'labour-wages',
    situation: 'unpaid-wages',
    question: '老板拖欠工资怎么办？',
    answer: '先和单位协商，不成可以投诉或申请劳动仲裁。',
    nextSteps: [
      { step: '收集工资条、考勤记录', timeLimit: null },
      { step: '申请劳动仲裁', timeLimit: '一年内' },
    ],
    cites: ['劳动合同法 第三十条'],
    keywords: ['欠薪'],
  },
};

const problem = (field: string, code: FieldProblem['code'] = 'required'): FieldProblem => ({ field, code, params: {} });

describe('an item as the editor changes it', () => {
  it('sets a field at a path, leaving the rest and the original as they were', () => {
    const next = setField(faq, 'nextSteps.1.timeLimit', '六十日内');
    expect(valueAt(next, 'nextSteps.1.timeLimit')).toBe('六十日内');
    expect(valueAt(faq, 'nextSteps.1.timeLimit')).toBe('一年内');
    expect(next.fields.nextSteps[0]).toBe(faq.fields.nextSteps[0]);
    expect(next.fields.cites).toBe(faq.fields.cites);
  });

  it('refuses a path to no field rather than making one up', () => {
    expect(() => setField(faq, 'nextSteps.5.step', 'x')).toThrow(/no entry 5/);
    expect(() => setField(faq, 'answr', 'x')).toThrow(/no field answr/);
  });

  it('adds entries at the end of a list and removes one by its place', () => {
    const added = addEntry(addEntry(faq, 'cites', '劳动争议调解仲裁法 第二十七条'), 'keywords', '仲裁');
    expect(added.fields.cites).toEqual(['劳动合同法 第三十条', '劳动争议调解仲裁法 第二十七条']);
    expect(added.fields.keywords).toEqual(['欠薪', '仲裁']);
    const removed = removeEntry(added, 'cites', 0);
    expect(removed.fields.cites).toEqual(['劳动争议调解仲裁法 第二十七条']);
    const withStep = addEntry(faq, 'nextSteps', { step: '', timeLimit: null });
    expect(removeEntry(withStep, 'nextSteps', 1).fields.nextSteps.map((s) => s.step)).toEqual([
      '收集工资条、考勤记录',
      '',
    ]);
  });

  it('grows and shrinks a weekday’s duty hours on a service line', () => {
    const line = blankItem('service-line');
    const morning = addEntry(addEntry(line, 'dutyHours.mon', '09:00-12:00'), 'dutyHours.mon', '14:00-17:00');
    expect(valueAt(morning, 'dutyHours.mon')).toEqual(['09:00-12:00', '14:00-17:00']);
    expect(valueAt(removeEntry(morning, 'dutyHours.mon', 0), 'dutyHours.mon')).toEqual(['14:00-17:00']);
    expect(valueAt(morning, 'dutyHours.tue')).toEqual([]);
  });

  it('keeps each problem beside its field when an entry before it is removed', () => {
    const problems = [problem('cites'), problem('cites.0'), problem('cites.2', 'article-missing'), problem('answer')];
    expect(problemsAfterRemoving(problems, 'cites', 1)).toEqual([
      problem('cites'),
      problem('cites.0'),
      problem('cites.1', 'article-missing'),
      problem('answer'),
    ]);
    expect(
      problemsAfterRemoving([problem('nextSteps.1.step'), problem('nextSteps.2.timeLimit')], 'nextSteps', 1),
    ).toEqual([problem('nextSteps.1.timeLimit')]);
  });

  it('knows every path it draws a field for, so a problem at any other is shown apart', () => {
    const paths = fieldPaths(faq);
    for (const path of ['topic', 'nextSteps', 'nextSteps.1', 'nextSteps.1.timeLimit', 'cites.0', 'keywords.0'])
      expect(paths.has(path), path).toBe(true);
    expect(paths.has('cites.1')).toBe(false);
    expect(fieldPaths(blankItem('service-line')).has('dutyHours.sun')).toBe(true);
  });

  it('labels items as the hub lists them', () => {
    expect(itemLabel(faq)).toBe('老板拖欠工资怎么办？');
    expect(itemLabel(setField(blankItem('service-line'), 'regionCode', '420111'))).toBe('420111');
  });

  it('marks which fields a change touches, every one for a new item', () => {
    const proposed = setField(faq, 'cites.0', '劳动合同法 第八十二条');
    const changed = compareFields('faq', faq, proposed).filter((c) => c.changed);
    expect(changed.map((c) => c.field)).toEqual(['cites']);
    expect(compareFields('faq', null, faq).every((c) => c.changed)).toBe(true);
    expect(compareFields('faq', faq, null).every((c) => c.proposed === undefined)).toBe(true);
  });
});
