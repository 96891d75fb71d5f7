import type { AccountProblem, UserRole } from '../../hub/accounts';
import type { SignInRefusalReason } from '../../hub/api/accounts';
import type { PasswordProblem } from '../../hub/password-policy';
import type { Catalogue } from '../catalogue';

/**
 * Texts about the hub's accounts: roles, the password policy, what is wrong
 * with a new account, how a sign-in went. Shown by hubctl now and by the
 * hub's console later; staff read them, so plain words that say what to do.
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
  signIn: {
    'totp-required': '请输入身份验证器应用里显示的 6 位验证码。',
    'totp-setup-required': '管理员账户要先设置双因素验证（身份验证器应用），设置好以后才能使用其他功能。',
    refusals: {
      'wrong-credentials': '登录名或密码不对。',
      'wrong-totp': '验证码不对，或者已经用过了。请输入应用里新显示的验证码。',
      locked: '输错次数太多，账户已锁定到 {{until}}。到时可以再试，或者请管理员重设密码。',
      disabled: '这个账户已停用。如有疑问，请联系管理员。',
      'too-many-attempts': '从这台电脑登录失败的次数太多，请在 {{until}} 以后再试。',
    } satisfies Record<SignInRefusalReason, string>,
  },
  totpSetup: {
    scan: '用身份验证器应用扫描二维码，或者手动输入下面的密钥，然后输入应用显示的 6 位验证码。',
    'wrong-code': '验证码不对。请确认手机时间准确，再输入应用里新显示的验证码。',
    'already-set-up': '这个账户已经设置了双因素验证。',
  },
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
  signIn: {
    'totp-required': 'Enter the 6-digit code your authenticator app shows.',
    'totp-setup-required': 'Administrator accounts need two-factor sign-in (an authenticator app). Set it up to go on.',
    refusals: {
      'wrong-credentials': 'The login name or the password is wrong.',
      'wrong-totp': 'The code is wrong or was used already. Enter the new code your app shows.',
      locked:
        'Too many wrong attempts: the account is locked until {{until}}. Try again then, or ask an administrator to reset the password.',
      disabled: 'This account is disabled. Ask an administrator if this is a mistake.',
      'too-many-attempts': 'Too many failed sign-ins from this computer. Try again after {{until}}.',
    },
  },
  totpSetup: {
    scan: 'Scan the QR code with your authenticator app, or type in the key below, then enter the 6-digit code the app shows.',
    'wrong-code': 'The code is wrong. Check that the phone’s clock is right, then enter the new code the app shows.',
    'already-set-up': 'This account has two-factor sign-in already.',
  },
};
