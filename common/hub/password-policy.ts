import { err, ok, type Result } from '../result';

/**
 * The hub's password policy, after what 等保 2.0 level 3 asks of
 * authentication (complexity, not guessable from the account). Pure, so
 * the hub checks it and the console can show the same words while someone
 * types.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Bounds the work of hashing one password; a passphrase fits with room to spare. */
export const PASSWORD_MAX_LENGTH = 128;
/** How many of the four kinds of character (lower case, upper case, digit, symbol) a password needs. */
export const PASSWORD_MIN_KINDS = 3;

/** What is wrong with a password; each has its words in the catalogue (hubAccounts.passwordProblems). */
export type PasswordProblem = 'too-short' | 'too-long' | 'too-few-kinds' | 'contains-login';
export const PASSWORD_PROBLEMS = [
  'too-short',
  'too-long',
  'too-few-kinds',
  'contains-login',
] as const satisfies readonly PasswordProblem[];

/**
 * The kinds of character in a password. Letters count by case in any
 * script; a letter without case (汉字) or anything that is not a letter or
 * a digit counts as a symbol.
 */
export function characterKinds(password: string): number {
  const kinds = new Set<string>();
  for (const c of password) {
    if (/\p{Ll}/u.test(c)) kinds.add('lower');
    else if (/\p{Lu}/u.test(c)) kinds.add('upper');
    else if (/\p{Nd}/u.test(c)) kinds.add('digit');
    else kinds.add('symbol');
  }
  return kinds.size;
}

/**
 * Every problem of a password for the account `login`, or ok. Lengths are
 * in characters (code points), so 汉字 count one each. The login name may
 * not appear in the password in any case: "Zhang.wei2025!" for login
 * zhang.wei is the first guess anyone makes.
 */
export function checkPasswordPolicy(password: string, login: string): Result<void, PasswordProblem[]> {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too-short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too-long');
  if (characterKinds(password) < PASSWORD_MIN_KINDS) problems.push('too-few-kinds');
  const name = login.trim().toLowerCase();
  if (name !== '' && password.toLowerCase().includes(name)) problems.push('contains-login');
  return problems.length === 0 ? ok(undefined) : err(problems);
}
