import { describe, expect, it } from 'vitest';
import { describeCardForLog, IdCard, NATION_BY_CODE, nationFromCode, SEX_BY_CODE, sexCode, sexFromCode } from './card';
import { SAMPLE_MAINLAND_LONG_TERM } from './sample-cards';

const MAINLAND: IdCard = SAMPLE_MAINLAND_LONG_TERM;

describe('nation table (GB 3304)', () => {
  it('has the 56 nations plus 97 and 98, as the card prints them', () => {
    const codes = Object.keys(NATION_BY_CODE);
    expect(codes).toHaveLength(58);
    for (let i = 1; i <= 56; i++) expect(codes).toContain(String(i).padStart(2, '0'));
    expect(nationFromCode('01')).toBe('汉');
    expect(nationFromCode('10')).toBe('朝鲜');
    expect(nationFromCode('56')).toBe('基诺');
    expect(nationFromCode('97')).toBe('其他');
    expect(nationFromCode('98')).toBe('外国血统中国籍人士');
    expect(nationFromCode('57')).toBeUndefined();
    expect(nationFromCode('toString')).toBeUndefined();
    expect(new Set(Object.values(NATION_BY_CODE)).size).toBe(58);
  });
});

describe('sex table', () => {
  it('maps codes both ways', () => {
    for (const [code, sex] of Object.entries(SEX_BY_CODE)) {
      expect(sexFromCode(code)).toBe(sex);
      expect(sexCode(sex)).toBe(code);
    }
    expect(sexFromCode('3')).toBeUndefined();
  });
});

describe('IdCard schema', () => {
  it('accepts a mainland card with 长期 validity and rejects malformed dates', () => {
    expect(IdCard.parse(MAINLAND)).toEqual(MAINLAND);
    expect(IdCard.safeParse({ ...MAINLAND, validTo: '2030-02-30' }).success).toBe(false);
    expect(IdCard.safeParse({ ...MAINLAND, birthDate: '19500308' }).success).toBe(false);
    expect(IdCard.safeParse({ ...MAINLAND, validTo: '永久' }).success).toBe(false);
  });

  it('requires the extras of each card type', () => {
    expect(IdCard.safeParse({ ...MAINLAND, cardType: 'hk-macau-taiwan-permit' }).success).toBe(false);
    expect(
      IdCard.safeParse({
        ...MAINLAND,
        cardType: 'hk-macau-taiwan-permit',
        nation: null,
        permitNumber: 'H60123456',
        issueCount: 1,
      }).success,
    ).toBe(true);
  });
});

describe('describeCardForLog', () => {
  it('keeps no name, address or full number', () => {
    const text = JSON.stringify(describeCardForLog(MAINLAND));
    expect(text).toBe('{"cardType":"mainland","idNumber":"420***********0241","idNumberValid":true}');
    for (const secret of [MAINLAND.name, MAINLAND.address!, MAINLAND.idNumber]) expect(text).not.toContain(secret);
  });
});
