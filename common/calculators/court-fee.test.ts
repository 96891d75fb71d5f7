import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN } from '../money/fen';
import { COURT_FEE_BANDS, courtFee, type HalvingGround } from './court-fee';

const YUAN = 100;

describe('court acceptance fee for property claims (诉讼费用交纳办法 第十三条第（一）项)', () => {
  // [claim in fen, fee in fen, how it was worked out by hand]
  const CASES: [number, number, string][] = [
    [1, 5_000, '0.01 元: the flat 50 元'],
    [10_000 * YUAN, 5_000, '1 万: still the flat 50 元'],
    [10_000 * YUAN + 1, 5_000, '1 万 + 0.01: 50 + 0.00025 → 50.00'],
    [10_001 * YUAN, 5_003, '1 万 + 1: 50 + 0.025 → 50.03 (half up)'],
    [10_040 * YUAN, 5_100, '50 + 40 × 2.5% = 51'],
    [12_345.67 * YUAN, 10_864, '50 + 2,345.67 × 2.5% = 108.64175 → 108.64'],
    [50_000 * YUAN, 105_000, '50 + 40,000 × 2.5% = 1,050'],
    [100_000 * YUAN, 230_000, '10 万: 50 + 90,000 × 2.5% = 2,300'],
    [100_001 * YUAN, 230_002, '2,300 + 1 × 2% = 2,300.02'],
    [123_456.78 * YUAN, 276_914, '2,300 + 23,456.78 × 2% = 2,769.1356 → 2,769.14'],
    [150_000 * YUAN, 330_000, '2,300 + 50,000 × 2% = 3,300'],
    [200_000 * YUAN, 430_000, '20 万: 2,300 + 2,000 = 4,300'],
    [500_000 * YUAN, 880_000, '50 万: 4,300 + 300,000 × 1.5% = 8,800'],
    [1_000_000 * YUAN, 1_380_000, '100 万: 8,800 + 5,000 = 13,800'],
    [2_000_000 * YUAN, 2_280_000, '200 万: 13,800 + 1,000,000 × 0.9% = 22,800'],
    [5_000_000 * YUAN, 4_680_000, '500 万: 22,800 + 3,000,000 × 0.8% = 46,800'],
    [10_000_000 * YUAN, 8_180_000, '1000 万: 46,800 + 5,000,000 × 0.7% = 81,800'],
    [20_000_000 * YUAN, 14_180_000, '2000 万: 81,800 + 10,000,000 × 0.6% = 141,800'],
    [30_000_000 * YUAN, 19_180_000, '3000 万: 141,800 + 10,000,000 × 0.5% = 191,800'],
    [
      MAX_FEN,
      500_004_180_000,
      'the largest claim: 141,800 + 999,979,999,999.99 × 0.5% = 5,000,041,799.99995 → …800.00',
    ],
  ];

  it.each(CASES)('claim %i fen → fee %i fen (%s)', (claimFen, feeFen) => {
    const r = courtFee({ claimFen });
    expect(r.amountFen).toBe(feeFen);
    expect(r.steps.at(-1)).toMatchObject({ code: 'full-fee', values: { claimFen, amountFen: feeFen } });
  });

  it('checks the band table against the text', () => {
    expect(COURT_FEE_BANDS.map((b) => [b.overFen / YUAN / 10_000, b.basisPoints / 100])).toEqual([
      [1, 2.5],
      [10, 2],
      [20, 1.5],
      [50, 1],
      [100, 0.9],
      [200, 0.8],
      [500, 0.7],
      [1000, 0.6],
      [2000, 0.5],
    ]);
  });

  it('shows each band for 50 万', () => {
    const r = courtFee({ claimFen: 500_000 * YUAN });
    expect(r.steps.map((s) => [s.code, s.values.portionFen, s.values.basisPoints, s.values.amountFen])).toEqual([
      ['first-band', undefined, undefined, 5_000],
      ['band', 9_000_000, 250, 225_000],
      ['band', 10_000_000, 200, 200_000],
      ['band', 30_000_000, 150, 450_000],
      ['full-fee', undefined, undefined, 880_000],
    ]);
    expect(r.basis[0]).toMatchObject({ law: '诉讼费用交纳办法', article: '第十三条', item: 1 });
    expect(r.notes.map((n) => n.code)).toEqual(['court-assesses-fee']);
  });

  it('leaves the top band open', () => {
    const top = courtFee({ claimFen: 30_000_000 * YUAN }).steps.at(-2)!;
    expect(top.values).toEqual({
      overFen: 2_000_000_000,
      portionFen: 1_000_000_000,
      basisPoints: 50,
      amountFen: 5_000_000,
    });
  });

  it.each<[number, HalvingGround[], number, string]>([
    [100_000 * YUAN, ['simple-procedure'], 115_000, '第十六条: 2,300 / 2'],
    [100_000 * YUAN, ['mediation-or-withdrawal'], 115_000, '第十五条'],
    [100_000 * YUAN, ['counterclaim-or-third-party'], 115_000, '第十八条'],
    [10_000 * YUAN, ['simple-procedure'], 2_500, '50 / 2 = 25'],
    [10_001 * YUAN, ['simple-procedure'], 2_502, '50.03 / 2 = 25.015 → 25.02'],
    [
      500_000 * YUAN,
      ['simple-procedure', 'mediation-or-withdrawal'],
      440_000,
      'two grounds: halved once (民事诉讼法司法解释 第二百零六条)',
    ],
    [500_000 * YUAN, ['simple-procedure', 'simple-procedure'], 440_000, 'a duplicate ground'],
  ])('claim %i with %j → %i fen (%s)', (claimFen, halving, feeFen) => {
    const r = courtFee({ claimFen, halving });
    expect(r.amountFen).toBe(feeFen);
    expect(r.steps.at(-1)!.code).toBe('halved');
  });

  it('cites every halving ground but halves once', () => {
    const r = courtFee({ claimFen: 500_000 * YUAN, halving: ['simple-procedure', 'mediation-or-withdrawal'] });
    expect(r.steps.at(-1)!.values).toEqual({ ground: 'simple-procedure', fullFeeFen: 880_000, amountFen: 440_000 });
    expect(r.basis.map((b) => (b.kind === 'article' ? b.article : ''))).toEqual(['第十三条', '第十六条', '第十五条']);
    expect(r.notes.find((n) => n.code === 'halved-only-once')).toMatchObject({
      values: { grounds: 2 },
      basis: [{ law: '民事诉讼法司法解释', article: '第二百零六条' }],
    });
  });

  it('says when rounding changed the figure', () => {
    const codes = (claimFen: number, halving: HalvingGround[] = []) =>
      courtFee({ claimFen, halving }).notes.map((n) => n.code);
    expect(codes(10_001 * YUAN)).toContain('rounded-half-up');
    expect(codes(10_040 * YUAN)).not.toContain('rounded-half-up');
    expect(codes(10_001 * YUAN + 60)).not.toContain('rounded-half-up'); // 1.60 × 2.5% = 0.04 exactly
    expect(codes(10_001 * YUAN + 20)).not.toContain('rounded-half-up'); // 50.03 exactly…
    expect(codes(10_001 * YUAN + 20, ['simple-procedure'])).toContain('rounded-half-up'); // …halved: 25.015
  });

  it('grows with the claim and equals the sum of its bands', () => {
    const claim = fc.integer({ min: 1, max: MAX_FEN - 1 });
    fc.assert(
      fc.property(claim, (c) => {
        const r = courtFee({ claimFen: c });
        const sum = r.steps.filter((s) => s.code !== 'full-fee').reduce((a, s) => a + Number(s.values.amountFen), 0);
        return sum === r.amountFen && courtFee({ claimFen: c + 1 }).amountFen >= r.amountFen;
      }),
    );
  });

  it('refuses a claim that is not a positive fen amount', () => {
    for (const bad of [0, -100, 1.5, MAX_FEN + 1])
      expect(() => courtFee({ claimFen: bad }), String(bad)).toThrow(RangeError);
  });
});
