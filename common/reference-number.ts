/**
 * Reference numbers (参考编号) printed on submission receipts: short enough to
 * read out over the phone, checked so a misheard or mistyped one is refused
 * instead of finding someone else's submission.
 *
 *     A250314-7K3Q-X
 *     │└─date┘ └serial┘ └ check character
 *     └ kind letter (A legal aid, M mediation, R rating, T template…)
 *
 * - The date group is the terminal's local date, yymmdd, digits only. Staff see
 *   at a glance when it was filed, and since the group holds nothing but
 *   digits, an O, I or L typed there can only mean 0 or 1.
 * - The kind letter, serial and check character come from a 31-character
 *   alphabet without look-alikes: digits 2–9 and the letters without I, L, O.
 *   0 and 1 never appear outside the date.
 * - The serial is a counter of the day's submissions on this terminal (in
 *   records.db, never random, and never behind the second of the day, so a
 *   records.db restored from a backup does not hand out today's serials
 *   again), passed through a bijection of the 31⁴ serials keyed by the
 *   terminal id and the day. So one terminal never repeats a
 *   reference (different day → different date group; same day → different n →
 *   different serial), consecutive submissions do not look consecutive, and two
 *   terminals filing on the same day usually differ too — at no extra length.
 *   Fleet-wide uniqueness is not promised: the hub keys submissions by terminal
 *   and idempotency key, and the reference by terminal.
 * - The check character follows ISO 7064's pure-system scheme with modulus 31
 *   and radix 3 (a primitive root mod 31): every position has a distinct
 *   non-zero weight, so any single wrong character and any swap of two
 *   characters (adjacent or not, across the hyphens too) changes the sum.
 *   31 is prime and the alphabet has exactly 31 characters, so the check is
 *   always one alphabet character — no supplementary symbol like MOD 37-2's `*`.
 *
 * Pure: used by the service (to make them), the UI and kioskctl (to read them).
 */
import { isRealDate } from './idcard/id-number';

/** 2–9 and A–Z without I, L, O: 31 characters, the check modulus. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const MODULUS = REFERENCE_ALPHABET.length;
const RADIX = 3;
export const SERIAL_LENGTH = 4;
/** Serials one terminal can give out in one day. */
export const SERIALS_PER_DAY = MODULUS ** SERIAL_LENGTH;
/** Length of a formatted reference, hyphens included. */
export const REFERENCE_LENGTH = 1 + 6 + 1 + SERIAL_LENGTH + 1 + 1;
const COMPACT_LENGTH = REFERENCE_LENGTH - 2;

/** Any multiplier not divisible by 31 permutes the serials; this one scatters neighbours widely. */
const SERIAL_MULTIPLIER = 387_421;

export const REFERENCE_PROBLEMS = ['empty', 'length', 'kind', 'date-digits', 'character', 'check', 'date'] as const;
export type ReferenceProblem = (typeof REFERENCE_PROBLEMS)[number];

/** A text that is not a valid reference number; `problem` is a stable code the UI can translate. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly problem: ReferenceProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}

export interface ParsedReference {
  /** Canonical form, e.g. `A250314-7K3Q-X`. */
  reference: string;
  /** The kind letter. */
  letter: string;
  /** The date group as an ISO date, e.g. `2025-03-14`. */
  day: string;
  /** The four serial characters. */
  serial: string;
}

function alphabetValue(ch: string): number {
  return REFERENCE_ALPHABET.indexOf(ch);
}

/** The value each character of a compact reference body (no check) counts with: digits in the date, alphabet index elsewhere. */
function bodyValues(body: string): number[] {
  return [...body].map((ch, i) => (i >= 1 && i <= 6 ? Number(ch) : alphabetValue(ch)));
}

