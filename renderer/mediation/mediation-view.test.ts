import { describe, expect, it } from 'vitest';
import { zhCN } from '../../common/i18n/zh-CN';
import { en } from '../../common/i18n/en';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_SITUATIONS,
  EMPTY_ANSWERS,
  MEDIATION_STEPS,
  stepProblems,
} from '../../common/mediation/mediation';
import { isIconName } from '../../ui/icons/Icon';
import { COUNTED_STEPS, DISPUTE_ICON, nextStep, problemKey, situationKey, stepNumber } from './mediation-view';

function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      catalogue,
    );
}

describe('mediation screens’ words and pictures', () => {
  it('every dispute type has an icon the kiosk draws', () => {
    for (const c of DISPUTE_CATEGORIES) expect(isIconName(DISPUTE_ICON[c]), c).toBe(true);
  });
  it('every problem the checks can report has plain words in both languages', () => {
    const wrong = {
      ...EMPTY_ANSWERS,
      details: '字'.repeat(301),
      applicantName: '1',
      applicantPhone: '12',
      applicantIdNumber: '123',
      otherPartyName: '',
      otherPartyPhone: '5',
      amountYuan: '0',
    };
    const seen = new Set<string>();
    for (const step of MEDIATION_STEPS) {
      for (const [field, problem] of Object.entries(stepProblems(step, wrong))) {
        const key = problemKey(field, problem!);
        seen.add(key);
        expect(typeof lookup(zhCN, key), key).toBe('string');
        expect(typeof lookup(en, key), key).toBe('string');
      }
    }
    expect(seen.size).toBeGreaterThan(6);
    for (const [field, problem] of [
      ['applicantIdNumber', 'check'],
      ['amountYuan', 'too-large'],
      ['amountYuan', 'format'],
      ['applicantName', 'too-long'],
      ['otherPartyName', 'too-long'],
    ] as const) {
      expect(typeof lookup(zhCN, problemKey(field, problem))).toBe('string');
    }
  });
  it('every situation chip has a key in the catalogue', () => {
    for (const c of DISPUTE_CATEGORIES)
      for (const s of DISPUTE_SITUATIONS[c])
        expect(typeof lookup(zhCN, situationKey(c, s)), `${c}/${s}`).toBe('string');
  });
  it('counts the steps 1…8 and goes from the last answer to the notice', () => {
    expect(COUNTED_STEPS.map(stepNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(nextStep('category')).toBe('situation');
    expect(nextStep('availability')).toBe('consent');
  });
});
