import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeOwnerOnlyFile } from '../../server-kit/owner-only-file';
import type { PayloadContext, PayloadVault } from './submission-payloads';

/**
 * Submissions' payloads encrypted at rest with AES-256-GCM under keys kept
 * in a directory beside the database, not in it: a dump, a backup or a
 * replica of the database alone holds no name, ID or phone number.
 *
 * Keys have ids, so they can be rotated: the directory holds one
 * `<id>.key` file per key (32 bytes in base64, owner-only) and a `current`
 * file naming the key new payloads are sealed with. A stored payload is
 * `p1.<key id>.<iv>.<ciphertext>.<tag>`, its AAD binding it to its row's
 * kiosk and idempotency key: copied onto another row, it does not open.
 * Several hubs on one PostgreSQL share one directory; each reads `current`
 * again before sealing and the key files again when it meets an id it does
 * not know, so a rotation (hubctl payload-keys rotate) needs no restart.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
export const PAYLOAD_FORMAT = 'p1';
const CURRENT_FILE = 'current';
const KEY_FILE = /^([0-9]{8}-[0-9a-f]{8})\.key$/;
/** Key ids hold only digits, a-f and '-': safe inside a LIKE pattern. */
const KEY_ID = /^[0-9]{8}-[0-9a-f]{8}$/;

/** Where the payload keys live unless the configuration says otherwise. */
export const defaultPayloadKeysDir = (dataDir: string): string => join(dataDir, 'keys', 'payloads');

/** A stored payload that does not open: another key, another row, changed, or not sealed at all. */
export class PayloadSealBrokenError extends Error {}

/** The keys directory is unusable: a key file open to others or malformed, no current key, a key the database needs missing. */
export class PayloadKeyError extends Error {}

/** The key id a stored payload was sealed under; undefined for a payload kept in clear (before encryption at rest). */
export function payloadKeyIdOf(stored: string): string | undefined {
  if (!stored.startsWith(`${PAYLOAD_FORMAT}.`)) return undefined;
  return stored.split('.')[1];
}

/** The LIKE pattern of the payloads sealed under `keyId`. */
export const payloadsUnderKey = (keyId: string): string => `${PAYLOAD_FORMAT}.${keyId}.%`;
/** The LIKE pattern of every sealed payload. */
export const SEALED_PAYLOADS = `${PAYLOAD_FORMAT}.%`;

const aad = (keyId: string, context: PayloadContext): Buffer =>
  Buffer.from(`submission-payload\0${keyId}\0${context.kioskId}\0${context.idempotencyKey}`, 'utf8');

function readKeyFile(file: string): Buffer {
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0)
    throw new PayloadKeyError(
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it, and think whether it was copied`,
    );
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new PayloadKeyError(`${file} is not a payload key (${KEY_BYTES} bytes in base64 on one line)`);
  return key;
}

function newKeyId(now: Date): string {
  return `${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

export class PayloadKeyring implements PayloadVault {
  private keys = new Map<string, Buffer>();

  private constructor(readonly dir: string) {}

  /** The keyring in `dir` as it is (possibly empty: see `addKey`); the directory is made owner-only when missing. */
  static open(dir: string): PayloadKeyring {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const ring = new PayloadKeyring(dir);
    ring.reload();
    return ring;
  }

  /** Reads every key file again. */
  reload(): void {
    const keys = new Map<string, Buffer>();
    for (const name of readdirSync(this.dir).sort()) {
      const id = KEY_FILE.exec(name)?.[1];
      if (id !== undefined) keys.set(id, readKeyFile(join(this.dir, name)));
    }
    this.keys = keys;
  }

  /** The ids of the keys in the directory, oldest first. */
  ids(): string[] {
    return [...this.keys.keys()];
  }

  /** The id of the key new payloads are sealed with; undefined in a directory with no key yet. */
  currentId(): string | undefined {
    const file = join(this.dir, CURRENT_FILE);
    if (!existsSync(file)) return undefined;
    const id = readFileSync(file, 'utf8').trim();
    if (!KEY_ID.test(id)) throw new PayloadKeyError(`${file} does not name a payload key id`);
    return id;
  }

  /** Makes a new key (owner-only) and makes it current; answers its id. */
  addKey(now: Date): string {
    const id = newKeyId(now);
    const file = join(this.dir, `${id}.key`);
    // Made 0600 before any byte is in it, never over an existing file.
    writeOwnerOnlyFile(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
    chmodSync(this.dir, 0o700);
    this.keys.set(id, readKeyFile(file));
    writeOwnerOnlyFile(join(this.dir, CURRENT_FILE), `${id}\n`);
    return id;
  }

  /** Deletes a key's file; the caller has made sure no row uses it. The current key is never removed. */
  removeKey(id: string): void {
    if (id === this.currentId()) throw new PayloadKeyError(`${id} is the current payload key: rotate first`);
    if (!this.keys.has(id)) throw new PayloadKeyError(`there is no payload key ${id} in ${this.dir}`);
    rmSync(join(this.dir, `${id}.key`));
    this.keys.delete(id);
  }

  private key(id: string): Buffer | undefined {
    if (!this.keys.has(id) && KEY_ID.test(id)) this.reload();
    return this.keys.get(id);
  }

  seal(json: string, context: PayloadContext): string {
    const id = this.currentId();
    const key = id === undefined ? undefined : this.key(id);
    if (id === undefined || key === undefined)
      throw new PayloadKeyError(`no current payload key in ${this.dir}: the hub makes one at its first start`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(id, context));
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return [PAYLOAD_FORMAT, id, ...[iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'))].join('.');
  }

  open(stored: string, context: PayloadContext): string {
    const [format, id, iv, body, tag, ...rest] = stored.split('.');
    if (format !== PAYLOAD_FORMAT || id === undefined || iv === undefined || body === undefined || tag === undefined)
      throw new PayloadSealBrokenError('not a payload sealed by this hub');
    if (rest.length > 0) throw new PayloadSealBrokenError('not a payload sealed by this hub');
    const key = this.key(id);
    if (key === undefined)
      throw new PayloadKeyError(`payload key ${id} is not in ${this.dir}: restore it from the keys' backup`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      decipher.setAAD(aad(id, context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new PayloadSealBrokenError(
        `a payload does not open with key ${id}: it was changed, or belongs to another submission`,
      );
    }
  }
}
