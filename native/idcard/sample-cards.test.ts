import { describe, expect, it } from 'vitest';
import { IdCard } from '../../common/idcard/card';
import { checkForeignCard2017Number, checkIdNumber } from '../../common/idcard/id-number';
import { decodeCardText } from './decode';
import { encodeCardText } from './encode';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';

describe('sample cards', () => {
  it.each(Object.entries(SAMPLE_CARDS))('%s has a valid number and fits the schema', (_name, card) => {
    const check =
      card.cardType === 'foreign-permanent'
        ? checkForeignCard2017Number(card.idNumber)
        : checkIdNumber(card.idNumber, {
            birthDate: card.birthDate,
            ...(card.cardType !== 'foreign-permanent-2023' && { sex: card.sex }),
          });
    expect(check).toEqual({ valid: true, problems: [] });
    expect(IdCard.parse(card)).toEqual(card);
  });

  it.each(Object.entries(SAMPLE_CARDS))('%s survives encode → decode unchanged', (_name, card) => {
    const text = encodeCardText(card);
    expect(text).toHaveLength(256);
    expect(decodeCardText(text)).toEqual(card);
  });

  it('covers 长期 and dated validity and every layout', () => {
    const cards = Object.values(SAMPLE_CARDS);
    expect(cards.some((c) => c.cardType === 'mainland' && c.validTo === '长期')).toBe(true);
    expect(cards.some((c) => c.cardType === 'mainland' && c.validTo !== '长期')).toBe(true);
    expect(new Set(cards.map((c) => c.cardType))).toEqual(
      new Set(['mainland', 'hk-macau-taiwan-permit', 'foreign-permanent', 'foreign-permanent-2023']),
    );
  });
});

describe('encodeCardText', () => {
  it('refuses a field longer than its slot instead of cutting it', () => {
    const card = { ...SAMPLE_CARDS.mainlandDated, address: SAMPLE_CARDS.mainlandDated.address + '甲' };
    expect(() => encodeCardText(card)).toThrow(/address/);
  });

  it('writes the layout mark at offset 248 and space padding elsewhere', () => {
    expect(encodeCardText(SAMPLE_CARDS.hkPermit).toString('utf16le', 248, 250)).toBe('J');
    expect(encodeCardText(SAMPLE_CARDS.mainlandLongTerm).toString('utf16le', 248, 256)).toBe('    ');
  });
});
