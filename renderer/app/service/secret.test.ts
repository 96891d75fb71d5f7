import { describe, expect, it } from 'vitest';
import { readSecret } from './secret';

describe('readSecret', () => {
  it('reads the secret from the fragment', () => {
    expect(readSecret('#secret=abc123')).toBe('abc123');
    expect(readSecret('secret=abc123')).toBe('abc123');
    expect(readSecret('#other=1&secret=a%2Bb')).toBe('a+b');
  });

  it('returns null when there is none', () => {
    expect(readSecret('')).toBeNull();
    expect(readSecret('#')).toBeNull();
    expect(readSecret('#secret=')).toBeNull();
    expect(readSecret('#token=abc')).toBeNull();
  });
});
