/**
 * Money is counted in 分 (fen), as integers. Floats cannot hold 0.1 元
 * exactly, and a receipt or an 借条 that is off by one 分 is wrong on paper,
 * so every amount that crosses a module boundary is a whole number of fen and
 * every division goes through one rounding function with a named rule.
 */

/**
 * The largest amount the kiosk writes or accepts: 999,999,999,999.99 元, one
 * 分 under 1 万亿元. Three reasons for the limit:
 * - The capitals use the units 拾佰仟万亿 only; below 1 万亿 every amount is
 *   written without stacking units (壹万亿 would need 万 after 亿, a form
 *   the banking rules never show).
 * - 10^14 fen is far below Number.MAX_SAFE_INTEGER (about 9 × 10^15), so
 *   every amount is exact as a JavaScript number.
 * - No debt or claim a citizen brings to a community kiosk comes near it;
 *   a figure this large is a typing slip and should be refused, not printed.
 */
export const MAX_FEN = 99_999_999_999_999;

/** A non-negative whole number of fen that the kiosk can handle. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

/** Throws a RangeError naming `what` unless `value` is a fen amount. */
export function assertFen(value: number, what: string): void {
  if (!isFen(value)) throw new RangeError(`${what} must be a whole number of fen from 0 to ${MAX_FEN}, got ${value}`);
}

/**
 * round(a × b ÷ c) with halves rounded up (四舍五入), for non-negative safe
 * integers. Computed in BigInt so the product never loses precision: a claim
 * of 10^14 fen times a rate in basis points would pass 2^53.
 *
 * Half-up (四舍五入) is the everyday rule for 分 in China; the calculators
 * say in their breakdowns when it changed a figure. Amounts here never go
 * negative, so the question of how to round -0.5 does not arise.
 */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative safe integer, got ${v}`);
  }
  if (c === 0) throw new RangeError('division by zero');
  const product = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const rounded = (product * 2n + divisor) / (divisor * 2n);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('result is too large to be exact');
  return Number(rounded);
}

/** 1234560 → "12,345.60": always two decimals, thousands grouped, no currency sign. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`cannot format ${fen} fen`);
  const yuan = Math.floor(fen / 100).toString();
  const cents = (fen % 100).toString().padStart(2, '0');
  return `${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}
