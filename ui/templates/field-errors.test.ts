import { describe, expect, it } from 'vitest';
import { PARSE_YUAN_ERRORS } from '../../common/money/rmb-capitals';
import { FIELD_ERROR_CODES, type FieldError } from '../../common/templates/values';
import { createI18n } from '../i18n/i18n';
import { fieldErrorText } from './field-errors';

const zh = createI18n('zh-CN');
const en = createI18n('en');

function say(error: FieldError, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const text = fieldErrorText(error, language);
  return (language === 'zh-CN' ? zh : en).t(text.key, text.params);
}

/** One error of each code, with the params the service sends (common/templates/values.ts). */
const SAMPLES: Record<(typeof FIELD_ERROR_CODES)[number], FieldError> = {
  'unknown-field': { field: 'x', code: 'unknown-field' },
  required: { field: 'x', code: 'required' },
  'too-long': { field: 'x', code: 'too-long', params: { max: 30 } },
  'amount-format': { field: 'x', code: 'amount-format', params: { reason: 'not-a-number' } },
  'amount-too-small': { field: 'x', code: 'amount-too-small', params: { min: 0.01 } },
  'amount-too-large': { field: 'x', code: 'amount-too-large', params: { max: 999999999.99 } },
  'date-format': { field: 'x', code: 'date-format' },
  'date-not-real': { field: 'x', code: 'date-not-real' },
  'date-too-early': {
    field: 'x',
    code: 'date-too-early',
    params: { min: '2024-03-05', minField: 'loan.date', minLabel: '收到借款的日期' },
  },
  'date-too-late': { field: 'x', code: 'date-too-late', params: { max: '2025-06-01' } },
  'id-number-format': { field: 'x', code: 'id-number-format' },
  'id-number-birth-date': { field: 'x', code: 'id-number-birth-date' },
  'id-number-region': { field: 'x', code: 'id-number-region' },
  'id-number-check-character': { field: 'x', code: 'id-number-check-character' },
  'phone-format': { field: 'x', code: 'phone-format' },
  'not-an-option': { field: 'x', code: 'not-an-option', params: { options: '男、女' } },
  'integer-format': { field: 'x', code: 'integer-format' },
  'percent-format': { field: 'x', code: 'percent-format', params: { decimals: 2 } },
  'too-small': { field: 'x', code: 'too-small', params: { min: 1 } },
  'too-large': { field: 'x', code: 'too-large', params: { max: 100 } },
};

describe('field errors in plain words', () => {
  it.each(FIELD_ERROR_CODES.map((code) => [code]))(
    '%s has words in both languages, every placeholder filled',
    (code) => {
      for (const language of ['zh-CN', 'en'] as const) {
        const words = say(SAMPLES[code], language);
        expect(words.trim(), `${code} ${language}`).not.toBe('');
        expect(words, `${code} ${language}`).not.toMatch(/\{\{|documents\./);
      }
    },
  );

  it('says what to do, with the numbers and dates the citizen reads', () => {
    expect(say(SAMPLES['id-number-check-character'])).toBe('号码有一位写错了，请对着身份证一位一位核对。');
    expect(say(SAMPLES['date-too-early'])).toBe('不能早于“收到借款的日期”（2024年3月5日）。');
    expect(say(SAMPLES['date-too-late'])).toBe('不能晚于今天（2025年6月1日）。');
    expect(say(SAMPLES['date-too-late'], 'en')).toBe('Cannot be after today (1 June 2025).');
    expect(say(SAMPLES['amount-too-large'])).toBe('金额太大了，最多 999,999,999.99 元。');
    expect(say(SAMPLES['amount-too-small'])).toBe('金额最少是 0.01 元。');
    expect(say({ field: 'x', code: 'amount-too-small', params: { min: 100 } })).toBe('金额最少是 100 元。');
    expect(say(SAMPLES['too-long'])).toBe('字数太多了，最多 30 个字。');
    expect(say(SAMPLES['not-an-option'])).toBe('请从这几项里选一个：男、女。');
  });

  it('explains why an amount is not one, and falls back to the general words for a reason it does not know', () => {
    for (const reason of PARSE_YUAN_ERRORS) {
      expect(say({ field: 'x', code: 'amount-format', params: { reason } })).not.toMatch(/\{\{|documents\./);
    }
    expect(say({ field: 'x', code: 'amount-format', params: { reason: 'too-many-decimals' } })).toBe(
      '小数点后最多写两位（角和分）。',
    );
    expect(say({ field: 'x', code: 'amount-format', params: { reason: 'something-new' } })).toBe(
      '金额的写法不对。只写数字，例如 12345.60。',
    );
    expect(say({ field: 'x', code: 'amount-format' })).toBe('金额的写法不对。只写数字，例如 12345.60。');
  });

  it('asks for a whole number when a percent allows no decimals', () => {
    expect(say({ field: 'x', code: 'percent-format', params: { decimals: 0 } })).toBe('请只写整数，例如 4。');
    expect(say(SAMPLES['percent-format'])).toBe('请只写数字，小数点后最多 2 位，例如 3.65。');
  });
});
