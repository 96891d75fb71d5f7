import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSealingKeyPair, openSealed, seal, SealedBoxError, sealingKeyId, type SealedBox } from './sealed-box';

/** The sealed box both the kiosk and the hub use: only the hub's private key opens it, only for its submission. */

const PAYLOAD = JSON.stringify({ applicant: { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678' } });
const AAD = 'submission|legal-aid-application|A-20260302-ABCD|7f1c2d6e-0000-4000-8000-000000000000';

function hub() {
  const pair = newSealingKeyPair();
  return { ...pair, privateKey: createPrivateKey(pair.privatePem) };
}

const flip = (text: string, at = 3): string => {
  const bytes = Buffer.from(text, 'base64url');
  bytes[at % bytes.length] = bytes[at % bytes.length]! ^ 0x01;
  return bytes.toString('base64url');
};

describe('sealed box', () => {
  it('opens with the hub’s private key to what was sealed, and holds none of it in clear', () => {
    const h = hub();
    const box = seal(h.publicKey, PAYLOAD, AAD);
    expect(box.keyId).toBe(h.publicKey.keyId);
    expect(h.publicKey.keyId).toBe(sealingKeyId(h.publicKey.publicKey));
    expect(JSON.stringify(box)).not.toContain('13812345678');
    expect(Buffer.from(box.ciphertext, 'base64url').includes(Buffer.from('13812345678'))).toBe(false);
    expect(openSealed(h.privateKey, box, AAD)).toBe(PAYLOAD);
  });

  it('seals the same payload differently each time (fresh ephemeral key)', () => {
    const h = hub();
    const a = seal(h.publicKey, PAYLOAD, AAD);
    const b = seal(h.publicKey, PAYLOAD, AAD);
    expect(a.ephemeralKey).not.toBe(b.ephemeralKey);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(openSealed(h.privateKey, b, AAD)).toBe(openSealed(h.privateKey, a, AAD));
  });

  it('does not open with another hub’s key, even under the right key id', () => {
    const h = hub();
    const other = hub();
    const box = seal(h.publicKey, PAYLOAD, AAD);
    expect(() => openSealed(other.privateKey, box, AAD)).toThrow(/sealed to key/);
    expect(() => openSealed(other.privateKey, { ...box, keyId: other.publicKey.keyId }, AAD)).toThrow(SealedBoxError);
  });

  it('refuses any part changed, a shortened tag, or the box moved to another submission', () => {
    const h = hub();
    const box = seal(h.publicKey, PAYLOAD, AAD);
    const changed: SealedBox[] = [
      { ...box, ciphertext: flip(box.ciphertext) },
      { ...box, tag: flip(box.tag) },
      { ...box, iv: flip(box.iv) },
      { ...box, ephemeralKey: flip(box.ephemeralKey, 40) },
      { ...box, ephemeralKey: hub().publicKey.publicKey },
      { ...box, tag: Buffer.from(box.tag, 'base64url').subarray(0, 4).toString('base64url') },
      { ...box, ephemeralKey: 'bm90IGEga2V5' },
    ];
    for (const c of changed) expect(() => openSealed(h.privateKey, c, AAD)).toThrow(SealedBoxError);
    expect(() => openSealed(h.privateKey, box, AAD.replace('ABCD', 'ABCE'))).toThrow(SealedBoxError);
  });

  it('refuses to seal to something that is not an X25519 public key', () => {
    expect(() => seal({ keyId: 'x', publicKey: 'bm90IGEga2V5' }, PAYLOAD, AAD)).toThrow(SealedBoxError);
  });
});
