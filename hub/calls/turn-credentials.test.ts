import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceConfigFor, turnPassword, turnUsername } from './turn-credentials';

describe('TURN REST credentials', () => {
  it('are the expiry and who, signed with the shared secret as coturn checks them', () => {
    const username = turnUsername(1767225600, 'kiosk-12');
    expect(username).toBe('1767225600:kiosk-12');
    // coturn: base64(HMAC-SHA1(static-auth-secret, username)).
    expect(turnPassword('s3cret', username)).toBe(createHmac('sha1', 's3cret').update(username).digest('base64'));
    expect(turnPassword('s3cret', username)).not.toBe(turnPassword('other', username));
  });

  it('expire after the configured lifetime and force the relay when told to', () => {
    const now = new Date('2026-12-07T08:00:00Z');
    const ice = iceConfigFor(
      { urls: ['turn:127.0.0.1:3478'], secret: 'k', ttlSeconds: 600, relayOnly: true },
      'user-5',
      now,
    );
    expect(ice.expiresAt).toBe('2026-12-07T08:10:00.000Z');
    expect(ice.iceTransportPolicy).toBe('relay');
    expect(ice.iceServers[0]?.username).toBe(`${now.getTime() / 1000 + 600}:user-5`);
  });

  it('without TURN: no servers, so a misconfigured hub never hands out a relay it does not have', () => {
    const ice = iceConfigFor(undefined, 'kiosk-1', new Date());
    expect(ice.iceServers).toEqual([]);
    expect(ice.iceTransportPolicy).toBe('all');
  });
});
