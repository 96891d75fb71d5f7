import { SealedPayload, sealedPayloadAad } from '../../common/hub/api/submissions';
import { seal, type SealingPublicKey } from '../../server-kit/sealed-box';

/**
 * How an outbox row keeps a payload sealed to the hub (server-kit/sealed-box.ts)
 * in its `payload` column: `{"$sealed": {keyId, ephemeralKey, iv, ciphertext, tag}}`,
 * a shape no submission payload has. The kiosk cannot open it again; the
 * sender delivers it as it is, and the hub opens it.
 */

const SEALED = '$sealed';

/** The payload's JSON sealed to the hub's key for this submission of this kiosk, as the column keeps it. */
export function sealedPayloadText(
  key: SealingPublicKey,
  json: string,
  about: { kioskId: number; kind: string; reference: string; idempotencyKey: string },
): string {
  return JSON.stringify({ [SEALED]: seal(key, json, sealedPayloadAad(about)) });
}

/** The sealed payload a column holds; undefined for one kept in clear (or deleted after delivery). */
export function sealedPayloadOf(column: string): SealedPayload | undefined {
  const value = JSON.parse(column) as unknown;
  if (value === null || typeof value !== 'object' || !(SEALED in value)) return undefined;
  return SealedPayload.parse((value as Record<string, unknown>)[SEALED]);
}
