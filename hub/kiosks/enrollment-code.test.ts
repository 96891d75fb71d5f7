import { describe, expect, it } from 'vitest';
import { enrollCodeHash, newEnrollCode, normaliseEnrollCode } from './enrollment-code';

describe('enrollment codes', () => {
  it('are 16 characters of base32 in groups of four, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newEnrollCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('read the same however they are typed', () => {
    const code = 'AB12-CD34-EF56-GH78';
    const n = normaliseEnrollCode(code);
    expect(n).toBe('AB12CD34EF56GH78');
    expect(normaliseEnrollCode('ab12 cd34 ef56 gh78')).toBe(n);
    expect(normaliseEnrollCode('AB12CD34EF56GH78')).toBe(n);
    expect(normaliseEnrollCode('0O1I-L000-0000-0000')).toBe('0011100000000000');
  });

  it('refuse what cannot be a code', () => {
    for (const text of ['', 'AB12-CD34-EF56', 'AB12-CD34-EF56-GH78-J', 'AB12-CD34-EF56-GH7U', 'AB12-CD34-EF56-GH7!'])
      expect(normaliseEnrollCode(text), text).toBeUndefined();
  });

  it('are stored as a SHA-256 that tells nothing of the code', () => {
    const hash = enrollCodeHash('AB12CD34EF56GH78');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('AB12');
  });
});
