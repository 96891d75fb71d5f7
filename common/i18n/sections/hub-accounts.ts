import type { AccountProblem, UserRole } from '../../hub/accounts';
import type { PasswordProblem } from '../../hub/password-policy';
import type { Catalogue } from '../catalogue';

/**
 * Texts about the hub's accounts: roles, the password policy, what is wrong
 * with a new account. Shown by hubctl now and by the hub's console later;
 * staff read them, so plain words that say what to do.
 */
export const hubAccountsZhCN = {
  roles: {
    administrator: '管理员',
    'regional-administrator': '区域管理员',
    lawyer: '律师',
    'case-officer': '案件承办人',
  } satisfies Record<UserRole, string>,
  passwordProblems: {
    'too-short': '密码太短：至少要 {{min}} 个字符。',
    'too-long': '密码太长：最多 {{max}} 个字符。',
    'too-few-kinds': '密码要包含小写字母、大写字母、数字、符号这四类中的至少 {{kinds}} 类。',
    'contains-login': '密码里不能含有登录名。',
  } satisfies Record<PasswordProblem, string>,
  accountProblems: {
    'login-invalid': '登录名只能用小写英文字母、数字和 . _ -，长度 3 到 32 个字符，以字母或数字开头。',
    'region-required': '区域管理员和案件承办人要填写所属地区（6 位行政区划代码）。',
    'region-not-for-administrator': '管理员管理全国，不属于某个地区：请不要填写地区。',
    'region-invalid': '地区要填 6 位行政区划代码，例如 420111。',
    'display-name-invalid': '姓名最多 {{max}} 个字符，不能含有控制字符。',
  } satisfies Record<AccountProblem, string>,
};

export const hubAccountsEn: Catalogue<typeof hubAccountsZhCN> = {
  roles: {
    administrator: 'Administrator',
    'regional-administrator': 'Regional administrator',
    lawyer: 'Lawyer',
    'case-officer': 'Case officer',
  },
  passwordProblems: {
    'too-short': 'The password is too short: it needs at least {{min}} characters.',
    'too-long': 'The password is too long: at most {{max}} characters.',
    'too-few-kinds':
      'The password needs at least {{kinds}} of these four kinds: lower-case letters, upper-case letters, digits, symbols.',
    'contains-login': 'The password must not contain the login name.',
  },
  accountProblems: {
    'login-invalid':
      'A login name uses only lower-case letters, digits and . _ -, is 3 to 32 characters long and starts with a letter or digit.',
    'region-required': 'Regional administrators and case officers need their region (a 6-digit region code).',
    'region-not-for-administrator': 'An administrator is national and belongs to no region: leave the region out.',
    'region-invalid': 'A region is a 6-digit region code, for example 420111.',
    'display-name-invalid': 'A name has at most {{max}} characters and no control characters.',
  },
};
