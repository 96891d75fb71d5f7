import { describe, expect, it } from 'vitest';
import { SECRET_COOKIE } from './api/contract';
import { kioskPageUrl, secretCookie } from './shell-handover';

describe('shell handover', () => {
  it('hands the secret over as an HttpOnly, SameSite=Strict session cookie for the service origin only', () => {
    const cookie = secretCookie('http://127.0.0.1:43117', 's3cret');
    expect(cookie).toEqual({
      name: SECRET_COOKIE,
      value: 's3cret',
      url: 'http://127.0.0.1:43117/',
      httpOnly: true,
      sameSite: 'Strict',
    });
    // No expiry and no domain: a session cookie, host-only, never written to the profile.
    expect(Object.keys(cookie)).not.toContain('expires');
    expect(Object.keys(cookie)).not.toContain('domain');
  });

  it('opens the bare origin, nothing after it', () => {
    expect(kioskPageUrl('http://127.0.0.1:43117')).toBe('http://127.0.0.1:43117/');
  });
});
