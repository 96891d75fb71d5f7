import { describe, expect, it } from 'vitest';
import { characterKinds, checkPasswordPolicy } from '../../../common/hub/password-policy';
import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it('makes passwords the hub’s policy accepts, all four kinds, never twice the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword('wang.li');
      expect(checkPasswordPolicy(password, 'wang.li').ok).toBe(true);
      expect(characterKinds(password)).toBe(4);
      expect(password).toHaveLength(16);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });

  it('tries again when a password would contain the login', () => {
    // A random source that first picks the first character of every set (a run of "a"s), then behaves.
    let calls = 0;
    const password = generatePassword('aaaa', (n) => (calls++ < 40 ? 0 : Math.floor(Math.random() * n)));
    expect(checkPasswordPolicy(password, 'aaaa').ok).toBe(true);
    expect(calls).toBeGreaterThan(40);
  });
});
