import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The last four digits of a phone number, kept on the kiosk only as a salted
 * hash: 查询进度 asks for them to stop strangers reading someone's status,
 * and the kiosk must check them when the hub cannot be asked — after the
 * payload holding the phone was sealed or deleted.
 *
 * Why scrypt and not HMAC-SHA256: four digits are 10,000 possibilities, so
 * the hash cannot be strong however it is made — whoever copies records.db
 * can try them all. What the choice decides is the cost of that. With a
 * per-row random salt and a fast HMAC, every row of the file falls in a
 * millisecond; with scrypt (N=2^14, r=8: 16 MiB and some 40 ms a try on a
 * kiosk) each row costs minutes of a core, a whole file hours, while the
 * one check a citizen's lookup makes stays unnoticeable. An HMAC with a key
 * kept elsewhere would be stronger, but the kiosk has nowhere to keep a key
 * that the same copy of its disk would not give up.
 */

/** Names the parameters, so rows can be recognised (and re-hashed) if they ever change. */
export const PHONE_SUFFIX_SCHEME = 'scrypt-n16384-r8-p1';
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export interface PhoneSuffixHash {
  scheme: string;
  salt: Buffer;
  hash: Buffer;
}

/** The last four digits of a phone number as the payload holds it (+86, a hyphen after the area code…); undefined with fewer. */
export function phoneLast4(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

export function hashPhoneSuffix(last4: string, salt: Buffer = randomBytes(SALT_BYTES)): PhoneSuffixHash {
  return { scheme: PHONE_SUFFIX_SCHEME, salt, hash: scryptSync(last4, salt, HASH_BYTES, SCRYPT) };
}

/** Whether `last4` are the digits hashed; false for a scheme this build does not know. */
export function phoneSuffixMatches(last4: string, stored: PhoneSuffixHash): boolean {
  if (stored.scheme !== PHONE_SUFFIX_SCHEME || stored.hash.length !== HASH_BYTES) return false;
  return timingSafeEqual(hashPhoneSuffix(last4, stored.salt).hash, stored.hash);
}
