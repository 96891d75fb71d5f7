import { checkPasswordPolicy } from '../../../common/hub/password-policy';

/** Easy to read aloud and copy by hand: no 0/O, 1/l/I. */
const SETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+='] as const;
const LENGTH = 16;

function pick(chars: string, random: (n: number) => number): string {
  return chars[random(chars.length)]!;
}

/** A uniform index below `n` from the browser's CSPRNG (rejection sampling, no modulo bias). */
function cryptoIndex(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0]! < limit) return word[0]! % n;
  }
}

/**
 * A first or new password the administrator hands on: 16 characters with
 * every kind the policy counts, from the CSPRNG, checked against the
 * hub's own policy (which the hub checks again).
 */
export function generatePassword(login: string, random: (n: number) => number = cryptoIndex): string {
  for (;;) {
    const all = SETS.join('');
    const chars = [...SETS.map((s) => pick(s, random))];
    while (chars.length < LENGTH) chars.push(pick(all, random));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPasswordPolicy(password, login).ok) return password;
  }
}
