import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatReference,
  InvalidReferenceError,
  parseReference,
  REFERENCE_ALPHABET,
  REFERENCE_LENGTH,
  referenceCheckChar,
  serialNumberFor,
  SERIALS_PER_DAY,
} from './reference-number';

function problemOf(text: string): string | undefined {
  try {
    parseReference(text);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidReferenceError) return error.problem;
    throw error;
  }
}

describe('the alphabet', () => {
  it('has 31 characters (prime: the check modulus) and no look-alikes', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(31);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(31);
    for (const ch of '01ILO') expect(REFERENCE_ALPHABET).not.toContain(ch);
  });
});

describe('referenceCheckChar', () => {
  // Worked out by hand (ISO 7064 pure system, M = 31, r = 3; date digits count as 0–9, the rest by alphabet index).
  it.each([
    ['A2503147K3Q', 'Q'],
    ['M2412312222', '2'],
    ['R000101ZZZZ', 'B'],
    ['T991231XYZ9', 'D'],
  ])('%s → %s', (body, check) => {
    expect(referenceCheckChar(body)).toBe(check);
  });

  it('refuses a body of the wrong shape', () => {
    expect(() => referenceCheckChar('A2503147K3')).toThrow(RangeError);
    expect(() => referenceCheckChar('A250314OK3Q')).toThrow(RangeError);
  });
});

describe('formatReference', () => {
  it('makes letter, date, serial and check, hyphen-grouped, at most 16 characters', () => {
    const ref = formatReference({ letter: 'A', day: '2025-03-14', serialNumber: 0 });
    expect(ref).toBe(`A250314-2222-${referenceCheckChar('A2503142222')}`);
    expect(ref).toHaveLength(REFERENCE_LENGTH);
    expect(REFERENCE_LENGTH).toBeLessThanOrEqual(16);
    expect(formatReference({ letter: 'Z', day: '2099-12-31', serialNumber: SERIALS_PER_DAY - 1 })).toMatch(
      /^Z991231-ZZZZ-[2-9A-Z]$/,
    );
  });

  it('refuses a kind letter outside the alphabet, a date outside 2000–2099 or unreal, a serial out of range', () => {
    expect(() => formatReference({ letter: 'I', day: '2025-03-14', serialNumber: 1 })).toThrow(RangeError);
    expect(() => formatReference({ letter: '7', day: '2025-03-14', serialNumber: 1 })).toThrow(RangeError);
    expect(() => formatReference({ letter: 'A', day: '1999-03-14', serialNumber: 1 })).toThrow(RangeError);
    expect(() => formatReference({ letter: 'A', day: '2025-02-29', serialNumber: 1 })).toThrow(RangeError);
    expect(() => formatReference({ letter: 'A', day: '2025-03-14', serialNumber: SERIALS_PER_DAY })).toThrow(
      RangeError,
    );
  });
});

describe('serialNumberFor', () => {
  it('gives distinct serials to a day’s counters (a bijection), different across terminals and days', () => {
    const seen = new Set<number>();
    for (let n = 1; n <= 20_000; n++) seen.add(serialNumberFor(n, 'demo-0001', '2025-03-14'));
    expect(seen.size).toBe(20_000);
    expect(serialNumberFor(1, 'demo-0001', '2025-03-14')).not.toBe(serialNumberFor(1, 'demo-0002', '2025-03-14'));
    expect(serialNumberFor(1, 'demo-0001', '2025-03-14')).not.toBe(serialNumberFor(1, 'demo-0001', '2025-03-15'));
    // Neighbouring counters do not give neighbouring serials.
    expect(Math.abs(serialNumberFor(2, 't', 'd') - serialNumberFor(1, 't', 'd'))).toBeGreaterThan(1000);
  });

  it('refuses counters past what a day can hold rather than wrapping', () => {
    expect(() => serialNumberFor(0, 't', 'd')).toThrow(RangeError);
    expect(() => serialNumberFor(SERIALS_PER_DAY + 1, 't', 'd')).toThrow(RangeError);
    expect(serialNumberFor(SERIALS_PER_DAY, 't', 'd')).toBeGreaterThanOrEqual(0);
  });
});

