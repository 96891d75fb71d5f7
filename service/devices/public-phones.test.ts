import { describe, expect, it } from 'vitest';
import { cachedPublicPhones } from './public-phones';

describe('the phone numbers a receipt prints whole', () => {
  it('reads the directory once it can, and keeps the hotlines meanwhile', () => {
    let reads = 0;
    let available = false;
    const phones = cachedPublicPhones(['12348', '027-8765 4321'], () => {
      reads += 1;
      if (!available) throw new Error('no content release');
      return ['(027) 1234-5678', null];
    });
    expect([...phones()]).toEqual(['12348', '02787654321']);
    available = true;
    expect([...phones()]).toEqual(['12348', '02787654321', '02712345678']);
    phones();
    phones();
    expect(reads).toBe(2);
  });

  it('reads the release again once another one is served', () => {
    let release = 'a';
    const phones = cachedPublicPhones(
      ['12348'],
      () => (release === 'a' ? ['027-0000-0101'] : ['027-0000-1234']),
      () => release,
    );
    expect([...phones()]).toEqual(['12348', '02700000101']);
    release = 'b';
    expect([...phones()]).toEqual(['12348', '02700001234']);
  });
});
