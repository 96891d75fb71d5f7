import { describe, expect, it } from 'vitest';
import { accessRefusal, isKioskAccess, type SessionStanding } from './access';

const none: SessionStanding = { kind: 'none' };
const setup: SessionStanding = { kind: 'totp-setup', role: 'administrator' };
const admin: SessionStanding = { kind: 'full', role: 'administrator' };
const lawyer: SessionStanding = { kind: 'full', role: 'lawyer' };

describe('access to a route', () => {
  it('anyone: every caller', () => {
    for (const s of [none, setup, admin, lawyer]) expect(accessRefusal('anyone', s)).toBeNull();
  });

  it('any session: also one that may only set up TOTP, but not none', () => {
    expect(accessRefusal('any-session', none)).toBe('sign-in-needed');
    for (const s of [setup, admin, lawyer]) expect(accessRefusal('any-session', s)).toBeNull();
  });

  it('signed in: a full session of any role', () => {
    expect(accessRefusal('signed-in', none)).toBe('sign-in-needed');
    expect(accessRefusal('signed-in', setup)).toBe('totp-setup-needed');
    expect(accessRefusal('signed-in', lawyer)).toBeNull();
  });

  it('roles: a full session of one of them; a set-up-only session of the right role is still refused', () => {
    expect(accessRefusal(['administrator'], admin)).toBeNull();
    expect(accessRefusal(['administrator'], lawyer)).toBe('role-not-allowed');
    expect(accessRefusal(['administrator'], setup)).toBe('totp-setup-needed');
    expect(accessRefusal(['administrator'], none)).toBe('sign-in-needed');
  });
});

describe('kiosk routes', () => {
  it('are told apart from the routes of people', () => {
    for (const a of ['enrolling-kiosk', 'enrolled-kiosk', 'approved-kiosk'] as const)
      expect(isKioskAccess(a)).toBe(true);
    for (const a of ['anyone', 'any-session', 'signed-in', ['administrator']] as const)
      expect(isKioskAccess(a)).toBe(false);
  });
});
