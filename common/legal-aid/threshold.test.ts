import { describe, expect, it } from 'vitest';
import { compareWithThreshold, HardshipThreshold } from './threshold';

const BASE = {
  monthlyIncomePerPersonYuan: 1500,
  source: '某省法律援助经济困难标准（测试用）',
  effectiveFrom: '2024-01-01',
};

describe('HardshipThreshold', () => {
  it('accepts a standard with or without an asset cap', () => {
    expect(HardshipThreshold.parse(BASE)).toEqual(BASE);
    expect(HardshipThreshold.parse({ ...BASE, familyAssetsYuan: 50_000 }).familyAssetsYuan).toBe(50_000);
  });

  it('refuses a standard nobody can trace or date, and impossible figures', () => {
    expect(HardshipThreshold.safeParse({ ...BASE, source: '  ' }).success).toBe(false);
    expect(HardshipThreshold.safeParse({ ...BASE, effectiveFrom: '2024-02-30' }).success).toBe(false);
    expect(HardshipThreshold.safeParse({ ...BASE, effectiveFrom: '1 Jan 2024' }).success).toBe(false);
    expect(HardshipThreshold.safeParse({ ...BASE, monthlyIncomePerPersonYuan: -1 }).success).toBe(false);
    expect(HardshipThreshold.safeParse({ ...BASE, monthlyIncomePerPersonYuan: Number.POSITIVE_INFINITY }).success).toBe(
      false,
    );
    expect(HardshipThreshold.safeParse({ ...BASE, familyAssetsYuan: -5 }).success).toBe(false);
    const { source: _source, ...noSource } = BASE;
    expect(HardshipThreshold.safeParse(noSource).success).toBe(false);
  });
});

describe('compareWithThreshold', () => {
  const t = HardshipThreshold.parse(BASE);
  const capped = HardshipThreshold.parse({ ...BASE, familyAssetsYuan: 50_000 });

  it('reads the edge in the citizen’s favour: equal is within', () => {
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 1500 }, t)).toBe('within');
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 1500.01 }, t)).toBe('income-above');
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 0 }, t)).toBe('within');
  });

  it('ignores assets where the standard has no asset cap', () => {
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 100, familyAssetsYuan: 10_000_000 }, t)).toBe('within');
  });

  it('checks assets against a cap, income first', () => {
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 100, familyAssetsYuan: 50_000 }, capped)).toBe('within');
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 100, familyAssetsYuan: 50_001 }, capped)).toBe(
      'assets-above',
    );
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 100 }, capped)).toBe('assets-not-given');
    expect(compareWithThreshold({ monthlyIncomePerPersonYuan: 2000, familyAssetsYuan: 99_999 }, capped)).toBe(
      'income-above',
    );
  });
});
