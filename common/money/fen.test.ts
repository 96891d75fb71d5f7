import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN, assertFen, formatYuan, isFen, mulDivRoundHalfUp } from './fen';

describe('fen amounts', () => {
  it('knows what a fen amount is', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(MAX_FEN)).toBe(true);
    for (const bad of [-1, 0.5, MAX_FEN + 1, Number.NaN, '5', undefined]) expect(isFen(bad), String(bad)).toBe(false);
    expect(() => assertFen(1.5, 'the wage')).toThrow(/the wage/);
  });

  it('rounds halves up and nothing else', () => {
    expect(mulDivRoundHalfUp(5, 1, 2)).toBe(3); // 2.5
    expect(mulDivRoundHalfUp(3, 1, 2)).toBe(2); // 1.5
    expect(mulDivRoundHalfUp(1, 1, 3)).toBe(0); // 0.33
    expect(mulDivRoundHalfUp(2, 1, 3)).toBe(1); // 0.67
    expect(mulDivRoundHalfUp(100, 250, 10_000)).toBe(3); // 2.5% of 1 元 = 2.5 分
    expect(mulDivRoundHalfUp(0, 7, 3)).toBe(0);
  });

  it('stays exact for products past 2^53', () => {
    // 2.5% of the largest amount: the product is about 2.5 × 10^16.
    expect(mulDivRoundHalfUp(MAX_FEN, 250, 10_000)).toBe(2_500_000_000_000); // 2,499,999,999,999.975
    expect(mulDivRoundHalfUp(MAX_FEN - 20, 250, 10_000)).toBe(2_499_999_999_999); // …999.475
    expect(mulDivRoundHalfUp(2 ** 53 - 1, 3, 3)).toBe(2 ** 53 - 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.integer({ min: 1, max: 10_000 }), (a, c) => {
        const q = mulDivRoundHalfUp(a, c, c);
        return q === a;
      }),
    );
  });

  it('refuses negatives, fractions, zero divisors and inexact results', () => {
    expect(() => mulDivRoundHalfUp(-1, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
  });

  it('formats yuan with two decimals and grouping', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(1234560)).toBe('12,345.60');
    expect(formatYuan(100000000)).toBe('1,000,000.00');
    expect(formatYuan(MAX_FEN)).toBe('999,999,999,999.99');
  });
});
