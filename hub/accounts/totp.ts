import { Secret, TOTP } from 'otpauth';

/**
 * The second factor: RFC 6238 TOTP as every authenticator app reads it —
 * 30-second steps, 6 digits, HMAC-SHA-1 — accepting the step before and
 * after the hub's (a phone's clock a little off, a code typed as it
 * changed). Replays are refused by the caller, which keeps the last step
 * accepted per account (storage/users.ts spendTotpStep).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = 'SHA1';
/** Steps accepted either side of the hub's own. */
const WINDOW = 1;
/** RFC 4226 asks for at least 128 bits and recommends 160. */
const SECRET_BYTES = 20;

/** A new random secret, in base32 as apps take it typed in. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code: the issuer and login name label the entry. */
export function totpUri(secretBase32: string, login: string, issuer: string): string {
  return new TOTP({
    issuer,
    label: login,
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The step a time falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a secret at a time (tests, and the console's demo; never logged). */
export function totpCode(secretBase32: string, at: Date): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: at.getTime(),
  });
}

/** The step `code` belongs to within one step of `now`, or null when it matches none. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  return delta === null ? null : totpStep(now) + delta;
}
