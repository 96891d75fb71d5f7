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

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** A deep copy with sensitive fields replaced and every string masked. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSensitiveKey(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : redactDeep(v, depth + 1);
  }
  return out;
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
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k.toLowerCase().replace(/[-_]/g, '');
    if (typeof v !== 'string' || v === '') out[k] = isSensitiveKey(k) && v !== undefined && v !== null && v !== '' ? '[redacted]' : maskPersonalData(v, depth + 1);
    else if (key === 'idnumber' || key === 'idcard') out[k] = maskIdNumber(v.trim());
    else if (key === 'phone' || key === 'mobile') out[k] = maskPhone(v);
    else if (key === 'name' || key === 'fullname') out[k] = maskName(v);
    else out[k] = isSensitiveKey(k) ? '[redacted]' : redactText(v);
  }
  return out;
}
