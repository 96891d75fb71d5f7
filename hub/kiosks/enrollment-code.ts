import { createHash, randomInt } from 'node:crypto';

/**
 * One-time enrollment codes, typed by an installer at the terminal: 16
 * characters of Crockford's base32 (no I, L, O or U, so nothing reads as
 * another), 80 random bits, shown in groups of four. Case, spaces and
 * dashes do not matter, and the letters people mistake for digits are
 * read as those digits. Only the SHA-256 of the normalised code is stored:
 * 80 bits leave nothing to guess, so a plain hash is enough, and a code
 * lives a day by default.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function newEnrollCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** The code as stored (hashed), or undefined for text that cannot be a code. */
export function normaliseEnrollCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return undefined;
  return code;
}

export function enrollCodeHash(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}
