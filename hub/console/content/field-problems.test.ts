import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../common/i18n/en';
import { zhCN } from '../../../common/i18n/zh-CN';
import { FIELD_PROBLEM_CODES } from '../../../common/hub/api/content-edits';
import { blankItem, setField } from './item-form';
import {
  fieldLabel,
  problemsAt,
  problemsElsewhere,
  problemText,
  requestProblems,
  type ShownProblem,
} from './field-problems';

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  zh = i18n.getFixedT('zh-CN');
  english = i18n.getFixedT('en');
});

describe('the problems of an item, beside their fields', () => {
  const problems: ShownProblem[] = [
    { field: 'cites.0', code: 'article-missing', params: { law: '劳动合同法', article: '第九百条' } },
    { field: 'cites', code: 'no-citation', params: {} },
    { field: 'nextSteps.3.step', code: 'required', params: {} },
  ];

  it('gives each field the problems naming it exactly', () => {
    expect(problemsAt(problems, 'cites.0').map((p) => p.code)).toEqual(['article-missing']);
    expect(problemsAt(problems, 'cites').map((p) => p.code)).toEqual(['no-citation']);
    expect(problemsAt(problems, 'cites.1')).toEqual([]);
  });

  it('keeps those naming no field shown, so none is lost', () => {
    expect(problemsElsewhere(problems, new Set(['cites', 'cites.0'])).map((p) => p.field)).toEqual([
      'nextSteps.3.step',
    ]);
  });

  it('says each code in both languages, filled in from its params', () => {
    expect(problemText(zh, problems[0]!)).toBe('《劳动合同法》没有第九百条。');
    expect(problemText(english, problems[0]!)).toBe('《劳动合同法》 has no 第九百条.');
    for (const code of FIELD_PROBLEM_CODES) {
      const text = problemText(zh, { field: 'x', code, params: {} });
      expect(text, code).not.toContain('hubContent');
    }
  });

  it('finds before saving what the hub would refuse to take at all', () => {
    const faq = blankItem('faq');
    expect(requestProblems(faq)).toEqual([{ field: 'topic', code: 'bad-id', params: {} }]);
    const named = setField(faq, 'topic', 'labour-wages');
    expect(requestProblems(named)).toEqual([]);
    const notice = setField(setField(blankItem('notice'), 'regionCode', '4201'), 'startsOn', '2026-12-01');
    expect(requestProblems(notice)).toEqual([
      { field: 'regionCode', code: 'bad-region', params: {} },
      { field: 'endsOn', code: 'bad-date', params: {} },
    ]);
    expect(problemText(zh, requestProblems(notice)[0]!)).toBe('行政区划代码是 6 位数字，例如 420111。');
  });

  it('names fields by what the author sees', () => {
    expect(fieldLabel(zh, 'faq', 'cites.1')).toBe('依据 2');
    expect(fieldLabel(zh, 'faq', 'nextSteps.0.timeLimit')).toBe('第 1 步 · 时限（可不填）');
    expect(fieldLabel(zh, 'service-line', 'dutyHours.mon.1')).toBe('周一 第 2 段');
    expect(fieldLabel(english, 'faq', 'answer')).toBe('Answer');
  });
});
