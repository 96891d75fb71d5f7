import { err, ok, type Result } from '../result';

/**
 * The people who work on the hub. An administrator may do everything; a
 * regional administrator, a region and below; a lawyer serves the call
 * queues; a case officer works for a legal-aid centre or mediation
 * committee of a region. The server checks these on every route; the
 * console only follows.
 */
export const USER_ROLES = ['administrator', 'regional-administrator', 'lawyer', 'case-officer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/**
 * Login names: lower-case ASCII letters, digits and `.`, `_`, `-`, 3–32
 * characters, starting with a letter or digit. Lower case only, so two
 * accounts cannot differ by case alone on either database engine (SQLite's
 * and PostgreSQL's comparisons of case differ), and the name survives
 * every terminal, log and URL unchanged.
 */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/** GB/T 2260 administrative division code, e.g. 420111 for 武汉市洪山区. */
export const REGION_CODE_PATTERN = /^\d{6}$/;

/** The longest display name kept (characters). */
export const DISPLAY_NAME_MAX = 60;

/** What is wrong with a new account's fields; each has its words in the catalogue (hubAccounts.accountProblems). */
export type AccountProblem =
  'login-invalid' | 'region-required' | 'region-not-for-administrator' | 'region-invalid' | 'display-name-invalid';
export const ACCOUNT_PROBLEMS = [
  'login-invalid',
  'region-required',
  'region-not-for-administrator',
  'region-invalid',
  'display-name-invalid',
] as const satisfies readonly AccountProblem[];

export interface AccountFields {
  login: string;
  role: UserRole;
  /** Undefined or null: national (only the roles that are not bound to a region). */
  regionCode?: string | null | undefined;
  displayName?: string | null | undefined;
}

export interface CleanAccountFields {
  login: string;
  role: UserRole;
  regionCode: string | null;
  displayName: string | null;
}

/** A login name as typed, made canonical: surrounding spaces dropped, lower case. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/**
 * Checks and normalises a new account's fields. Regional administrators
 * and case officers act for one region and must name it; an administrator
 * is national and names none; a lawyer may be either. A blank display name
 * is stored as no name (NULL), never as '' — some PostgreSQL-compatible
 * databases cannot tell the two apart.
 */
export function checkAccountFields(fields: AccountFields): Result<CleanAccountFields, AccountProblem[]> {
  const problems: AccountProblem[] = [];
  const login = normaliseLogin(fields.login);
  if (!LOGIN_PATTERN.test(login)) problems.push('login-invalid');

  const region = fields.regionCode?.trim() ?? '';
  if (region !== '' && !REGION_CODE_PATTERN.test(region)) problems.push('region-invalid');
  if (region === '' && (fields.role === 'regional-administrator' || fields.role === 'case-officer'))
    problems.push('region-required');
  if (region !== '' && fields.role === 'administrator') problems.push('region-not-for-administrator');

  const name = fields.displayName?.trim() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  if ([...name].length > DISPLAY_NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) problems.push('display-name-invalid');

  if (problems.length > 0) return err(problems);
  return ok({
    login,
    role: fields.role,
    regionCode: region === '' ? null : region,
    displayName: name === '' ? null : name,
  });
}
