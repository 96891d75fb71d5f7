/**
 * Masking of personal data for logs and printed receipts.
 *
 * ID numbers keep the first three and last four characters
 * (`420***********1234`), as privacy rules for receipts allow; phone numbers,
 * mobile or landline, keep the first three and last four digits
 * (`138****5678`, `027*****4321`). Object fields whose name says they hold
 * personal data are replaced whole, whatever their format.
 */

// The formats people really type: full-width digits (０-９), a letter glued in
// front (ID4201…), groups split by spaces or dashes (420111 19900101 1234,
// 138-1234-5678). A number is never taken from inside a longer digit run.
const D = '[0-9０-９]';
/**
 * At most two separators between two characters of a number: dashes and
 * spaces of every width, and the dots, slashes, underscores, middle dots,
 * commas and invisible spaces someone may type or paste between groups.
 */
const S = '(?:[-－‐‑–— \u3000.．/／_·・,，、\u200b\u200c\u2060\ufeff]|\u200d){0,2}';
const NOT_AFTER_DIGIT = `(?<!${D})`;
const NOT_BEFORE_DIGIT = `(?!${D})`;

/**
 * Resident ID numbers: 18 characters (the last may be X; HK/Macau/Taiwan
 * residence permits and the 2023 foreign permanent-residence card, which
 * starts with 9, share the form) or the old 15 digits.
 */
const ID_NUMBER = new RegExp(
  `${NOT_AFTER_DIGIT}(?:${D}(?:${S}${D}){16}${S}[0-9０-９XxＸｘ]|${D}(?:${S}${D}){14})${NOT_BEFORE_DIGIT}`,
  'g',
);
/** The 2017 foreign permanent-residence card: three letters (nationality) and twelve digits. */
const FOREIGN_ID_2017 = new RegExp(`(?<![A-Za-z])[A-Za-z]{3}${S}${D}(?:${S}${D}){11}${NOT_BEFORE_DIGIT}`, 'g');
/** Mainland mobile numbers, optionally with +86/86 in front. */
const MOBILE = new RegExp(
  `${NOT_AFTER_DIGIT}((?:[+＋]?(?:86|８６)${S})?)([1１]${S}[3-9３-９](?:${S}${D}){9})${NOT_BEFORE_DIGIT}`,
  'g',
);
/** Landlines with their area code (0 and two or three digits), in brackets or not: 027-87654321, (0710)1234567. */
const LANDLINE = new RegExp(
  `${NOT_AFTER_DIGIT}(?:[(（][0０]${D}{2,3}[)）]${S}|[0０]${D}{2,3}${S})${D}(?:${S}${D}){6,7}${NOT_BEFORE_DIGIT}`,
  'g',
);

/** Full-width digits and letters as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The digits of a phone number (full-width ones too), without a +86 in front of a mobile number. */
export function phoneDigits(phone: string): string {
  const digits = halfWidth(phone).replace(/\D/g, '');
  return /^861[3-9]\d{9}$/.test(digits) ? digits.slice(2) : digits;
}

export function maskIdNumber(id: string): string {
  const plain = halfWidth(id)
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase();
  if (plain.length <= 7) return '*'.repeat(plain.length);
  return plain.slice(0, 3) + '*'.repeat(plain.length - 7) + plain.slice(-4);
}

export interface RedactOptions {
  /**
   * Phone numbers (digits only) left as they are: public numbers such as an
   * office's in the directory, which a printed receipt must show whole.
   */
  keepPhones?: ReadonlySet<string>;
}

/** Masks ID numbers, mobile numbers and landlines inside any text. */
export function redactText(text: string, opts: RedactOptions = {}): string {
  const keep = (m: string): boolean => opts.keepPhones?.has(phoneDigits(m)) === true;
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(FOREIGN_ID_2017, (m) => maskIdNumber(m))
    .replace(MOBILE, (m, cc: string, number: string) => (keep(m) ? m : `${cc}${maskPhone(number)}`))
    .replace(LANDLINE, (m) => (keep(m) ? m : maskPhone(m)));
}

/** Field names (lower-cased, without `_`/`-`) whose values are personal data. */
const SENSITIVE_KEYS = new Set([
  'name',
  'fullname',
  'address',
  'idnumber',
  'idcard',
  'phone',
  'mobile',
  'photo',
  'birthdate',
  'secret',
  'authorization',
  'token',
  // The hub's accounts: a password, its hash and a TOTP secret never reach a log.
  'password',
  'passwordhash',
  'totpsecret',
]);

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normaliseKey(key));
}

/** A partial mask for a non-empty string field, by its normalised key; undefined leaves the field to the general rule. */
type FieldMask = (key: string, value: string) => string | undefined;

/**
 * The one walk both copies take: strings have ID and mobile numbers masked,
 * sensitive fields are replaced whole unless `mask` masks them partially,
 * and nesting stops at depth 8.
 */
function walk(value: unknown, depth: number, mask?: FieldMask): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, mask));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const masked = mask !== undefined && typeof v === 'string' && v !== '' ? mask(normaliseKey(k), v) : undefined;
    out[k] =
      masked ??
      (isSensitiveKey(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : walk(v, depth + 1, mask));
  }
  return out;
}

/** A deep copy with sensitive fields replaced and every string masked. */
export function redactDeep(value: unknown, depth = 0): unknown {
  return walk(value, depth);
}

/** Keeps the first three and last four digits of a phone number: 138****5678, 027*****4321. */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** Keeps the first character of a name: 张**. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 0 ? '' : chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * A deep copy for a technician's screen (kioskctl): still recognisable,
 * never identifying — ID and phone numbers masked to their ends, names to
 * their first character, other personal fields replaced whole, and ID or
 * mobile numbers inside any other text masked. There is deliberately no
 * unmasked variant.
 */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  return walk(value, depth, technicianMask);
}

function technicianMask(key: string, value: string): string | undefined {
  if (key === 'idnumber' || key === 'idcard') return maskIdNumber(value.trim());
  if (key === 'phone' || key === 'mobile') return maskPhone(value);
  if (key === 'name' || key === 'fullname') return maskName(value);
  return undefined;
}
