import type { UserRole } from '../accounts';

/**
 * Who may call a hub route, declared on the route itself in the contract
 * and checked by the hub's guard on the route that matched. People, by
 * their session:
 *  - `anyone`: no session needed (health, sign-in);
 *  - `any-session`: any session, also one only good for setting up the
 *    second factor (who am I, sign out, TOTP set-up);
 *  - `signed-in`: a full session, whatever the role;
 *  - a list of roles: a full session of one of them.
 * Kiosks, never with a session and never from a browser (see KioskAccess).
 */
export type SessionAccess = 'anyone' | 'any-session' | 'signed-in' | readonly UserRole[];

/**
 * Routes only kiosks call:
 *  - `enrolling-kiosk`: a kiosk registering, whose credential is the
 *    one-time enrollment code in the body;
 *  - `enrolled-kiosk`: a request signed with the key of a kiosk that is
 *    pending or approved (it may ask whether it is approved yet);
 *  - `approved-kiosk`: signed with the key of an approved kiosk.
 * A revoked kiosk is refused on every one of them.
 */
export const KIOSK_ACCESS = ['enrolling-kiosk', 'enrolled-kiosk', 'approved-kiosk'] as const;
export type KioskAccess = (typeof KIOSK_ACCESS)[number];

export type HubAccess = SessionAccess | KioskAccess;

export function isKioskAccess(access: HubAccess): access is KioskAccess {
  return typeof access === 'string' && (KIOSK_ACCESS as readonly string[]).includes(access);
}

/** What the guard knows of a request's session, if it has one. */
export type SessionStanding =
  | { kind: 'none' }
  /** Signed in with the password, but the role needs TOTP and it is not set up yet. */
  | { kind: 'totp-setup'; role: UserRole }
  | { kind: 'full'; role: UserRole };

/** Why a route is refused: no session (401), or a session that may not call it (403). */
export type AccessRefusal = 'sign-in-needed' | 'totp-setup-needed' | 'role-not-allowed';

/** Whether a session may call a route with this access; null when it may. */
export function accessRefusal(access: SessionAccess, standing: SessionStanding): AccessRefusal | null {
  if (access === 'anyone') return null;
  if (standing.kind === 'none') return 'sign-in-needed';
  if (access === 'any-session') return null;
  if (standing.kind === 'totp-setup') return 'totp-setup-needed';
  if (access === 'signed-in') return null;
  return access.includes(standing.role) ? null : 'role-not-allowed';
}
