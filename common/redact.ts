/**
 * Masking of personal data for logs and printed receipts.
 *
 * ID numbers keep the first three and last four characters
 * (`420***********1234`), as privacy rules for receipts allow; mobile numbers
 * keep the first three and last four (`138****5678`). Object fields whose name
 * says they hold personal data are replaced whole, whatever their format.
 */

// 18-character resident ID (last may be X) or the old 15-digit form; not part of a longer digit run.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
// Mainland mobile numbers, optionally with +86/86 in front.
const MOBILE = /(?<!\d)((?:\+?86[- ]?)?)(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g;

export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}

export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (_m, cc: string, a: string, _b: string, c: string) => `${cc}${a}****${c}`);
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
    out[k] = masked ?? (isSensitiveKey(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : walk(v, depth + 1, mask));
  }
  return out;
}

/** A deep copy with sensitive fields replaced and every string masked. */
export function redactDeep(value: unknown, depth = 0): unknown {
  return walk(value, depth);
}

/** Keeps the first three and last four digits of a phone number: 138****5678, 027*****4321. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  // +86 in front of a mobile number is not part of it.
  if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
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
