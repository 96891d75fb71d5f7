import { PROVINCE_LEVEL_CODES } from '../province-codes';

/**
 * Citizen ID numbers (公民身份号码, GB 11643): 6-digit region, 8-digit birth
 * date, 3-digit sequence (odd = male), check character. HK/Macau/Taiwan
 * residence permits (81/82/83 region) and the 2023 foreign permanent residence
 * card (first digit 9) use the same structure and check.
 *
 * A number that fails is reported with its problems, never silently trusted
 * or "corrected": the card chip is signed by the SAM, so a failing number
 * means a reader fault, a test card or a forged answer, and the caller decides.
 */

export const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes plus 83, which starts the residence permits of people
 * from Taiwan (81/82 serve both Hong Kong/Macau regions and their permits).
 * Counties are renamed and merged every year, so only the province is checked:
 * a number from a county that no longer exists is still a real number.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([...PROVINCE_LEVEL_CODES, '83']);

/**
 * - format: not 17 digits and a digit or X
 * - region: the first digits name no province (after a leading 9: no province of issue)
 * - birth-date: digits 7–14 are not a real date, or a date in the future
 * - check-character: the 18th character is not the one the first 17 give
 * - birth-date-mismatch: the card's birth date field disagrees with the number
 * - sex-mismatch: the card's sex field disagrees with the sequence number's parity
 */
export const ID_NUMBER_PROBLEMS = [
  'format',
  'region',
  'birth-date',
  'check-character',
  'birth-date-mismatch',
  'sex-mismatch',
] as const;
export type IdNumberProblem = (typeof ID_NUMBER_PROBLEMS)[number];

export interface IdNumberCheck {
  valid: boolean;
  problems: IdNumberProblem[];
}

export interface IdNumberExpectations {
  /** YYYY-MM-DD as printed on the card. */
  birthDate?: string;
  /** Only 'male' and 'female' are compared; other values say nothing about parity. */
  sex?: string;
  /** YYYY-MM-DD; birth dates after it are impossible. Defaults to the current date. */
  today?: string;
}

/** The check character for 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('an ID number check character needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when `yyyymmdd` is a real calendar date from 1800 on. */
export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function regionIsPlausible(id: string): boolean {
  // The 2023 foreign card: 9, province of issue, 3-digit nationality code.
  if (id[0] === '9') return PROVINCE_CODES.has(id.slice(1, 3));
  return PROVINCE_CODES.has(id.slice(0, 2));
}

/**
 * Checks an 18-character number. Lower-case x is read as X, since people type
 * it that way; the card itself always carries X.
 */
export function checkIdNumber(idNumber: string, expect: IdNumberExpectations = {}): IdNumberCheck {
  const id = idNumber.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problems: ['format'] };
  const problems: IdNumberProblem[] = [];
  if (!regionIsPlausible(id)) problems.push('region');
  const birth = id.slice(6, 14);
  const birthIso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isRealDate(birth) || birthIso > (expect.today ?? todayIso())) problems.push('birth-date');
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) problems.push('check-character');
  if (expect.birthDate !== undefined && expect.birthDate !== birthIso) problems.push('birth-date-mismatch');
  if (expect.sex === 'male' || expect.sex === 'female') {
    const odd = Number(id[16]) % 2 === 1;
    if (odd !== (expect.sex === 'male')) problems.push('sex-mismatch');
  }
  return { valid: problems.length === 0, problems };
}

/**
 * The 2017 foreign permanent residence card number: 3 Latin letters
 * (nationality) and 12 digits. Its check rule is not public, so only the shape
 * is checked; a caller must not read `valid` as "checked like GB 11643".
 */
export function checkForeignCard2017Number(cardNumber: string): IdNumberCheck {
  return /^[A-Z]{3}\d{12}$/.test(cardNumber) ? { valid: true, problems: [] } : { valid: false, problems: ['format'] };
}
