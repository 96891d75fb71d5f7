import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): a
 * few tens of milliseconds per sign-in on our 2-core machines, and far too
 * slow for anyone trying guesses against a stolen database. The parameters
 * and the salt are stored in the hash (PHC string), so raising them later
 * needs no migration: old hashes still verify.
 */
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches; false for a wrong one and for a hash that is not an argon2 PHC string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification on a hash no password matches, so a
 * sign-in for a login that does not exist takes as long as one with a
 * wrong password: the answer's timing does not tell which logins exist.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(32).toString('base64'));
  await verifyPassword(await decoy, password);
  return false;
}
