import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KioskSealedSubmitRequest, KioskSubmitRequest, sealedPayloadAad } from '../../common/hub/api/submissions';
import { HttpError } from '../../server-kit/http/http-error';
import { createOwnerOnlyFile } from '../../server-kit/owner-only-file';
import {
  newSealingKeyPair,
  openSealed,
  publicOf,
  SealedBoxError,
  type SealingPublicKey,
} from '../../server-kit/sealed-box';
import { describeZodErrorWithoutValues, problemsToText } from '../../common/api/format-issues';
import type { HubDb } from '../storage/schema';

/**
 * The hub's sealing key: kiosks seal each submission's personal payload to
 * its public half while the submission waits in their outbox, and only the
 * hub, with the private half (a PEM file beside the database, owner-only),
 * opens it. Its id is checked against the one the database remembers, as
 * the TOTP key is: a hub that lost the file and made a new one would leave
 * every sealed submission waiting at the kiosks unopenable.
 */

const FINGERPRINT_NAME = 'sealing';

/** Where the sealing key lives unless the configuration says otherwise. */
export const defaultSealingKeyFile = (dataDir: string): string => join(dataDir, 'keys', 'sealing-key.pem');

/** The sealing key file is missing, open to others, not an X25519 key, or not the key kiosks were given. */
export class SealingKeyError extends Error {}

export interface HubSealingKey {
  /** What kiosks are given at enrollment and at a status check. */
  publicKey: SealingPublicKey;
  /**
   * A delivery as the rest of the hub takes it: a sealed payload opened and
   * checked with the same schema as one sent in clear; an HttpError 400
   * saying what is wrong when it does not open or is not a valid payload.
   * `kioskIds` are the delivering kiosk's id and those of its terminal's
   * earlier, revoked enrollments (a terminal enrolled again still delivers
   * what it sealed before): a payload sealed at another terminal does not
   * open.
   */
  opened(body: KioskSubmitRequest | KioskSealedSubmitRequest, kioskIds: readonly number[]): KioskSubmitRequest;
}

function readPrivateKey(file: string): KeyObject {
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0)
    throw new SealingKeyError(
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it, and think whether it was copied`,
    );
  try {
    const key = createPrivateKey(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'x25519') throw new Error(`a ${key.asymmetricKeyType} key`);
    return key;
  } catch (error) {
    throw new SealingKeyError(`${file} is not an X25519 private key in PEM: ${(error as Error).message}`);
  }
}

export function sealingKeyFrom(privateKey: KeyObject): HubSealingKey {
  const publicKey = publicOf(createPublicKey(privateKey));
  return {
    publicKey,
    opened(body, kioskIds) {
      if (!('sealedPayload' in body)) return body;
      const { sealedPayload, ...about } = body;
      let text: string | undefined;
      let refusal: SealedBoxError | undefined;
      for (const kioskId of kioskIds) {
        try {
          text = openSealed(privateKey, sealedPayload, sealedPayloadAad({ ...body, kioskId }));
          break;
        } catch (error) {
          if (!(error instanceof SealedBoxError)) throw error;
          refusal ??= error;
        }
      }
      if (text === undefined)
        throw new HttpError(400, 'bad-request', `body.sealedPayload: ${refusal?.message ?? 'no kiosk to open it for'}`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'bad-request', 'body.sealedPayload: opens to something that is not JSON');
      }
      const parsed = KioskSubmitRequest.safeParse({ ...about, payload: json });
      if (!parsed.success) {
        // Where and what was expected, never what was given: the values were sealed for a reason, and
        // the answer is kept at the kiosk (its outbox's last error) and shown to technicians.
        const problems = describeZodErrorWithoutValues(parsed.error, 'body');
        throw new HttpError(
          400,
          'bad-request',
          `the sealed payload opened, but is not a valid ${body.kind}: ${problemsToText(problems)}`,
        );
      }
      return parsed.data;
    },
  };
}

/**
 * The sealing key in `file`, made (owner-only) at the first start of a hub
 * whose database never had one; otherwise the file must be the key the
 * database remembers, or the hub refuses to start, saying what to do.
 * Several hubs on one PostgreSQL share one file.
 */
export async function prepareSealingKey(db: HubDb, file: string, now: Date): Promise<HubSealingKey> {
  const known = await db
    .selectFrom('key_fingerprints')
    .select('fingerprint')
    .where('name', '=', FINGERPRINT_NAME)
    .executeTakeFirst();
  if (!existsSync(file)) {
    if (known !== undefined)
      throw new SealingKeyError(
        `the sealing key file ${file} is missing, and kiosks seal their waiting submissions to it: restore it from a backup (or copy it from the other hub) — a new key would not open them`,
      );
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Two hubs sharing this file may both get here at their first start: one key wins, and both read it.
    createOwnerOnlyFile(file, newSealingKeyPair().privatePem);
  }
  const key = sealingKeyFrom(readPrivateKey(file));
  if (known === undefined)
    await db
      .insertInto('key_fingerprints')
      .values({ name: FINGERPRINT_NAME, fingerprint: key.publicKey.keyId, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  const kept = await db
    .selectFrom('key_fingerprints')
    .select('fingerprint')
    .where('name', '=', FINGERPRINT_NAME)
    .executeTakeFirstOrThrow();
  if (kept.fingerprint !== key.publicKey.keyId)
    throw new SealingKeyError(
      `the sealing key file ${file} is not the key kiosks were given (${kept.fingerprint}): use the original file (every hub on one database needs the same one)`,
    );
  return key;
}
