import { describe, expect, it } from 'vitest';
import { IdCard } from '../../common/idcard/card';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';
import { cardTypeOf, decodeCardText, decodeLatestAddress } from './decode';
import { CardDecodeError } from './errors';

/**
 * Fixtures are built from the raw offsets in idcard-reader.md, not from
 * layout.ts, so a wrong offset there fails here.
 */
function block(fields: [offset: number, text: string][], pad = ' '): Buffer {
  const buf = Buffer.from(pad.repeat(128), 'utf16le');
  for (const [offset, text] of fields) Buffer.from(text, 'utf16le').copy(buf, offset);
  return buf;
}

const TODAY = { today: '2026-01-01' };

const mainland = (overrides: [number, string][] = [], pad = ' ') =>
  block(
    [
      [0, '李秀英'],
      [30, '2'],
      [32, '01'],
      [36, '19500308'],
      [52, '湖北省武汉市洪山区珞喻路1037号'],
      [122, '420111195003080241'],
      [158, '武汉市公安局洪山分局'],
      [188, '20100520'],
      [204, '长期'],
      ...overrides,
    ],
    pad,
  );

describe('mainland card', () => {
  it('decodes every field, trims the padding and converts the dates', () => {
    const card = decodeCardText(mainland(), TODAY);
    expect(card).toEqual({
      cardType: 'mainland',
      name: '李秀英',
      sex: 'female',
      nation: '汉',
      nationCode: '01',
      birthDate: '1950-03-08',
      address: '湖北省武汉市洪山区珞喻路1037号',
      idNumber: '420111195003080241',
      idNumberValid: true,
      idNumberProblems: [],
      issuer: '武汉市公安局洪山分局',
      validFrom: '2010-05-20',
      validTo: '长期',
    });
    expect(IdCard.parse(card)).toEqual(card);
  });

  it('reads a dated validity and NUL padding', () => {
    const card = decodeCardText(mainland([[204, '20300520']], '\0'), TODAY);
    expect(card.validTo).toBe('2030-05-20');
    expect(card.name).toBe('李秀英');
  });

  it('keeps a 35-character address whole', () => {
    const address = '北京市东城区和平里街道和平里社区第九居民委员会三号楼二单元五〇一号房间';
    expect(address).toHaveLength(35);
    expect(decodeCardText(mainland([[52, address]]), TODAY).address).toBe(address);
  });

  it('reports a failing ID number instead of trusting it', () => {
    const card = decodeCardText(mainland([[122, '420111195003080242']]), TODAY);
    expect(card.idNumber).toBe('420111195003080242');
    expect(card.idNumberValid).toBe(false);
    expect(card.idNumberProblems).toEqual(['check-character']);
  });

  it('reports a number that disagrees with the card’s sex', () => {
    const card = decodeCardText(mainland([[30, '1']]), TODAY);
    expect(card.sex).toBe('male');
    expect(card.idNumberProblems).toEqual(['sex-mismatch']);
  });

  it('keeps an unknown nation code and names no nation', () => {
    const card = decodeCardText(mainland([[32, '77']]), TODAY);
    expect(card).toMatchObject({ nation: null, nationCode: '77' });
  });

  it('refuses dates that are not dates and unknown sex codes, naming the field only', () => {
    const cases: [[number, string], string][] = [
      [[36, '19500230'], 'birthDate'],
      [[188, '2010052 '], 'validFrom'],
      [[204, '永久    '], 'validTo'],
      [[30, '5'], 'sex'],
    ];
    for (const [override, field] of cases) {
      const error = (() => {
        try {
          decodeCardText(mainland([override]), TODAY);
        } catch (e) {
          return e;
        }
      })();
      expect(error, field).toBeInstanceOf(CardDecodeError);
      expect((error as CardDecodeError).field).toBe(field);
      expect((error as Error).message).not.toContain('李秀英');
    }
  });

  it('refuses a block of the wrong size', () => {
    expect(() => decodeCardText(mainland().subarray(0, 254))).toThrow(CardDecodeError);
  });
});

describe("'J' residence permit", () => {
  it('decodes the permit number and issue count and has no nation', () => {
    const text = block([
      [0, '陈嘉欣'],
      [30, '2'],
      [36, '19951102'],
      [52, '广东省深圳市福田区福华三路100号'],
      [122, '810000199511020022'],
      [158, '深圳市公安局'],
      [188, '20240110'],
      [204, '20290110'],
      [220, 'H60123456'],
      [238, '01'],
      [248, 'J'],
    ]);
    expect(cardTypeOf(text)).toBe('hk-macau-taiwan-permit');
    // The simulator's sample permit is this card: the fields above are its raw bytes.
    expect(decodeCardText(text, TODAY)).toEqual(SAMPLE_CARDS.hkPermit);
  });
});

describe("'I' foreign permanent residence card (2017 layout)", () => {
  it('decodes the English name, nationality and the shifted fields', () => {
    const text = block([
      [0, 'MILLER, ANNA MARIE'],
      [120, '2'],
      [122, 'USA110085062021'],
      [152, 'USA'],
      [158, '米安娜'],
      [188, '20180301'],
      [204, '20280301'],
      [220, '19850620'],
      [236, '01'],
      [240, '1500'],
      [248, 'I'],
    ]);
    // The simulator's sample 2017 card is this card: the fields above are its raw bytes.
    expect(decodeCardText(text, TODAY)).toEqual(SAMPLE_CARDS.foreign2017);
  });
});

describe("'Y' foreign permanent residence card (2023 layout)", () => {
  it('joins the two English-name slots and checks the number like a citizen’s', () => {
    const longName = 'JOHNSON-WILLIAMS, DAVID ALEXANDER CHRISTOPHER';
    const text = block([
      [0, '乔大卫'],
      [30, '1'],
      [32, '00'],
      [36, '19880412'],
      [52, longName.slice(0, 35)],
      [122, '911840198804120013'],
      [188, '20240201'],
      [204, '20340201'],
      [220, longName.slice(35)],
      [242, 'USA'],
      [248, 'Y'],
    ]);
    const card = decodeCardText(text, TODAY);
    expect(card).toMatchObject({
      cardType: 'foreign-permanent-2023',
      name: '乔大卫',
      englishName: longName,
      sex: 'male',
      birthDate: '1988-04-12',
      idNumber: '911840198804120013',
      idNumberValid: true,
      nationality: 'USA',
      renewalCount: 0,
      previousCardLink: null,
      address: null,
      issuer: null,
    });
    const broken = Buffer.from(text);
    Buffer.from('4', 'utf16le').copy(broken, 122 + 2 * 17);
    expect(decodeCardText(broken, TODAY).idNumberProblems).toEqual(['check-character']);
  });
});

describe('layout mark', () => {
  it('refuses an unknown card type', () => {
    expect(() => decodeCardText(mainland([[248, 'Q']]), TODAY)).toThrow(/cardType/);
  });
});

describe('latest address', () => {
  it('decodes 70 bytes of UTF-16LE and trims the padding', () => {
    const data = Buffer.from('湖北省武汉市江夏区文化大道99号'.padEnd(35, ' '), 'utf16le');
    expect(data).toHaveLength(70);
    expect(decodeLatestAddress(data)).toBe('湖北省武汉市江夏区文化大道99号');
  });
});
