/**
 * Amounts in Chinese capitals (大写金额), as written on 借条, 欠条 and
 * receipts, following the People's Bank of China rules for filling in bills
 * (《支付结算办法》附件《正确填写票据和结算凭证的基本规定》). Capitals exist
 * to make an amount hard to alter, so the kiosk writes one canonical form and
 * the rules below say which of the permitted forms that is.
 *
 * Copies of the rules number their paragraphs differently, so they are
 * quoted here by content, not by number.
 *
 * - Characters: 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元角分 and 整.
 *   拾 always carries its digit (壹拾, never a bare 拾), as the rules'
 *   examples write it (壹拾万柒仟元) and for the reason their date rule puts
 *   壹 before 拾: a bare 拾 at the front is easy to turn into 贰拾.
 * - 整 follows 元 when there are no 角 or 分. After 角 it is optional
 *   ("在'角'之后可以不写'整'"); the default leaves it out, as the rules' own
 *   example does (¥1,409.50 → 壹仟肆佰零玖元伍角). Never after 分.
 * - Zeros inside the number are written once per run (¥6,007.14 →
 *   陆仟零柒元壹角肆分). Zeros at the end of a 万 or 亿 section are not
 *   written, following spoken Chinese (¥107,000.53 → 壹拾万柒仟元…); the
 *   rules allow that and 壹拾万零柒仟 alike.
 * - When the 元 digit is 0 and 角 is not, 零 is written after 元
 *   (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分): the rules allow it either way
 *   and give this form first. When 角 is 0 and 分 is not, 零 after 元 is
 *   required (¥325.04 → 叁佰贰拾伍元零肆分).
 * - Under one 元 the capitals start at 角 or 分 (¥0.50 → 伍角); zero is 零元整.
 * - The caller writes 人民币 right before the capitals, as the rules require;
 *   templates print it.
 */
import { err, ok, type Result } from '../result';
import { MAX_FEN, assertFen } from './fen';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const;
const SECTION_UNITS = ['', '万', '亿'] as const;

export interface RmbCapitalsOptions {
  /** Write 整 after 角 when there are no 分 (伍角整). Default false, as in the rules' example. */
  zhengAfterJiao?: boolean;
}

/** Whole 元 (below 1 万亿) in capitals without 元: 100200 → 壹拾万零贰佰. */
function integerCapitals(yuan: number): string {
  const digits = yuan.toString();
  let out = '';
  let pendingZero = false;
  let sectionHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const place = digits.length - 1 - i; // 0 for 元, 4 for 万, 8 for 亿
    const d = Number(digits[i]);
    if (d === 0) {
      if (out !== '') pendingZero = true;
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += DIGITS[d]! + SMALL_UNITS[place % 4]!;
      sectionHasDigit = true;
    }
    if (place % 4 === 0 && place > 0 && sectionHasDigit) {
      out += SECTION_UNITS[place / 4]!;
      // Zeros at the end of a section are not read: 壹拾万柒仟, not 壹拾万零柒仟.
      // An all-zero section keeps its pending zero: 壹亿零伍仟.
      pendingZero = false;
      sectionHasDigit = false;
    }
  }
  return out;
}

/**
 * 1234560 fen → 壹万贰仟叁佰肆拾伍元陆角; 100500 → 壹仟零伍元整;
 * 100000005 → 壹佰万元零伍分; 0 → 零元整. Throws a RangeError for anything
 * but a whole number of fen from 0 to MAX_FEN.
 */
export function formatRmbCapitals(fen: number, options: RmbCapitalsOptions = {}): string {
  assertFen(fen, 'the amount');
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? integerCapitals(yuan) + '元' : '';
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) out += '零';
    out += DIGITS[jiao]! + '角';
  } else if (cents > 0 && yuan > 0) {
    out += '零';
  }
  if (cents > 0) out += DIGITS[cents]! + '分';
  else if (jiao === 0 || options.zhengAfterJiao === true) out += '整';
  return out;
}

const DIGIT_VALUE: Record<string, number> = Object.fromEntries([...DIGITS].map((ch, i) => [ch, i]));
const PLACE_OF_UNIT: Record<string, number> = { 拾: 1, 佰: 2, 仟: 3 };

/**
 * One section below 万: 壹仟零伍 → 1005. Strict about zeros inside the
 * section, since the rules require them there (伍仟伍 is not 5005 and not
 * 5500: it is refused). `leading` is the section that opens the number: only
 * it may start with a bare 拾, and only the others may start with 零.
 */
function parseSection(text: string, leading: boolean): number | undefined {
  let total = 0;
  let place = 4; // the place of the last term; 4 is "above 仟"
  let zeroBefore = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '零') {
      if (zeroBefore || (place === 4 && leading)) return undefined;
      zeroBefore = true;
      continue;
    }
    let digit: number;
    let termPlace: number;
    if (ch in DIGIT_VALUE) {
      digit = DIGIT_VALUE[ch]!;
      const next = chars[i + 1];
      termPlace = next !== undefined && next in PLACE_OF_UNIT ? PLACE_OF_UNIT[next]! : 0;
      if (termPlace > 0) i++;
    } else if (ch === '拾' && leading && place === 4) {
      // A bare 拾 opening the number reads as 壹拾, as people write it by hand.
      digit = 1;
      termPlace = 1;
    } else {
      return undefined;
    }
    // Adjacent places need no 零 between them; a gap needs exactly one,
    // except at the start of a later section, where 零 is optional.
    const gap = place - termPlace;
    if (gap < 1) return undefined;
    if (place < 4 && gap > 1 !== zeroBefore) return undefined;
    total += digit * 10 ** termPlace;
    place = termPlace;
    zeroBefore = false;
  }
  return zeroBefore ? undefined : total;
}

