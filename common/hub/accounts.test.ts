import { describe, expect, it } from 'vitest';
import { hubAccountsEn, hubAccountsZhCN } from '../i18n/sections/hub-accounts';
import { ACCOUNT_PROBLEMS, checkAccountFields, isUserRole, USER_ROLES, type AccountProblem } from './accounts';
import { SIGN_IN_REFUSALS } from './api/accounts';

const problems = (fields: Parameters<typeof checkAccountFields>[0]) => {
  const r = checkAccountFields(fields);
  return r.ok ? [] : r.error;
};

describe('checkAccountFields', () => {
  it('normalises the login name and keeps blank fields as null, never as an empty string', () => {
    expect(checkAccountFields({ login: '  Wang.Fang ', role: 'lawyer', regionCode: ' ', displayName: '  ' })).toEqual({
      ok: true,
      value: { login: 'wang.fang', role: 'lawyer', regionCode: null, displayName: null },
    });
    expect(
      checkAccountFields({ login: 'li_lei-2', role: 'case-officer', regionCode: '420111', displayName: '李雷' }),
    ).toEqual({
      ok: true,
      value: { login: 'li_lei-2', role: 'case-officer', regionCode: '420111', displayName: '李雷' },
    });
  });

  it('refuses login names outside the pattern', () => {
    for (const login of ['ab', '.abc', 'a b c', '王芳', 'x'.repeat(33), 'abc/def'])
      expect(problems({ login, role: 'lawyer' }), login).toEqual(['login-invalid']);
  });

  it('binds regional roles to a region and keeps administrators national', () => {
    expect(problems({ login: 'ra1', role: 'regional-administrator' })).toEqual(['region-required']);
    expect(problems({ login: 'co1', role: 'case-officer', regionCode: null })).toEqual(['region-required']);
    expect(problems({ login: 'ad1', role: 'administrator', regionCode: '420000' })).toEqual([
      'region-not-for-administrator',
    ]);
    expect(problems({ login: 'ad1', role: 'administrator' })).toEqual([]);
    expect(problems({ login: 'la1', role: 'lawyer', regionCode: '4201' })).toEqual(['region-invalid']);
  });

  it('refuses control characters and over-long display names', () => {
    expect(problems({ login: 'la1', role: 'lawyer', displayName: 'a\u001b[2Jb' })).toEqual(['display-name-invalid']);
    expect(problems({ login: 'la1', role: 'lawyer', displayName: '王'.repeat(61) })).toEqual(['display-name-invalid']);
    expect(problems({ login: 'la1', role: 'lawyer', displayName: '王'.repeat(60) })).toEqual([]);
  });

  it('knows the four roles', () => {
    expect(USER_ROLES.every(isUserRole)).toBe(true);
    expect(isUserRole('root')).toBe(false);
  });
});

describe('account problems in the catalogue', () => {
  const PROBLEMS: Record<AccountProblem, true> = {
    'login-invalid': true,
    'region-required': true,
    'region-not-for-administrator': true,
    'region-invalid': true,
    'display-name-invalid': true,
  };
  it.each([
    ['zh-CN', hubAccountsZhCN],
    ['en', hubAccountsEn],
  ] as const)('%s has words for every problem and every role', (_lang, texts) => {
    expect(Object.keys(texts.accountProblems).sort()).toEqual(Object.keys(PROBLEMS).sort());
    expect([...ACCOUNT_PROBLEMS].sort()).toEqual(Object.keys(PROBLEMS).sort());
    expect(Object.keys(texts.roles).sort()).toEqual([...USER_ROLES].sort());
  });

  it.each([
    ['zh-CN', hubAccountsZhCN],
    ['en', hubAccountsEn],
  ] as const)('%s has words for every way a sign-in is refused', (_lang, texts) => {
    expect(Object.keys(texts.signIn.refusals).sort()).toEqual([...SIGN_IN_REFUSALS].sort());
  });
});