describe('parseReference', () => {
  const ref = formatReference({ letter: 'A', day: '2025-03-14', serialNumber: 123_456 });
  const compact = ref.replace(/-/g, '');

  it('returns the canonical form and its parts', () => {
    expect(parseReference(ref)).toEqual({ reference: ref, letter: 'A', day: '2025-03-14', serial: ref.slice(8, 12) });
  });

  it.each([
    ['lower case', ref.toLowerCase()],
    ['no hyphens', compact],
    ['spaces', ` ${ref.slice(0, 1)} ${ref.slice(1, 7)}  ${ref.slice(8, 12)} ${ref.slice(13)} `],
    [
      'full-width characters and hyphens',
      ref.replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ],
    ['an ideographic space and en dashes', ref.replace('-', '\u3000').replace('-', '–')],
    ['O and I for 0 and 1 in the date group', ref.replace('250314', '25O3I4')],
    ['l for 1 in the date group, lower case', `a25o3l4${ref.slice(7)}`.toLowerCase()],
  ])('reads %s', (_label, text) => {
    expect(parseReference(text).reference).toBe(ref);
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    [ref.slice(0, -1), 'length'],
    [`${ref}7`, 'length'],
    [`2${ref.slice(1)}`, 'kind'],
    [`${ref.slice(0, 3)}X${ref.slice(4)}`, 'date-digits'],
    [`${ref.slice(0, 8)}0${ref.slice(9)}`, 'character'],
    [`${ref.slice(0, 8)}O${ref.slice(9)}`, 'character'],
  ])('rejects %j (%s)', (text, problem) => {
    expect(problemOf(text)).toBe(problem);
  });

  it('rejects a wrong check character with a message that says so, without revealing the right one', () => {
    const right = ref.at(-1)!;
    const wrong = REFERENCE_ALPHABET[(REFERENCE_ALPHABET.indexOf(right) + 1) % 31]!;
    const text = ref.slice(0, -1) + wrong;
    expect(() => parseReference(text)).toThrow(InvalidReferenceError);
    expect(() => parseReference(text)).toThrow(/check character does not match/);
    try {
      parseReference(text);
    } catch (error) {
      expect((error as Error).message).not.toContain(ref);
    }
  });

  it('rejects an unreal date even with a matching check character', () => {
    const body = 'A250230' + '2345';
    expect(problemOf(body + referenceCheckChar(body))).toBe('date');
  });
});

describe('error detection (property)', () => {
  const DIGITS = '0123456789';
  /** Characters a position can be mistyped as, each read differently from the original (O for 0 in the date is the same reading). */
  const CANDIDATES = [...new Set([...DIGITS, ...REFERENCE_ALPHABET])];
  const sameReading = (pos: number, a: string, b: string) =>
    a === b || (pos >= 1 && pos <= 6 && ((a === '0' && b === 'O') || (a === '1' && (b === 'I' || b === 'L'))));

  const reference = fc
    .record({
      letter: fc.constantFrom(...REFERENCE_ALPHABET.replace(/\d/g, '')),
      day: fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      serialNumber: fc.integer({ min: 0, max: SERIALS_PER_DAY - 1 }),
    })
    .map((parts) => formatReference(parts));

  it('every valid reference parses back to itself', () => {
    fc.assert(fc.property(reference, (ref) => parseReference(ref).reference === ref));
  });

  it('every single substitution is detected', () => {
    fc.assert(
      fc.property(reference, fc.nat(11), fc.constantFrom(...CANDIDATES, 'O', 'I', 'L'), (ref, pos, ch) => {
        const chars = [...ref.replace(/-/g, '')];
        fc.pre(!sameReading(pos, chars[pos]!, ch));
        chars[pos] = ch;
        return problemOf(chars.join('')) !== undefined;
      }),
      { numRuns: 5000 },
    );
  });

  it('every adjacent transposition of two different characters is detected, hyphens or not', () => {
    fc.assert(
      fc.property(reference, fc.nat(10), fc.boolean(), (ref, pos, hyphenated) => {
        const chars = [...ref.replace(/-/g, '')];
        fc.pre(chars[pos] !== chars[pos + 1]);
        [chars[pos], chars[pos + 1]] = [chars[pos + 1]!, chars[pos]!];
        const compact = chars.join('');
        const text = hyphenated ? `${compact.slice(0, 7)}-${compact.slice(7, 11)}-${compact.slice(11)}` : compact;
        return problemOf(text) !== undefined;
      }),
      { numRuns: 5000 },
    );
  });

  it('exhaustively, for one reference: all 11 × 33 substitutions and all 11 swaps', () => {
    const ref = formatReference({ letter: 'M', day: '2024-12-31', serialNumber: 777_777 });
    const base = [...ref.replace(/-/g, '')];
    let tried = 0;
    for (let pos = 0; pos < base.length; pos++) {
      for (const ch of CANDIDATES) {
        if (sameReading(pos, base[pos]!, ch)) continue;
        const chars = [...base];
        chars[pos] = ch;
        expect(problemOf(chars.join('')), `${pos}:${ch}`).toBeDefined();
        tried++;
      }
      if (pos + 1 < base.length && base[pos] !== base[pos + 1]) {
        const chars = [...base];
        [chars[pos], chars[pos + 1]] = [chars[pos + 1]!, chars[pos]!];
        expect(problemOf(chars.join('')), `swap ${pos}`).toBeDefined();
      }
    }
    expect(tried).toBeGreaterThan(300);
  });
});
