import { describe, expect, it } from 'vitest';
import { hubAccountsEn, hubAccountsZhCN } from '../i18n/sections/hub-accounts';
import { characterKinds, checkPasswordPolicy, PASSWORD_PROBLEMS } from './password-policy';

const problems = (password: string, login = 'wang.fang') => {
  const r = checkPasswordPolicy(password, login);
  return r.ok ? [] : r.error;
};

describe('checkPasswordPolicy', () => {
  it('accepts twelve characters of three kinds that do not contain the login name', () => {
    expect(problems('correct-Horse7')).toEqual([]);
    expect(problems('abcdefghij1!')).toEqual([]);
    expect(problems('ABCDEFGHIJ1!')).toEqual([]);
    expect(problems('Abcdefghijk!')).toEqual([]);
  });

  it('refuses fewer than twelve characters, counting 汉字 one each', () => {
    expect(problems('Abcdefghi1!')).toEqual(['too-short']);
    expect(problems('法律援助Ab1法律援助Ab')).toEqual([]);
    expect(problems('法律援助Ab1法律援助')).toEqual(['too-short']);
  });

  it('refuses passwords longer than 128 characters', () => {
    expect(problems(`Aa1!${'x'.repeat(124)}`)).toEqual([]);
    expect(problems(`Aa1!${'x'.repeat(125)}`)).toEqual(['too-long']);
  });

  it('needs three of lower case, upper case, digit, symbol', () => {
    expect(problems('abcdefghijkl')).toEqual(['too-few-kinds']);
    expect(problems('abcdefghijk1')).toEqual(['too-few-kinds']);
    expect(problems('ABCDEFGHIJK!')).toEqual(['too-few-kinds']);
    expect(problems('123456789012')).toEqual(['too-few-kinds']);
    expect(problems('abcdefABCDEF')).toEqual(['too-few-kinds']);
  });

  it('refuses a password containing the login name in any case', () => {
    expect(problems('Wang.Fang2025!', 'wang.fang')).toEqual(['contains-login']);
    expect(problems('xxWANG.FANGxx1', 'wang.fang')).toEqual(['contains-login']);
    expect(problems('Wang.Fang2025!', 'li.lei')).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(problems('wang.fang', 'wang.fang')).toEqual(['too-short', 'too-few-kinds', 'contains-login']);
  });

  it('counts kinds by Unicode category: a letter without case is a symbol', () => {
    expect(characterKinds('aA1!')).toBe(4);
    expect(characterKinds('ａＡ１')).toBe(3);
    expect(characterKinds('法律')).toBe(1);
    expect(characterKinds('')).toBe(0);
  });
});

describe('password problems in the catalogue', () => {
  it.each([
    ['zh-CN', hubAccountsZhCN],
    ['en', hubAccountsEn],
  ] as const)('%s has words for every problem', (_lang, texts) => {
    expect(Object.keys(texts.passwordProblems).sort()).toEqual([...PASSWORD_PROBLEMS].sort());
  });
});
