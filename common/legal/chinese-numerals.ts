/**
 * Chinese numerals as Chinese statutes write article numbers: 第三十条,
 * 第一百零五条, 第一千零七十九条, 第二百七十六条之一. Article numbers stay below
 * 10,000, so 万 never appears.
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三十 → 30, 一百零五 → 105, 十二 → 12; undefined when the text is not a numeral. */
export function parseChineseNumber(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // two digits in a row: not a statute numeral
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      // A bare 十 at the start means 一十 (十二 = 12).
      total += (digit ?? (total === 0 ? 1 : undefined) ?? NaN) * UNITS[ch]!;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 30 → 三十, 105 → 一百零五, 1079 → 一千零七十九, 12 → 十二 (1–9999). */
export function formatChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`cannot write ${n} as an article number`);
  const parts: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let pendingZero = false;
  for (const [value, unit] of parts) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += value === 10 && d === 1 && out === '' ? unit : DIGIT_CHARS[d]! + unit;
  }
  return out;
}

export interface ArticleNumber {
  /** The article's ordinal: 276 for 第二百七十六条之一. */
  ordinal: number;
  /** The 之N suffix of an inserted article (0 when none): 1 for 第二百七十六条之一. */
  sub: number;
}

const ARTICLE_LABEL = /^第([零〇一二两三四五六七八九十百千\d]+)条(?:之([一二三四五六七八九十]+))?$/;

/** 第二百七十六条之一 → {ordinal: 276, sub: 1}; undefined if not an article label. */
export function parseArticleLabel(label: string): ArticleNumber | undefined {
  const m = ARTICLE_LABEL.exec(label);
  if (m === null) return undefined;
  const ordinal = parseChineseNumber(m[1]!);
  const sub = m[2] === undefined ? 0 : parseChineseNumber(m[2]);
  if (ordinal === undefined || ordinal < 1 || sub === undefined) return undefined;
  return { ordinal, sub };
}

/** {ordinal: 276, sub: 1} → 第二百七十六条之一. */
export function formatArticleLabel({ ordinal, sub }: ArticleNumber): string {
  return `第${formatChineseNumber(ordinal)}条${sub > 0 ? `之${formatChineseNumber(sub)}` : ''}`;
}
