import { describe, expect, it } from 'vitest';
import { hashPhoneSuffix, phoneLast4, phoneSuffixMatches, PHONE_SUFFIX_SCHEME } from './phone-suffix';

describe('the phone suffix kept for 查询进度', () => {
  it('takes the last four digits of every phone form the payload accepts', () => {
    expect(phoneLast4('13812344826')).toBe('4826');
    expect(phoneLast4('+86 138 1234 4826'.replace(/ /g, ''))).toBe('4826');
    expect(phoneLast4('027-87654321')).toBe('4321');
    expect(phoneLast4('12')).toBeUndefined();
  });

  it('checks the digits against a salted hash; each hash has its own salt', () => {
    const a = hashPhoneSuffix('4826');
    const b = hashPhoneSuffix('4826');
    expect(a.scheme).toBe(PHONE_SUFFIX_SCHEME);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
    expect(phoneSuffixMatches('4826', a)).toBe(true);
    expect(phoneSuffixMatches('4827', a)).toBe(false);
    expect(phoneSuffixMatches('4826', { ...a, scheme: 'hmac-sha256' })).toBe(false);
  });
});