/** 壹拾万零贰佰 → 100200; undefined when malformed. */
function parseInteger(text: string): number | undefined {
  let rest = text;
  let total = 0;
  for (const [unit, value] of [
    ['亿', 100_000_000],
    ['万', 10_000],
  ] as const) {
    const at = rest.indexOf(unit);
    if (at < 0) continue;
    const section = parseSection(rest.slice(0, at), total === 0);
    if (section === undefined || section === 0) return undefined;
    total += section * value;
    rest = rest.slice(at + 1);
  }
  const units = parseSection(rest, total === 0);
  if (units === undefined || (total === 0 && units === 0)) return undefined;
  return total + units;
}

/**
 * Reads capitals back into fen: 壹万贰仟叁佰肆拾伍元陆角 → 1234560. Accepts
 * what formatRmbCapitals writes and the other forms the rules allow (零 or
 * no 零 at section ends and before 角, 整 or 正 after 元 or 角, a leading
 * 人民币; a missing 整 is forgiven). Undefined for anything else: 整 after
 * 分, a missing 零 inside a section (伍仟伍), units out of order.
 */
export function parseRmbCapitals(text: string): number | undefined {
  let rest = text.trim().replace(/^人民币/, '');
  const endsWhole = /[整正]$/.test(rest);
  if (endsWhole) rest = rest.slice(0, -1);
  if (rest === '') return undefined;
  let yuan = 0;
  const yuanAt = rest.indexOf('元');
  if (yuanAt >= 0) {
    const head = rest.slice(0, yuanAt);
    const parsed = head === '零' ? 0 : parseInteger(head);
    if (parsed === undefined || head === '') return undefined;
    yuan = parsed;
    rest = rest.slice(yuanAt + 1);
  }
  const fraction = /^(零?)(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?$/.exec(rest);
  if (fraction === null) return undefined;
  const [, zero, jiao, cents] = fraction;
  if (yuanAt < 0 && jiao === undefined && cents === undefined) return undefined;
  if (endsWhole && cents !== undefined) return undefined;
  if (zero === '零') {
    // 零 after 元 only stands for a zero 元 digit (壹拾元零伍角) or a zero 角 (壹元零伍分).
    if (yuan === 0 || (jiao === undefined && cents === undefined)) return undefined;
    if (jiao !== undefined && yuan % 10 !== 0) return undefined;
  } else if (yuan > 0 && jiao === undefined && cents !== undefined) {
    return undefined; // the rules require 零 here: 壹元零伍分
  }
  const fen =
    yuan * 100 + (jiao === undefined ? 0 : DIGIT_VALUE[jiao]! * 10) + (cents === undefined ? 0 : DIGIT_VALUE[cents]!);
  return fen <= MAX_FEN ? fen : undefined;
}

/**
 * - empty: nothing typed
 * - not-a-number: letters, two decimal points, a sign other than minus, spaces inside
 * - negative: a leading minus sign
 * - bad-grouping: commas that are not thousands separators (1,2345 or 12,5)
 * - too-many-decimals: more than two digits after the point (12.345, and also
 *   12.500, which in some countries means twelve thousand five hundred)
 * - too-large: more than MAX_FEN, that is 1 万亿元 or more
 */
export const PARSE_YUAN_ERRORS = [
  'empty',
  'not-a-number',
  'negative',
  'bad-grouping',
  'too-many-decimals',
  'too-large',
] as const;
export type ParseYuanError = (typeof PARSE_YUAN_ERRORS)[number];

/** The amount in fen, or why the text is not one. */
export type ParseYuanResult = Result<number, ParseYuanError>;

const PLAIN = /^(\d*)(?:\.(\d*))?$/;
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

/**
 * What a citizen typed, in 元 → fen: "12345.6", "12,345.60", "１２３４５．６"
 * (full-width, from a Chinese IME), "¥12,345.60", "12345.6元" all give
 * 1234560. Leading zeros are harmless ("007" → 700). A result, not an
 * exception: the screen shows the error next to the field.
 */
export function parseYuan(text: string): ParseYuanResult {
  // NFKC folds full-width digits, ．，￥ and the ideographic space to ASCII.
  let s = text.normalize('NFKC').trim();
  s = s.replace(/^¥\s*/, '').replace(/\s*元$/, '');
  if (s === '') return err('empty');
  if (/^[-\u2212]/.test(s)) return err('negative');
  const match = PLAIN.exec(s) ?? GROUPED.exec(s);
  if (match === null) {
    return err(/^[\d,]*(?:\.\d*)?$/.test(s) ? 'bad-grouping' : 'not-a-number');
  }
  const whole = (match[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const decimals = match[2] ?? '';
  if (whole === '' && decimals === '') return err('not-a-number'); // "." alone
  if (decimals.length > 2) return err('too-many-decimals');
  if (whole.length > 12) return err('too-large');
  const fen = Number(whole === '' ? '0' : whole) * 100 + Number(decimals.padEnd(2, '0'));
  return fen > MAX_FEN ? err('too-large') : ok(fen);
}
