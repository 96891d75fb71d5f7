import { maskIdNumber, maskName, redactText, type RedactOptions } from '../redact';
import { mapBlockText, type Receipt } from './receipt';

/**
 * Personal data on paper. A receipt left in the tray is read by whoever
 * comes next, so every receipt the service prints or lays out passes through
 * {@link maskReceipt}, whatever the client sent: ID numbers keep their ends
 * (420***********1234), phone numbers too (138****5678), except the public
 * numbers of the offices the kiosk lists, which the citizen must be able to
 * call. A submission's receipt is also held to its payload
 * ({@link maskKnownValues}): the names it names are printed as the mediation
 * receipt prints them (张**), and its ID numbers masked in any format.
 */

/** ID and phone numbers masked in every block (text, pairs, QR data and captions). */
export function maskReceipt(receipt: Receipt, opts: RedactOptions = {}): Receipt {
  return { blocks: receipt.blocks.map((b) => mapBlockText(b, (s) => redactText(s, opts))) };
}

/** A submission's own personal values, wherever its receipt shows them. */
export interface KnownValues {
  names: readonly string[];
  idNumbers: readonly string[];
}

/** Field names (the last part of a dotted id, lower-cased, without `_`/`-`) holding a person's name or ID number. */
const NAME_KEYS = new Set(['name', 'fullname']);
const ID_KEYS = new Set(['idnumber', 'idcard']);
const keyOf = (key: string): string => (key.split('.').at(-1) ?? key).toLowerCase().replace(/[-_]/g, '');

/** The names and ID numbers in a payload (applicant.name, otherParty.name, `lender.name` of a template's values…). */
export function knownValues(payload: unknown): KnownValues {
  const names = new Set<string>();
  const idNumbers = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 8) return;
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') {
        const key = keyOf(k);
        if (NAME_KEYS.has(key)) names.add(v.trim());
        else if (ID_KEYS.has(key)) idNumbers.add(v.trim());
      } else walk(v, depth + 1);
    }
  };
  walk(payload, 0);
  return { names: [...names], idNumbers: [...idNumbers] };
}

/**
 * The payload's names printed as 张**, its ID numbers masked, wherever they
 * stand. A one-character name is left alone: replacing one character
 * everywhere would garble the receipt.
 */
export function maskKnownValues(receipt: Receipt, known: KnownValues): Receipt {
  // Longest first, so 张三丰 is masked before a 张三 inside it.
  const replacements = [
    ...known.names.filter((n) => [...n].length >= 2).map((n) => [n, maskName(n)] as const),
    ...known.idNumbers.filter((n) => n.length >= 4).map((n) => [n, maskIdNumber(n)] as const),
  ].sort((a, b) => b[0].length - a[0].length);
  if (replacements.length === 0) return receipt;
  // Spaces or marks between the characters (张 三 丰, 4.2.0.1…) do not hide a value.
  const spaced = replacements.map(
    ([from, to]) => [new RegExp([...from].map(escapeRegExp).join(BETWEEN), 'giu'), to] as const,
  );
  const mask = (s: string): string => spaced.reduce((text, [from, to]) => text.replace(from, to), s);
  return { blocks: receipt.blocks.map((b) => mapBlockText(b, mask)) };
}

/** What may stand between two characters of a known name or number: spaces of any width, dots, dashes, slashes, invisible spaces. */
const BETWEEN = '[\\s\\u3000\\u200b-\\u200d\\u2060\\ufeff.．·・/／_\\-－—,，、]{0,2}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
