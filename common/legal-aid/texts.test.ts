import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { legalAidEn, legalAidZhCN } from '../i18n/sections/legal-aid';
import { zhCN } from '../i18n/zh-CN';
import { APPLY_PLACES, LEGAL_AID_OUTCOMES, LEGAL_AID_ROUTES, MATERIAL_CODES, REASON_CODES } from './codes';

const HAN = /\p{Script=Han}/u;
const LANGUAGES = [
  ['zh-CN', legalAidZhCN, true],
  ['en', legalAidEn, false],
] as const;

describe('legal-aid texts', () => {
  it('are part of both catalogues', () => {
    expect(zhCN.legalAid).toBe(legalAidZhCN);
    expect(en.legalAid).toBe(legalAidEn);
  });

  it.each(LANGUAGES)('%s has a text for every code the check can answer with', (_lang, texts, chinese) => {
    const groups: [string, readonly string[], Record<string, string>][] = [
      ['reasons', REASON_CODES, texts.reasons],
      ['materials', MATERIAL_CODES, texts.materials],
      ['outcome', LEGAL_AID_OUTCOMES, texts.outcome],
      ['route', LEGAL_AID_ROUTES, texts.route],
      ['whereToApply', APPLY_PLACES, texts.whereToApply],
    ];
    for (const [name, codes, table] of groups) {
      expect(Object.keys(table).sort(), name).toEqual([...codes].sort());
      for (const code of codes) {
        const text = table[code] ?? '';
        expect(text.trim(), `${name}.${code}`).not.toBe('');
        // Chinese texts are Chinese; English texts carry no untranslated Chinese.
        expect(HAN.test(text), `${name}.${code}`).toBe(chinese);
      }
    }
  });

  it('keeps the Chinese short enough to read aloud in one breath per sentence', () => {
    for (const [code, text] of Object.entries(legalAidZhCN.reasons)) {
      for (const sentence of text.split('。')) expect(sentence.length, code).toBeLessThanOrEqual(40);
    }
  });
});
