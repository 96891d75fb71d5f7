import type { UserRole } from '../accounts';

/**
 * Who may call a hub route, declared on the route itself in the contract
 * and checked by the hub's guard on the route that matched:
 *  - `anyone`: no session needed (health, sign-in);
 *  - `any-session`: any session, also one only good for setting up the
 *    second factor (who am I, sign out, TOTP set-up);
 *  - `signed-in`: a full session, whatever the role;
 *  - a list of roles: a full session of one of them.
 */
export type HubAccess = 'anyone' | 'any-session' | 'signed-in' | readonly UserRole[];

/** What the guard knows of a request's session, if it has one. */
export type SessionStanding =
  | { kind: 'none' }
  /** Signed in with the password, but the role needs TOTP and it is not set up yet. */
  | { kind: 'totp-setup'; role: UserRole }
  | { kind: 'full'; role: UserRole };

/** Why a route is refused: no session (401), or a session that may not call it (403). */
export type AccessRefusal = 'sign-in-needed' | 'totp-setup-needed' | 'role-not-allowed';

/** Whether a session may call a route with this access; null when it may. */
export function accessRefusal(access: HubAccess, standing: SessionStanding): AccessRefusal | null {
  if (access === 'anyone') return null;
  if (standing.kind === 'none') return 'sign-in-needed';
  if (access === 'any-session') return null;
  if (standing.kind === 'totp-setup') return 'totp-setup-needed';
  if (access === 'signed-in') return null;
  return access.includes(standing.role) ? null : 'role-not-allowed';
}
