import { describe, expect, it } from 'vitest';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import {
  COMPACT_LENGTH,
  PAD_DIGITS,
  PAD_LETTERS,
  checkEntry,
  deleteChar,
  displaySlots,
  hyphenated,
  nextPart,
  typeChar,
} from './reference-entry';

const real = formatReference({
  letter: 'M',
  day: '2025-03-14',
  serialNumber: serialNumberFor(1, 'demo-0001', '2025-03-14'),
});
const compact = real.replace(/-/g, '');

describe('typing a reference number', () => {
  it('offers every character a reference can hold and none it cannot', () => {
    expect(PAD_DIGITS.length).toBe(10);
    expect(PAD_LETTERS).not.toMatch(/[ILO]/);
    expect(PAD_LETTERS.length).toBe(23);
    for (const ch of compact) expect(PAD_DIGITS + PAD_LETTERS).toContain(ch);
  });
  it('puts the hyphens in as it goes and stops at the full length', () => {
    let typed = '';
    for (const ch of compact) typed = typeChar(typed, ch.toLowerCase());
    expect(typed).toBe(compact);
    expect(typeChar(typed, '2')).toBe(compact);
    expect(hyphenated(typed)).toBe(real);
    expect(hyphenated('M2503')).toBe('M2503');
    expect(hyphenated('M2503147')).toBe('M250314-7');
    expect(deleteChar('M25')).toBe('M2');
  });
  it('shows 14 places: typed, empty and the two hyphens', () => {
    const slots = displaySlots('M25');
    expect(slots).toHaveLength(COMPACT_LENGTH + 2);
    expect(
      slots
        .filter((s) => s.kind === 'typed')
        .map((s) => s.char)
        .join(''),
    ).toBe('M25');
    expect(slots.filter((s) => s.kind === 'hyphen')).toHaveLength(2);
  });
  it('says what comes next', () => {
    expect(nextPart('')).toBe('letter');
    expect(nextPart('M25')).toBe('date');
    expect(nextPart('M250314')).toBe('serial');
    expect(nextPart(compact)).toBe('complete');
  });
  it('finds a reference typed right and names a wrong character plainly', () => {
    expect(checkEntry(compact)).toEqual({ reference: real });
    const last = compact.at(-1)!;
    const wrong = compact.slice(0, -1) + (last === '2' ? '3' : '2');
    expect(checkEntry(wrong)).toEqual({ problem: 'check' });
    expect(checkEntry('M2503')).toEqual({ problem: 'length' });
    expect(checkEntry('')).toEqual({ problem: 'empty' });
  });
});
