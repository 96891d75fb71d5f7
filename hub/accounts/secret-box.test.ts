import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { prepareSecretBox, SealBrokenError, SecretBox, SecretKeyError } from './secret-box';

const NOW = new Date('2026-03-01T08:00:00Z');

describe('the secret box', () => {
  const box = SecretBox.withKey(randomBytes(32));

  it('opens what it sealed, for the same context only', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:user:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:user:1')).not.toBe(sealed);
    expect(box.open(sealed, 'totp:user:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:user:2')).toThrow(SealBrokenError);
  });

  it('refuses a value sealed with another key, or changed, or not sealed at all', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:user:1');
    expect(() => SecretBox.withKey(randomBytes(32)).open(sealed, 'totp:user:1')).toThrow(SealBrokenError);
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'totp:user:1')).toThrow(
      SealBrokenError,
    );
    expect(() => box.open('JBSWY3DPEHPK3PXP', 'totp:user:1')).toThrow(SealBrokenError);
  });
});

describe.each(ENGINES)('the key file on %s', (engine) => {
  const t = useTestStorage(engine);
  const keyFile = () => join(t.dataDir, 'keys', 'totp.key');

  it('is made owner-only at the first start, and the same key is used at the next', async () => {
    const first = await prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(statSync(join(t.dataDir, 'keys')).mode & 0o777).toBe(0o700);
    const sealed = first.seal('secret', 'totp:user:1');
    const again = await prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW);
    expect(again.open(sealed, 'totp:user:1')).toBe('secret');
  });

  it('refuses to start without the key file once the database has a key, instead of making a new one', async () => {
    await prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW);
    rmSync(keyFile());
    await expect(prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW)).rejects.toThrow(/is missing.*restore it/);
    expect(() => statSync(keyFile())).toThrow();
  });

  it('refuses another key, a malformed file, and a file others can read', async () => {
    await prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW);
    const original = readFileSync(keyFile(), 'utf8');
    writeFileSync(keyFile(), `${randomBytes(32).toString('base64')}\n`);
    await expect(prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW)).rejects.toThrow(/is not the key/);
    writeFileSync(keyFile(), 'not a key\n');
    await expect(prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW)).rejects.toThrow(SecretKeyError);
    writeFileSync(keyFile(), original);
    chmodSync(keyFile(), 0o644);
    await expect(prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW)).rejects.toThrow(/chmod 600/);
    chmodSync(keyFile(), 0o600);
    await expect(prepareSecretBox(t.storage.db, 'totp', keyFile(), NOW)).resolves.toBeInstanceOf(SecretBox);
  });
});
