import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * A "sealed box" (ECIES): a kiosk seals a submission's personal payload to
 * the hub's X25519 public key, and only the holder of the private key — the
 * hub — opens it. A kiosk carried away holds sealed payloads it cannot open
 * itself. Each seal makes a fresh ephemeral key pair; the shared secret of
 * the ephemeral private key and the hub's public key, through HKDF-SHA256
 * (salted with both public keys), is an AES-256-GCM key used once. The AAD
 * binds a sealed payload to its submission, so it does not open as another.
 *
 * Written here with Node's own crypto rather than a library (libsodium's
 * crypto_box_seal, an ECIES package): Node has every primitive — X25519,
 * HKDF, AES-GCM — and both sides, the kiosk service and the hub, run this
 * one file, so there is no format between two implementations to keep
 * agreeing and no native addon to build for the kiosk.
 */

const FORMAT_INFO = 'wurenlvsuo sealed-box v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** A hub's sealing public key as kiosks receive it: X25519, SPKI DER in base64, and its id. */
export interface SealingPublicKey {
  /** SHA-256 of the DER, first 16 hex digits: says which key a payload was sealed to. */
  keyId: string;
  publicKey: string;
}

/** A sealed payload: every part base64url. */
export interface SealedBox {
  keyId: string;
  /** The ephemeral X25519 public key, SPKI DER. */
  ephemeralKey: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

/** A sealed payload that does not open: another key, another submission, changed, or no sealed box at all. */
export class SealedBoxError extends Error {}

export const sealingKeyId = (spkiDerBase64: string): string =>
  createHash('sha256').update(Buffer.from(spkiDerBase64, 'base64')).digest('hex').slice(0, 16);

/** A new sealing key pair: the private key as PKCS#8 PEM (for the hub's key file), the public key as kiosks get it. */
export function newSealingKeyPair(): { privatePem: string; publicKey: SealingPublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: publicOf(publicKey) };
}

export function publicOf(key: KeyObject): SealingPublicKey {
  const der = key.export({ format: 'der', type: 'spki' }).toString('base64');
  return { keyId: sealingKeyId(der), publicKey: der };
}

/** An X25519 public key from SPKI DER in base64, or undefined for anything else. */
export function parseSealingPublicKey(base64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'x25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

function boxKey(privateKey: KeyObject, publicKey: KeyObject, ephemeralDer: Buffer, recipientDer: Buffer): Buffer {
  // A low-order public key gives an all-zero secret, which OpenSSL refuses: thrown, caught by the caller.
  const shared = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, recipientDer]), FORMAT_INFO, KEY_BYTES));
}

/** Seals `plain` to `recipient`, bound to `aad` (what it belongs to); a fresh ephemeral key each time. */
export function seal(recipient: SealingPublicKey, plain: string, aad: string): SealedBox {
  const recipientKey = parseSealingPublicKey(recipient.publicKey);
  if (recipientKey === undefined) throw new SealedBoxError('the hub’s sealing key is not an X25519 public key');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const key = boxKey(ephemeral.privateKey, recipientKey, ephemeralDer, Buffer.from(recipient.publicKey, 'base64'));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    keyId: recipient.keyId,
    ephemeralKey: ephemeralDer.toString('base64url'),
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** Opens a sealed box with the recipient's private key; a SealedBoxError when it is not for this key or `aad`, or was changed. */
export function openSealed(privateKey: KeyObject, box: SealedBox, aad: string): string {
  const recipient = publicOf(createPublicKey(privateKey));
  if (box.keyId !== recipient.keyId)
    throw new SealedBoxError(`sealed to key ${box.keyId}, not to this hub’s sealing key ${recipient.keyId}`);
  try {
    const ephemeralDer = Buffer.from(box.ephemeralKey, 'base64url');
    const ephemeral = createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
    if (ephemeral.asymmetricKeyType !== 'x25519') throw new Error('not x25519');
    const key = boxKey(privateKey, ephemeral, ephemeralDer, Buffer.from(recipient.publicKey, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64url'), {
      // A shorter tag than 16 bytes would be accepted otherwise: a forger's shortcut.
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(box.ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealedBoxError('the sealed payload does not open: changed, or sealed for another submission');
  }
}
