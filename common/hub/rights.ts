import type { UserRole } from './accounts';

/**
 * Who may do what to whose account, as pure rules: the hub checks them on
 * every request, and a console may use the same ones to hide what would be
 * refused. Least privilege (等保 2.0 level 3): a regional administrator acts
 * for a region and below, never on administrators, never on their own
 * account through these rules (a slip should not lock oneself out), and
 * never on a peer of their own region.
 */

/**
 * Roles that sign in with a second factor (TOTP) besides the password:
 * those who manage accounts. They can do nothing but set it up until they
 * have.
 */
export const ROLES_NEEDING_TOTP = ['administrator', 'regional-administrator'] as const satisfies readonly UserRole[];

export function needsTotp(role: UserRole): boolean {
  return (ROLES_NEEDING_TOTP as readonly UserRole[]).includes(role);
}

/**
 * The digits every region within `code` starts with: GB/T 2260 codes are
 * province (2 digits), city (2), county (2), with 00 for "the whole of":
 * 420000 (湖北省) → 42, 420100 (武汉市) → 4201, 420111 (洪山区) → 420111.
 */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether region `inner` is `outer` or lies within it. */
export function regionWithin(outer: string, inner: string): boolean {
  return inner.startsWith(regionPrefix(outer));
}

/** What the rules need to know of an account, acting or acted on. */
export interface AccountScope {
  id: number;
  role: UserRole;
  regionCode: string | null;
}

/**
 * Whether `actor` may manage (disable, give a new password to) the account
 * `target`, or create one like it (`id` of a new account: any number no
 * account has, e.g. 0). An administrator may manage every account but their
 * own; a regional administrator lawyers and case officers of their region
 * and below, and regional administrators strictly below it; others nobody.
 */
export function mayManage(actor: AccountScope, target: AccountScope): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'regional-administrator' || actor.regionCode === null) return false;
  if (target.role === 'administrator' || target.regionCode === null) return false;
  if (!regionWithin(actor.regionCode, target.regionCode)) return false;
  return target.role !== 'regional-administrator' || target.regionCode !== actor.regionCode;
}

/** Whether `actor` may see `target` in the list of accounts: the ones they manage, and their own. */
export function maySee(actor: AccountScope, target: AccountScope): boolean {
  return actor.id === target.id || mayManage(actor, target);
}

/**
 * Whether `actor` may manage the kiosks of region `regionCode` (make an
 * enrollment code for it, see, approve or revoke its kiosks): an
 * administrator everywhere, a regional administrator in their region and
 * below, nobody else.
 */
export function mayManageKiosksIn(actor: AccountScope, regionCode: string): boolean {
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'regional-administrator' || actor.regionCode === null) return false;
  return regionWithin(actor.regionCode, regionCode);
}

/**
 * Whether `actor` may work the cases (legal-aid applications, mediation
 * requests) taken in region `regionCode`: an administrator everywhere; a
 * regional administrator or a case officer in their region and below.
 */
export function mayWorkCasesIn(actor: AccountScope, regionCode: string): boolean {
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'regional-administrator' && actor.role !== 'case-officer') return false;
  return actor.regionCode !== null && regionWithin(actor.regionCode, regionCode);
}

/**
 * Whether `actor` may see the callback requests and ratings taken in
 * `regionCode`: whoever may work its cases, and its lawyers, who make the
 * callbacks.
 */
export function maySeeFeedbackIn(actor: AccountScope, regionCode: string): boolean {
  if (actor.role === 'lawyer') return actor.regionCode !== null && regionWithin(actor.regionCode, regionCode);
  return mayWorkCasesIn(actor, regionCode);
}
