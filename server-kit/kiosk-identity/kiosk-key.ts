import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * A kiosk's public key as it registers it: Ed25519, SPKI DER in base64.
 * Anything else (another algorithm, a private key, bytes that are no key)
 * is refused at registration, so every key the hub holds verifies.
 */
export function parseKioskPublicKey(base64: string): KeyObject | undefined {
  try {
    const der = Buffer.from(base64, 'base64');
    if (der.toString('base64') !== base64) return undefined;
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** What an installer and an administrator compare before approving: SHA-256 of the key's DER, first 16 hex digits, in groups of four. */
export function keyFingerprint(base64: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)!.join(':');
}
