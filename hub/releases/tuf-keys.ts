import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Key, Signature } from '@tufjs/models';
import { createOwnerOnlyFile } from '../../server-kit/owner-only-file';

/**
 * The repository's ed25519 keys, made and used with Node's own crypto. A
 * key file is PKCS#8 PEM, owner-only; its directory 0700. Root and targets
 * keys are offline (a directory an administrator keeps away from the hub:
 * a USB key, a vault) and only `hubctl` reads them, for the command that
 * needs them; snapshot, timestamp and releases keys are online, beside the
 * database, for the hub to renew what expires on its own and to publish a
 * release the console's review approved.
 */

/** `releases`: the online key the targets role delegates content releases to (tuf-repository.ts). */
export type TufKeyRole = 'root' | 'targets' | 'snapshot' | 'timestamp' | 'releases';

/** A key file is missing, readable by others, or not an ed25519 private key. */
export class TufKeyError extends Error {}

/** One signing key: its id as TUF names it, its public half as metadata lists it, and a signer for Metadata.sign. */
export interface TufSigner {
  keyId: string;
  publicKey: Key;
  sign(data: Buffer): Signature;
}

/** The key file of a role in a keys directory. */
export const tufKeyFile = (dir: string, role: TufKeyRole): string => join(dir, `${role}.pem`);

/** Where the hub keeps its online keys unless the configuration says otherwise. */
export const defaultTufKeysDir = (dataDir: string): string => join(dataDir, 'keys', 'tuf');

/**
 * The public key as TUF metadata lists it, its id the SHA-256 of that
 * object's canonical JSON (keys sorted, no spaces — written out in order
 * here: every value is hex or a fixed word).
 */
export function tufPublicKey(publicKey: KeyObject): Key {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const canonical = `{"keytype":"ed25519","keyval":{"public":"${raw}"},"scheme":"ed25519"}`;
  const keyID = createHash('sha256').update(canonical).digest('hex');
  return new Key({ keyID, keyType: 'ed25519', scheme: 'ed25519', keyVal: { public: raw } });
}

export function signerOf(privateKey: KeyObject): TufSigner {
  const publicKey = tufPublicKey(createPublicKey(privateKey));
  return {
    keyId: publicKey.keyID,
    publicKey,
    sign: (data) => new Signature({ keyID: publicKey.keyID, sig: sign(null, data, privateKey).toString('hex') }),
  };
}

/** Makes the directory (0700) if needed, and a new key for each role named; refuses to replace a key file there. */
export function makeTufKeys<R extends TufKeyRole>(dir: string, roles: readonly R[]): Record<R, TufSigner> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = {} as Record<R, TufSigner>;
  for (const role of roles) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    if (!createOwnerOnlyFile(tufKeyFile(dir, role), pem))
      throw new TufKeyError(`${tufKeyFile(dir, role)} exists already: a key is never replaced by another in place`);
    made[role] = signerOf(privateKey);
  }
  return made;
}

/** Whether a keys directory holds a key for the role. */
export const hasTufKey = (dir: string, role: TufKeyRole): boolean => existsSync(tufKeyFile(dir, role));

/** Reads a role's key from a keys directory, refusing a file other users may read. */
export function readTufKey(dir: string, role: TufKeyRole): TufSigner {
  const file = tufKeyFile(dir, role);
  if (!existsSync(file)) throw new TufKeyError(`no ${role} key in ${dir} (${file} is missing)`);
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0)
    throw new TufKeyError(
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it, and think whether it was copied`,
    );
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TufKeyError(`${file} is not a private key in PEM: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new TufKeyError(`${file} is an ${key.asymmetricKeyType ?? 'unknown'} key, not ed25519`);
  return signerOf(key);
}
