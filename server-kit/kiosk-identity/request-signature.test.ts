import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSignatureClaim, signRequest, verifyRequest, type SignedRequest } from './request-signature';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const request: Omit<SignedRequest, 'nonce'> = {
  method: 'POST',
  path: '/api/kiosk/heartbeat',
  kioskId: 7,
  time: 1_772_413_200_000,
  body: '{"uptimeSeconds":5}',
};

function claimOf(headers: Record<string, string>) {
  const claim = readSignatureClaim((name) => headers[name]);
  if (claim === undefined) throw new Error('no claim');
  return claim;
}

describe('signed kiosk requests', () => {
  it('verify with the kiosk’s key, and with no other', () => {
    const claim = claimOf(signRequest(privateKey, request));
    expect(claim).toMatchObject({ kioskId: 7, time: request.time });
    expect(verifyRequest(publicKey, claim, request)).toBe(true);
    expect(verifyRequest(other.publicKey, claim, request)).toBe(false);
  });

  it('fail when the method, path, body, time, nonce or kiosk id is changed', () => {
    const claim = claimOf(signRequest(privateKey, request));
    expect(verifyRequest(publicKey, claim, { ...request, method: 'GET' })).toBe(false);
    expect(verifyRequest(publicKey, claim, { ...request, path: '/api/kiosk/status' })).toBe(false);
    expect(verifyRequest(publicKey, claim, { ...request, body: '{"uptimeSeconds":6}' })).toBe(false);
    expect(verifyRequest(publicKey, { ...claim, time: claim.time + 1 }, request)).toBe(false);
    expect(verifyRequest(publicKey, { ...claim, nonce: 'AAAAAAAAAAAAAAAAAAAAAA' }, request)).toBe(false);
    expect(verifyRequest(publicKey, { ...claim, kioskId: 8 }, request)).toBe(false);
  });

  it('use a new nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => claimOf(signRequest(privateKey, request)).nonce));
    expect(nonces.size).toBe(50);
  });

  it('read nothing from missing or malformed headers', () => {
    const good = signRequest(privateKey, request);
    for (const [name, value] of [
      ['x-kiosk-id', undefined],
      ['x-kiosk-id', '0'],
      ['x-kiosk-id', '7 '],
      ['x-kiosk-time', '-5'],
      ['x-kiosk-nonce', 'short'],
      ['x-kiosk-signature', 'not-a-signature'],
    ] as const) {
      const headers: Record<string, string | undefined> = { ...good, [name]: value };
      expect(
        readSignatureClaim((n) => headers[n]),
        `${name}=${value}`,
      ).toBeUndefined();
    }
  });
});
