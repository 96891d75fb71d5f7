import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN, formatYuan } from './fen';
import { formatRmbCapitals, parseRmbCapitals, parseYuan, type ParseYuanError } from './rmb-capitals';

// Cases marked "rules" are the worked examples of 《正确填写票据和结算凭证的基本规定》.
const CASES: [fen: number, capitals: string, note?: string][] = [
  [0, '零元整'],
  [1, '壹分'],
  [10, '壹角'],
  [11, '壹角壹分'],
  [50, '伍角'],
  [100, '壹元整'],
  [105, '壹元零伍分', 'zero 角 before 分 needs 零'],
  [150, '壹元伍角'],
  [1000, '壹拾元整', '壹拾 rule'],
  [1050, '壹拾元零伍角', 'zero 元 digit before 角: 零 written'],
  [1100, '壹拾壹元整'],
  [10000, '壹佰元整'],
  [32504, '叁佰贰拾伍元零肆分', 'rules'],
  [100500, '壹仟零伍元整'],
  [140950, '壹仟肆佰零玖元伍角', 'rules'],
  [168032, '壹仟陆佰捌拾元零叁角贰分', 'rules'],
  [600714, '陆仟零柒元壹角肆分', 'rules: a run of zeros read once'],
  [1000000, '壹万元整'],
  [1001000, '壹万零壹拾元整', '壹拾 after 零'],
  [1234560, '壹万贰仟叁佰肆拾伍元陆角', 'acceptance case'],
  [1640902, '壹万陆仟肆佰零玖元零贰分', 'rules'],
  [10020000, '壹拾万零贰佰元整'],
  [10700053, '壹拾万柒仟元零伍角叁分', 'rules: zero at the end of the 万 section not read'],
  [11000000, '壹拾壹万元整'],
  [20000000, '贰拾万元整'],
  [100000005, '壹佰万元零伍分'],
  [100100000, '壹佰万壹仟元整'],
  [101010100, '壹佰零壹万零壹佰零壹元整'],
  [1000500000, '壹仟万伍仟元整'],
  [10000000000, '壹亿元整'],
  [10000020000, '壹亿零贰佰元整', 'an all-zero 万 section reads as one 零'],
  [10000500000, '壹亿零伍仟元整'],
  [10010000000, '壹亿零壹拾万元整'],
  [100000000000, '壹拾亿元整'],
  [1000000000001, '壹佰亿元零壹分'],
  [MAX_FEN, '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
];

describe('formatRmbCapitals', () => {
  it.each(CASES)('%i fen → %s', (fen, capitals) => {
    expect(formatRmbCapitals(fen)).toBe(capitals);
  });

  it('writes 整 after 角 only when asked, never after 分', () => {
    expect(formatRmbCapitals(1234560, { zhengAfterJiao: true })).toBe('壹万贰仟叁佰肆拾伍元陆角整');
    expect(formatRmbCapitals(50, { zhengAfterJiao: true })).toBe('伍角整');
    expect(formatRmbCapitals(105, { zhengAfterJiao: true })).toBe('壹元零伍分');
    expect(formatRmbCapitals(100, { zhengAfterJiao: true })).toBe('壹元整');
  });

  it('refuses what is not a whole number of fen within range', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_FEN + 1]) {
      expect(() => formatRmbCapitals(bad), String(bad)).toThrow(RangeError);
    }
  });

  const amounts = fc.oneof(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: MAX_FEN }));

  it('uses only the allowed characters and the shapes the rules require', () => {
    fc.assert(
      fc.property(amounts, fc.boolean(), (fen, zhengAfterJiao) => {
        fc.pre(fen !== 0); // 零元整 is the one amount that is all zero
        const s = formatRmbCapitals(fen, { zhengAfterJiao });
        expect(s).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(s).not.toMatch(/^零|零零|零[拾佰仟万亿元角分整]|(^|[^壹贰叁肆伍陆柒捌玖])拾|分整/);
        expect(s).toMatch(/[整角分]$/);
      }),
    );
  });

  it('reads back to the same amount', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.boolean(),
        (fen, zhengAfterJiao) => parseRmbCapitals(formatRmbCapitals(fen, { zhengAfterJiao })) === fen,
      ),
    );
    for (const [fen, capitals] of CASES) expect(parseRmbCapitals(capitals), capitals).toBe(fen);
  });
});

describe('parseRmbCapitals', () => {
  it('accepts the other forms the rules allow', () => {
    expect(parseRmbCapitals('人民币壹拾万零柒仟元伍角叁分')).toBe(10700053);
    expect(parseRmbCapitals('壹仟陆佰捌拾元叁角贰分')).toBe(168032);
    expect(parseRmbCapitals('壹元伍角正')).toBe(150);
    expect(parseRmbCapitals('壹佰元正')).toBe(10000);
    expect(parseRmbCapitals('拾元整')).toBe(1000);
    expect(parseRmbCapitals('壹佰元')).toBe(10000);
  });

  it('refuses malformed capitals', () => {
    for (const bad of [
      '',
      '整',
      '元整',
      '壹元伍分', // needs 零
      '壹元伍分整', // 整 after 分
      '壹元零伍角', // 零 stands for nothing
      '伍仟伍元整', // missing 零 inside the section
      '壹佰佰元整',
      '壹拾拾元整',
      '零伍元整',
      '壹元零',
      '零伍分',
      '壹万亿元整',
      '一百元整',
      '壹佰元整整',
    ]) {
      expect(parseRmbCapitals(bad), bad).toBeUndefined();
    }
  });
});

describe('parseYuan', () => {
  it.each([
    ['12345.6', 1234560],
    ['12,345.60', 1234560],
    ['１２３４５.６', 1234560],
    ['１２，３４５．６０', 1234560],
    ['¥12,345.60', 1234560],
    ['￥100', 10000],
    ['100元', 10000],
    [' 100 ', 10000],
    ['\u3000１００\u3000', 10000],
    ['0', 0],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    ['007', 700],
    ['1,000,000', 100000000],
    ['999999999999.99', MAX_FEN],
    ['000999999999999.99', MAX_FEN],
  ])('%j → %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: fen });
  });

  it.each<[string, ParseYuanError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['元', 'empty'],
    ['-5', 'negative'],
    ['－5', 'negative'],
    ['12.345', 'too-many-decimals'],
    ['12.500', 'too-many-decimals'],
    ['1,2345', 'bad-grouping'],
    ['12,5', 'bad-grouping'],
    ['abc', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['1e5', 'not-a-number'],
    ['+5', 'not-a-number'],
    ['.', 'not-a-number'],
    ['12 345', 'not-a-number'],
    ['12。5', 'not-a-number'],
    ['1000000000000', 'too-large'],
    ['1,000,000,000,000.00', 'too-large'],
  ])('%j → %s', (text, error) => {
    expect(parseYuan(text)).toEqual({ ok: false, error });
  });

  it('reads back what formatYuan writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        const r = parseYuan(formatYuan(fen));
        return r.ok && r.value === fen;
      }),
    );
  });
});
