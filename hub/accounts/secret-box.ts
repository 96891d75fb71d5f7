import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HubDb } from '../storage/schema';

/**
 * Seals secrets the hub must read back (TOTP secrets) with AES-256-GCM
 * under a key kept in a file beside the database, not in it: a copy of the
 * database alone (a backup, a PostgreSQL replica, a dump handed to someone)
 * holds no usable second factor. Each sealed value is bound to what it is
 * for (`context`, e.g. the account), so a sealed secret copied onto another
 * account's row does not open there.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';
/** Tells keys apart without telling anything of a key. */
const FINGERPRINT_TEXT = 'wurenlvsuo-hub secret-box key fingerprint v1';

export class SealBrokenError extends Error {}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static withKey(key: Buffer): SecretBox {
    if (key.length !== KEY_BYTES) throw new Error(`a secret-box key is ${KEY_BYTES} bytes, not ${key.length}`);
    return new SecretBox(Buffer.from(key));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, iv, body, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** The plain text, or a SealBrokenError for a value sealed with another key, for another context, or changed. */
  open(sealed: string, context: string): string {
    const [format, iv, body, tag, ...rest] = sealed.split('.');
    if (format !== FORMAT || iv === undefined || body === undefined || tag === undefined || rest.length > 0)
      throw new SealBrokenError('not a sealed value of this hub');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealBrokenError('a sealed value does not open with this hub’s key (another key, or changed)');
    }
  }

  fingerprint(): string {
    return createHmac('sha256', this.key).update(FINGERPRINT_TEXT).digest('hex');
  }
}

/** The key file is missing, unreadable, malformed, open to others, or not the key the database's secrets were sealed with. */
export class SecretKeyError extends Error {}

function readKeyFile(file: string): Buffer {
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0)
    throw new SecretKeyError(
      `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it, and think whether it was copied`,
    );
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new SecretKeyError(`${file} is not a hub key (${KEY_BYTES} bytes in base64 on one line)`);
  return key;
}

/**
 * The secret box for `name` (e.g. `totp`) with the key in `file`, checked
 * against the fingerprint the database keeps of the key its secrets were
 * sealed with. A missing key file is made (owner-only) only for a database
 * that has never had one; otherwise the hub refuses to start, saying
 * whether the file is missing or another one: a new key would silently
 * make every sealed secret useless. Several hubs on one PostgreSQL must
 * share one key file.
 */
export async function prepareSecretBox(db: HubDb, name: string, file: string, now: Date): Promise<SecretBox> {
  const known = await db
    .selectFrom('key_fingerprints')
    .select('fingerprint')
    .where('name', '=', name)
    .executeTakeFirst();
  if (!existsSync(file)) {
    if (known !== undefined)
      throw new SecretKeyError(
        `the ${name} key file ${file} is missing, and the database holds secrets sealed with it: restore it from a backup (or copy it from the other hub) — a new key would not open them`,
      );
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  let box: SecretBox;
  try {
    box = SecretBox.withKey(readKeyFile(file));
  } catch (error) {
    if (error instanceof SecretKeyError) throw error;
    throw new SecretKeyError(`cannot read the ${name} key file ${file}: ${(error as Error).message}`);
  }
  const fingerprint = box.fingerprint();
  if (known === undefined) {
    // Two hubs starting at once on a new database: one insert wins, the
    // other finds its row below and compares like any later start.
    await db
      .insertInto('key_fingerprints')
      .values({ name, fingerprint, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  const kept = await db
    .selectFrom('key_fingerprints')
    .select('fingerprint')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  if (kept.fingerprint !== fingerprint)
    throw new SecretKeyError(
      `the ${name} key file ${file} is not the key the database's secrets were sealed with: use the original key file (every hub on one database needs the same one)`,
    );
  return box;
}
