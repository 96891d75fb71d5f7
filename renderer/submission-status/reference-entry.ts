import {
  InvalidReferenceError,
  REFERENCE_ALPHABET,
  type ReferenceProblem,
  SERIAL_LENGTH,
  parseReference,
} from '../../common/reference-number';

/**
 * Typing a reference number (A250314-7K3Q-X) on the status screen's own pad.
 * The citizen types only letters and digits; the hyphens are put in as they
 * go, and the screen says what comes next. Pure, for the unit tests.
 */

/** Letters and digits of a reference, hyphens left out: kind letter, 6 date digits, serial, check. */
export const COMPACT_LENGTH = 1 + 6 + SERIAL_LENGTH + 1;
const DATE_END = 7;
const SERIAL_END = DATE_END + SERIAL_LENGTH;

/** The digit keys: all ten (the date group uses 0 and 1). */
export const PAD_DIGITS = '1234567890';
/** The letter keys: only letters a reference can hold (no I, L, O: they look like 1 and 0). */
export const PAD_LETTERS = REFERENCE_ALPHABET.replace(/\d/g, '');

/** One more character, if there is room. */
export function typeChar(compact: string, ch: string): string {
  if (compact.length >= COMPACT_LENGTH) return compact;
  return compact + ch.toUpperCase();
}

export function deleteChar(compact: string): string {
  return compact.slice(0, -1);
}

/** What is typed so far, hyphenated as on the receipt: M250314-7K3Q-X. */
export function hyphenated(compact: string): string {
  let out = '';
  [...compact].forEach((ch, i) => {
    out += (i === DATE_END || i === SERIAL_END ? '-' : '') + ch;
  });
  return out;
}

/** The 14 places of the display: typed characters, hyphens, and empty places still to fill. */
export function displaySlots(compact: string): { char: string; kind: 'typed' | 'empty' | 'hyphen' }[] {
  const slots: { char: string; kind: 'typed' | 'empty' | 'hyphen' }[] = [];
  for (let i = 0; i < COMPACT_LENGTH; i++) {
    if (i === DATE_END || i === SERIAL_END) slots.push({ char: '-', kind: 'hyphen' });
    const ch = compact[i];
    slots.push(ch === undefined ? { char: '', kind: 'empty' } : { char: ch, kind: 'typed' });
  }
  return slots;
}

export type NextPart = 'letter' | 'date' | 'serial' | 'complete';

/** What the citizen should type next. */
export function nextPart(compact: string): NextPart {
  if (compact.length === 0) return 'letter';
  if (compact.length < DATE_END) return 'date';
  if (compact.length < COMPACT_LENGTH) return 'serial';
  return 'complete';
}

/** The canonical reference, or what is wrong with what was typed (a wrong check character is never corrected). */
export function checkEntry(compact: string): { reference: string } | { problem: ReferenceProblem } {
  try {
    return { reference: parseReference(compact).reference };
  } catch (error) {
    if (error instanceof InvalidReferenceError) return { problem: error.problem };
    throw error;
  }
}
