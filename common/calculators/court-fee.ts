/**
 * 案件受理费 for a property claim (财产案件) in a civil case:
 * 诉讼费用交纳办法 第十三条第（一）项, "分段累计": 50 元 for the first 1 万元,
 * then each part of the claim above a threshold at that band's rate. Checked
 * against the text (《诉讼费用交纳办法》, 国务院令第481号, in force 2007-04-01):
 *
 *   ≤ 1万 50元 | 1万–10万 2.5% | 10万–20万 2% | 20万–50万 1.5% |
 *   50万–100万 1% | 100万–200万 0.9% | 200万–500万 0.8% |
 *   500万–1000万 0.7% | 1000万–2000万 0.6% | > 2000万 0.5%
 *
 * Halving: 第十五条 (settled by mediation, or the claim withdrawn), 第十六条
 * (简易程序), 第十八条 (counterclaim, or a third party's own claim heard
 * together). The fee is halved once however many apply
 * (民事诉讼法司法解释 第二百零六条: 只能减半一次).
 *
 * Not for other kinds of case: labour disputes pay 10 元 a case
 * (第十三条第（四）项), divorce and personality-right cases have their own
 * scales (第（二）项), and the court, not the kiosk, assesses the fee.
 *
 * Rounding: the bands below the claim's own band give whole 分 (they are
 * multiples of 1 万元); the top part is rounded half up to the 分, and so is
 * a halved fee. Some courts round to the 元; the breakdown says when
 * rounding changed the figure.
 */
import { assertFen, mulDivRoundHalfUp } from '../money/fen';
import { article, step, type Basis, type Calculation, type Step } from './breakdown';

const MEASURES = '诉讼费用交纳办法';
const YUAN = 100;
const WAN = 10_000 * YUAN;

/** The flat fee for the first band (up to FIRST_BAND_FEN): 50 元. */
export const FIRST_BAND_FEN = 1 * WAN;
export const FIRST_BAND_FEE_FEN = 50 * YUAN;

/** Each band above the first: the claim above `overFen` up to `upToFen` pays `basisPoints` / 10,000. */
export const COURT_FEE_BANDS: readonly { overFen: number; upToFen: number; basisPoints: number }[] = [
  { overFen: 1 * WAN, upToFen: 10 * WAN, basisPoints: 250 },
  { overFen: 10 * WAN, upToFen: 20 * WAN, basisPoints: 200 },
  { overFen: 20 * WAN, upToFen: 50 * WAN, basisPoints: 150 },
  { overFen: 50 * WAN, upToFen: 100 * WAN, basisPoints: 100 },
  { overFen: 100 * WAN, upToFen: 200 * WAN, basisPoints: 90 },
  { overFen: 200 * WAN, upToFen: 500 * WAN, basisPoints: 80 },
  { overFen: 500 * WAN, upToFen: 1000 * WAN, basisPoints: 70 },
  { overFen: 1000 * WAN, upToFen: 2000 * WAN, basisPoints: 60 },
  { overFen: 2000 * WAN, upToFen: Number.POSITIVE_INFINITY, basisPoints: 50 },
];

export const HALVING_GROUNDS = ['mediation-or-withdrawal', 'simple-procedure', 'counterclaim-or-third-party'] as const;
export type HalvingGround = (typeof HALVING_GROUNDS)[number];

const HALVING_ARTICLE: Readonly<Record<HalvingGround, number>> = {
  'mediation-or-withdrawal': 15,
  'simple-procedure': 16,
  'counterclaim-or-third-party': 18,
};

/**
 * - first-band {upToFen, amountFen}: the flat 50 元 for the first 1 万元
 * - band {overFen, upToFen?, portionFen, basisPoints, amountFen}: one band; no upToFen for the open top band
 * - full-fee {claimFen, amountFen}: the sum of the bands
 * - halved {ground, fullFeeFen, amountFen}: halved once; `ground` is a HalvingGround (the first one given)
 */
export const COURT_FEE_STEPS = ['first-band', 'band', 'full-fee', 'halved'] as const;
export type CourtFeeStep = (typeof COURT_FEE_STEPS)[number];

/**
 * - halved-only-once {grounds}: more than one halving ground applied; the fee is still halved once
 * - rounded-half-up {}: the exact figure had a fraction of a 分 and was rounded half up
 * - court-assesses-fee {}: an estimate; the court sets the fee and may rule on halving
 */
export const COURT_FEE_NOTES = ['halved-only-once', 'rounded-half-up', 'court-assesses-fee'] as const;
export type CourtFeeNote = (typeof COURT_FEE_NOTES)[number];

export interface CourtFeeInput {
  /** 诉讼请求的金额或者价额, in fen; more than 0. */
  claimFen: number;
  /** Grounds for halving that apply; any number, duplicates ignored. */
  halving?: readonly HalvingGround[];
}

export type CourtFee = Calculation<CourtFeeStep, CourtFeeNote>;

export function courtFee(input: CourtFeeInput): CourtFee {
  const claimFen = input.claimFen;
  assertFen(claimFen, 'the claim');
  if (claimFen === 0) throw new RangeError('a property claim must be more than 0');

  const item1 = article(MEASURES, 13, { item: 1 });
  const steps: Step<CourtFeeStep>[] = [
    step('first-band', { upToFen: FIRST_BAND_FEN, amountFen: FIRST_BAND_FEE_FEN }, item1),
  ];
  let fullFeeFen = FIRST_BAND_FEE_FEN;
  let rounded = false;
  for (const band of COURT_FEE_BANDS) {
    if (claimFen <= band.overFen) break;
    const portionFen = Math.min(claimFen, band.upToFen) - band.overFen;
    const amountFen = mulDivRoundHalfUp(portionFen, band.basisPoints, 10_000);
    if ((portionFen * band.basisPoints) % 10_000 !== 0) rounded = true;
    fullFeeFen += amountFen;
    const values: Record<string, number> = {
      overFen: band.overFen,
      portionFen,
      basisPoints: band.basisPoints,
      amountFen,
    };
    if (Number.isFinite(band.upToFen)) values.upToFen = band.upToFen;
    steps.push(step('band', values, item1));
  }
  steps.push(step('full-fee', { claimFen, amountFen: fullFeeFen }, item1));

  const notes: Step<CourtFeeNote>[] = [step('court-assesses-fee')];
  const basis: Basis[] = [item1];
  const grounds = [...new Set(input.halving ?? [])];
  let amountFen = fullFeeFen;
  if (grounds.length > 0) {
    amountFen = mulDivRoundHalfUp(fullFeeFen, 1, 2);
    if (fullFeeFen % 2 !== 0) rounded = true;
    const halvingBasis = grounds.map((g) => article(MEASURES, HALVING_ARTICLE[g]));
    basis.push(...halvingBasis);
    steps.push(step('halved', { ground: grounds[0]!, fullFeeFen, amountFen }, ...halvingBasis));
    if (grounds.length > 1)
      notes.push(step('halved-only-once', { grounds: grounds.length }, article('民事诉讼法司法解释', 206)));
  }
  if (rounded) notes.push(step('rounded-half-up'));
  return { amountFen, basis, steps, notes };
}
