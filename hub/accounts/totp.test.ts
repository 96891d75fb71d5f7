import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, totpCode, totpStep, totpUri } from './totp';

/** RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP', () => {
  it('gives RFC 6238’s test values (their last six digits)', () => {
    expect([59, 1111111109, 1111111111, 1234567890, 2000000000].map((t) => totpCode(RFC_SECRET, at(t)))).toEqual([
      '287082',
      '081804',
      '050471',
      '005924',
      '279037',
    ]);
  });

  it('takes a code one step early or late, and no further', () => {
    const t = 1234567890;
    const step = totpStep(at(t));
    const code = totpCode(RFC_SECRET, at(t));
    expect(matchTotp(RFC_SECRET, code, at(t))).toBe(step);
    expect(matchTotp(RFC_SECRET, code, at(t + 30))).toBe(step);
    expect(matchTotp(RFC_SECRET, code, at(t - 30))).toBe(step);
    expect(matchTotp(RFC_SECRET, code, at(t + 60))).toBeNull();
    expect(matchTotp(RFC_SECRET, code, at(t - 60))).toBeNull();
    expect(matchTotp(RFC_SECRET, '000000', at(t))).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345', at(t))).toBeNull();
  });

  it('makes 160-bit secrets and the URI apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'wang.fang', '无人律所'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/无人律所:wang.fang');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: '无人律所',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