/** The check character for a compact body: kind letter, six date digits, serial (11 characters). */
export function referenceCheckChar(body: string): string {
  if (!/^[A-Z]\d{6}[2-9A-Z]{4}$/.test(body) || bodyValues(body).some((v) => v < 0)) {
    throw new RangeError(
      `a reference body is a kind letter, six date digits and ${SERIAL_LENGTH} serial characters, got "${body}"`,
    );
  }
  let p = 0;
  for (const v of bodyValues(body)) p = ((p + v) * RADIX) % MODULUS;
  // Chosen so that p + check ≡ 1 (mod 31), as in ISO 7064.
  return REFERENCE_ALPHABET[(1 - p + MODULUS) % MODULUS]!;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit number from a string, no crypto needed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The serial (0 … 31⁴−1) for the `counter`-th submission (from 1) of `day`
 * on terminal `terminalId`. A bijection of the counters for a given terminal
 * and day, so distinct counters never share a serial.
 */
export function serialNumberFor(counter: number, terminalId: string, day: string): number {
  if (!Number.isInteger(counter) || counter < 1 || counter > SERIALS_PER_DAY) {
    throw new RangeError(
      `a terminal can give out ${SERIALS_PER_DAY} references a day; counter ${counter} is out of range`,
    );
  }
  const offset = fnv1a(`${terminalId}/${day}`) % SERIALS_PER_DAY;
  // Both terms stay far below 2^53: exact in floating point.
  return (counter * SERIAL_MULTIPLIER + offset) % SERIALS_PER_DAY;
}

function encodeSerial(n: number): string {
  let out = '';
  for (let i = 0; i < SERIAL_LENGTH; i++) {
    out = REFERENCE_ALPHABET[n % MODULUS]! + out;
    n = Math.floor(n / MODULUS);
  }
  return out;
}

/** True when `letter` can start a reference (an alphabet letter, not a digit). */
export function isKindLetter(letter: string): boolean {
  return /^[A-Z]$/.test(letter) && REFERENCE_ALPHABET.includes(letter);
}

/**
 * Makes a reference from its parts. `day` is the terminal's local date
 * (YYYY-MM-DD, 2000–2099); `serialNumber` comes from {@link serialNumberFor}.
 */
export function formatReference(parts: { letter: string; day: string; serialNumber: number }): string {
  const { letter, day, serialNumber } = parts;
  if (!isKindLetter(letter))
    throw new RangeError(`a kind letter is one of ${REFERENCE_ALPHABET.replace(/\d/g, '')}, got "${letter}"`);
  const m = /^20(\d\d)-(\d\d)-(\d\d)$/.exec(day);
  if (m === null || !isRealDate(`20${m[1]}${m[2]}${m[3]}`))
    throw new RangeError(`expected a date 2000-01-01 … 2099-12-31, got "${day}"`);
  if (!Number.isInteger(serialNumber) || serialNumber < 0 || serialNumber >= SERIALS_PER_DAY)
    throw new RangeError(`serial out of range: ${serialNumber}`);
  const body = `${letter}${m[1]}${m[2]}${m[3]}${encodeSerial(serialNumber)}`;
  return hyphenate(body + referenceCheckChar(body));
}

function hyphenate(compact: string): string {
  return `${compact.slice(0, 7)}-${compact.slice(7, 7 + SERIAL_LENGTH)}-${compact.slice(7 + SERIAL_LENGTH)}`;
}

/** Spaces (any kind) and the dashes people type or keyboards substitute for `-`. */
const SEPARATORS = /[\s\-‐‑‒–—―−﹣_.·・]/gu;
/** Only ever digits in the date group: what they were surely meant to be. */
const DATE_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * Reads a reference as a citizen or a member of staff may type or dictate it:
 * any case, spaces, full-width characters (ＡＢＣ１２３), with or without
 * hyphens; O, I, L in the date group are read as 0, 1, 1. Returns the
 * canonical form and its parts, or throws {@link InvalidReferenceError} saying
 * what is wrong — a wrong check character is never "corrected".
 */
export function parseReference(text: string): ParsedReference {
  const compact = text.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
  if (compact === '') throw new InvalidReferenceError('empty', 'the reference number is empty');
  const chars = [...compact];
  if (chars.length !== COMPACT_LENGTH) {
    throw new InvalidReferenceError(
      'length',
      `a reference number has ${COMPACT_LENGTH} letters and digits (like A250314-7K3Q-X), this one has ${chars.length}`,
    );
  }
  const letter = chars[0]!;
  if (!isKindLetter(letter))
    throw new InvalidReferenceError('kind', `a reference number starts with a letter such as A or M, not "${letter}"`);
  const date = chars
    .slice(1, 7)
    .map((c) => DATE_LOOKALIKES[c] ?? c)
    .join('');
  if (!/^\d{6}$/.test(date))
    throw new InvalidReferenceError(
      'date-digits',
      `characters 2–7 of a reference number are the date in digits (yymmdd), got "${chars.slice(1, 7).join('')}"`,
    );
  const rest = chars.slice(7);
  const bad = rest.find((c) => alphabetValue(c) < 0);
  if (bad !== undefined) {
    throw new InvalidReferenceError(
      'character',
      `"${bad}" never appears after the date in a reference number (those characters are 2–9 and letters other than I, L, O)`,
    );
  }
  const body = letter + date + rest.slice(0, SERIAL_LENGTH).join('');
  const check = rest[SERIAL_LENGTH]!;
  if (referenceCheckChar(body) !== check) {
    throw new InvalidReferenceError(
      'check',
      `${hyphenate(body + check)} is not a valid reference number: its check character does not match (a character was misread or two were swapped)`,
    );
  }
  if (!isRealDate(`20${date}`))
    throw new InvalidReferenceError(
      'date',
      `the date in reference number ${hyphenate(body + check)} (${date}) is not a real date`,
    );
  return {
    reference: hyphenate(body + check),
    letter,
    day: `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}`,
    serial: rest.slice(0, SERIAL_LENGTH).join(''),
  };
}
