import { createHash, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/**
 * How a kiosk signs every request to the hub with its own Ed25519 key, and
 * how the hub checks it. The signature covers the method, the route's path,
 * the kiosk's id, the time, a one-time nonce and the SHA-256 of the body,
 * so a signed request can be neither altered, nor sent for another kiosk,
 * nor replayed: the hub refuses a time more than five minutes off its own
 * and a nonce it has seen from that kiosk (it keeps them longer than the
 * window).
 */

export const KIOSK_ID_HEADER = 'x-kiosk-id';
export const KIOSK_TIME_HEADER = 'x-kiosk-time';
export const KIOSK_NONCE_HEADER = 'x-kiosk-nonce';
export const KIOSK_SIGNATURE_HEADER = 'x-kiosk-signature';

/** How far a request's time may be from the hub's, either way. */
export const KIOSK_CLOCK_WINDOW_MS = 5 * 60 * 1000;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

export interface SignedRequest {
  method: string;
  /** The path of the route, without a query. */
  path: string;
  kioskId: number;
  /** Milliseconds since the epoch, by the kiosk's clock. */
  time: number;
  nonce: string;
  body: Uint8Array | string;
}

function signedText(r: SignedRequest): Buffer {
  const bodyHash = createHash('sha256').update(r.body).digest('hex');
  return Buffer.from(
    ['hub-kiosk-request-v1', r.method.toUpperCase(), r.path, String(r.kioskId), String(r.time), r.nonce, bodyHash].join(
      '\n',
    ),
    'utf8',
  );
}

/** The headers that authenticate one request, made with a new nonce. */
export function signRequest(
  privateKey: KeyObject,
  r: Omit<SignedRequest, 'nonce'> & { nonce?: string },
): Record<string, string> {
  const nonce = r.nonce ?? randomBytes(16).toString('base64url');
  const signature = sign(null, signedText({ ...r, nonce }), privateKey).toString('base64');
  return {
    [KIOSK_ID_HEADER]: String(r.kioskId),
    [KIOSK_TIME_HEADER]: String(r.time),
    [KIOSK_NONCE_HEADER]: nonce,
    [KIOSK_SIGNATURE_HEADER]: signature,
  };
}

/** What the headers of a request claim, before the signature is checked; undefined when any is missing or malformed. */
export interface SignatureClaim {
  kioskId: number;
  time: number;
  nonce: string;
  signature: string;
}

export function readSignatureClaim(header: (name: string) => string | undefined): SignatureClaim | undefined {
  const id = header(KIOSK_ID_HEADER);
  const time = header(KIOSK_TIME_HEADER);
  const nonce = header(KIOSK_NONCE_HEADER);
  const signature = header(KIOSK_SIGNATURE_HEADER);
  if (id === undefined || time === undefined || nonce === undefined || signature === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(id) || !/^\d{1,15}$/.test(time)) return undefined;
  if (!NONCE_PATTERN.test(nonce) || !SIGNATURE_PATTERN.test(signature)) return undefined;
  return { kioskId: Number(id), time: Number(time), nonce, signature };
}

export function verifyRequest(
  publicKey: KeyObject,
  claim: SignatureClaim,
  r: { method: string; path: string; body: Uint8Array | string },
): boolean {
  try {
    return verify(null, signedText({ ...r, ...claim }), publicKey, Buffer.from(claim.signature, 'base64'));
  } catch {
    return false;
  }
}
