import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { databaseBytes } from '../testing/database-bytes';
import { ENGINES, useTestStorage, type TestStorage } from '../testing/test-storage';
import { listAudit } from './audit-log';
import {
  defaultPayloadKeysDir,
  PayloadKeyError,
  PayloadKeyring,
  payloadKeyIdOf,
  PayloadSealBrokenError,
} from './payload-keyring';
import { payloadKeyUsage, preparePayloadKeyring, reencryptPayloads } from './payload-keys';
import type { HubDb } from './schema';
import { CLEAR_PAYLOADS, type PayloadVault } from './submission-payloads';
import { receiveSubmission } from './submissions';
import { runHubctl } from '../testing/programs';

/**
 * Submissions' payloads at rest: sealed under the current payload key on
 * receipt, bound to their row, moved onto a new key by a rotation that
 * can stop and resume, and never in the database's bytes in clear.
 */

const NOW = new Date('2026-03-02T01:00:00Z');
const now = () => NOW;
const CLI_TIMEOUT_MS = 60_000;

/** Each submission's own personal data, to look for in the database's bytes. */
function person(n: number) {
  return {
    name: ['张三丰', '李秋菊', '王二小', '赵春花', '刘大壮', '陈小燕'][n % 6]!,
    idNumber: `42011119900101${String(1000 + n)}`,
    phone: `1381234${String(5000 + n)}`,
  };
}

function application(n: number) {
  const p = person(n);
  const reference = formatReference({
    letter: 'A',
    day: '2026-03-02',
    serialNumber: serialNumberFor(n + 1, 'HB-0001', '2026-03-02'),
  });
  const payload = {
    applicant: { name: p.name, idNumber: p.idNumber, phone: p.phone, idSource: 'card' },
    matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
    consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
  };
  return {
    idempotencyKey: randomUUID(),
    kind: 'legal-aid-application' as const,
    reference,
    createdAt: '2026-03-02T09:15:00.000Z',
    payload: JSON.stringify(payload),
    topic: 'labour-wages',
  };
}

async function addKiosk(db: HubDb): Promise<number> {
  const row = await db
    .insertInto('kiosks')
    .values({
      terminal_id: `T-${randomUUID().slice(0, 8)}`,
      display_name: '测试终端',
      region_code: '420111',
      site: null,
      public_key: randomUUID(),
      status: 'approved',
      enrolled_at: NOW.toISOString(),
      approved_at: NOW.toISOString(),
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores `count` applications from one kiosk through `vault`; answers them as sent. */
async function receiveSome(db: HubDb, vault: PayloadVault, count: number, from = 0) {
  const kioskId = await addKiosk(db);
  const sent = [];
  for (let n = from; n < from + count; n++) {
    const incoming = application(n);
    const result = await receiveSubmission(db, { id: kioskId, regionCode: '420111' }, incoming, NOW, vault);
    expect(result.outcome).toBe('stored');
    sent.push({ ...incoming, kioskId });
  }
  return sent;
}

const storedRows = (db: HubDb) =>
  db.selectFrom('submissions').select(['id', 'kiosk_id', 'idempotency_key', 'payload']).orderBy('id').execute();

async function expectAllOpen(db: HubDb, ring: PayloadKeyring, sent: { idempotencyKey: string; payload: string }[]) {
  const rows = await storedRows(db);
  expect(rows).toHaveLength(sent.length);
  for (const row of rows) {
    const first = sent.find((s) => s.idempotencyKey === row.idempotency_key)!;
    expect(ring.open(row.payload, { kioskId: row.kiosk_id, idempotencyKey: row.idempotency_key })).toBe(first.payload);
  }
}

function expectNoPersonalData(bytes: Buffer, count: number) {
  expect(bytes.length).toBeGreaterThan(1000);
  for (let n = 0; n < count; n++)
    for (const value of Object.values(person(n))) expect(bytes.includes(Buffer.from(value, 'utf8')), value).toBe(false);
}

const hubctl = (t: TestStorage, args: string[]) => runHubctl(t.env(), args);

describe.each(ENGINES)('payloads encrypted at rest, on %s', (engine) => {
  const t = useTestStorage(engine);
  const keysDir = () => defaultPayloadKeysDir(t.dataDir);

  it('seals on receipt under the current key, opens back, knows a repeat, and leaves no personal data in the database', async () => {
    const db = t.storage.db;
    const ring = await preparePayloadKeyring(db, keysDir(), now);
    const sent = await receiveSome(db, ring, 4);
    const rows = await storedRows(db);
    expect(rows.map((r) => payloadKeyIdOf(r.payload))).toEqual(Array(4).fill(ring.currentId()));
    await expectAllOpen(db, ring, sent);

    // The seal is randomized; a repeat is still recognised by what it opens to.
    const again = await receiveSubmission(db, { id: sent[0]!.kioskId, regionCode: '420111' }, sent[0]!, NOW, ring);
    expect(again.outcome).toBe('repeated');
    const changed = { ...sent[0]!, payload: sent[1]!.payload };
    expect(
      (await receiveSubmission(db, { id: sent[0]!.kioskId, regionCode: '420111' }, changed, NOW, ring)).outcome,
    ).toBe('conflict');

    // Looked up by reference on the clear column, without opening anything.
    const byReference = await db
      .selectFrom('submissions')
      .select('idempotency_key')
      .where('reference', '=', sent[2]!.reference)
      .executeTakeFirstOrThrow();
    expect(byReference.idempotency_key).toBe(sent[2]!.idempotencyKey);

    expectNoPersonalData(databaseBytes(t.target), 4);
    for (const row of rows) for (const value of Object.values(person(0))) expect(row.payload).not.toContain(value);
  });

  it('refuses a payload that was changed, or copied onto another row', async () => {
    const db = t.storage.db;
    const ring = await preparePayloadKeyring(db, keysDir(), now);
    await receiveSome(db, ring, 2);
    const [a, b] = await storedRows(db);
    const contextOf = (r: typeof a) => ({ kioskId: r!.kiosk_id, idempotencyKey: r!.idempotency_key });

    const parts = a!.payload.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[5] = body[5]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => ring.open(parts.join('.'), contextOf(a))).toThrow(PayloadSealBrokenError);
    expect(() => ring.open(a!.payload, contextOf(b))).toThrow(PayloadSealBrokenError);
    expect(() => ring.open(a!.payload, { ...contextOf(a), kioskId: a!.kiosk_id + 1 })).toThrow(PayloadSealBrokenError);
    expect(() => ring.open('{"applicant":{}}', contextOf(a))).toThrow(PayloadSealBrokenError);
    expect(ring.open(a!.payload, contextOf(a))).toContain(person(0).idNumber);
  });

  it('a first start makes an owner-only key, seals the rows kept in clear, and a lost or wrong keys directory stops the start', async () => {
    const db = t.storage.db;
    const sent = await receiveSome(db, CLEAR_PAYLOADS, 3);
    const ring = await preparePayloadKeyring(db, keysDir(), now);
    expect(statSync(keysDir()).mode & 0o777).toBe(0o700);
    expect(statSync(join(keysDir(), `${ring.currentId()}.key`)).mode & 0o777).toBe(0o600);
    expect(await payloadKeyUsage(db, ring)).toMatchObject({ clearRows: 0, keys: [{ rows: 3, current: true }] });
    await expectAllOpen(db, ring, sent);
    expect((await listAudit(db, { limit: 10 })).map((r) => r.action)).toEqual(
      expect.arrayContaining(['payload-keys.added', 'payload-keys.reencrypted']),
    );

    rmSync(keysDir(), { recursive: true });
    await expect(preparePayloadKeyring(db, keysDir(), now)).rejects.toThrow(/restore the directory from its backup/);
    // Another directory's key opens none of the rows: refused, rather than serving with rows nobody can open.
    const other = PayloadKeyring.open(keysDir());
    expect(other.currentId()).toBeUndefined();
    other.addKey(NOW);
    await expect(preparePayloadKeyring(db, keysDir(), now)).rejects.toThrow(PayloadKeyError);
  });

  it('a first start cut short between making the key and naming it current starts the next time', async () => {
    const orphan = PayloadKeyring.open(keysDir()).addKey(NOW);
    rmSync(join(keysDir(), 'current'));
    const ring = await preparePayloadKeyring(t.storage.db, keysDir(), now);
    expect(ring.currentId()).toMatch(/^\d{8}-[0-9a-f]{8}$/);
    expect(ring.ids()).toContain(orphan);
    await receiveSome(t.storage.db, ring, 1);
  });

  it('a rotation stopped halfway resumes; every row ends under the new key and still opens', async () => {
    const db = t.storage.db;
    const ring = await preparePayloadKeyring(db, keysDir(), now);
    const old = ring.currentId()!;
    const sent = await receiveSome(db, ring, 5);
    const fresh = ring.addKey(NOW);
    // One batch of two, then the operator's process dies.
    let batches = 0;
    await reencryptPayloads(db, ring, {
      actor: 'hubctl',
      now,
      batchSize: 2,
      onBatch: () => {
        if (++batches === 1) throw new Error('killed');
      },
    }).catch(() => undefined);
    const rowsUnder = async (id: string) => (await payloadKeyUsage(db, ring)).keys.find((k) => k.id === id)?.rows;
    expect([await rowsUnder(old), await rowsUnder(fresh)]).toEqual([3, 2]);
    // Rows arriving meanwhile go under the new key.
    sent.push(...(await receiveSome(db, ring, 1, 5)));
    await reencryptPayloads(db, ring, { actor: 'hubctl', now, batchSize: 2 });
    expect([await rowsUnder(old), await rowsUnder(fresh)]).toEqual([0, 6]);
    expect((await payloadKeyUsage(db, ring)).current).toBe(fresh);
    await expectAllOpen(db, ring, sent);
    expectNoPersonalData(databaseBytes(t.target), 6);
  });

  it(
    'hubctl payload-keys rotate moves every row in audited batches, lists the keys, and retires only an unused key',
    async () => {
      const db = t.storage.db;
      const ring = await preparePayloadKeyring(db, keysDir(), now);
      const old = ring.currentId()!;
      const sent = await receiveSome(db, ring, 5);

      const rotated = await hubctl(t, ['payload-keys', 'rotate', '--batch', '2']);
      expect(rotated.stderr).toBe('');
      expect(rotated.code).toBe(0);
      const fresh = ring.currentId()!;
      expect(fresh).not.toBe(old);
      expect(rotated.stdout).toContain(`5 submissions re-encrypted under ${fresh}`);
      await expectAllOpen(db, ring, sent);

      const listed = await hubctl(t, ['payload-keys', 'list', '--json']);
      expect(JSON.parse(listed.stdout)).toEqual({
        current: fresh,
        keys: [
          { id: old, rows: 0, current: false },
          { id: fresh, rows: 5, current: true },
        ].sort((x, y) => x.id.localeCompare(y.id)),
        clearRows: 0,
        rowsUnderMissingKeys: 0,
      });
      const audit = await listAudit(db, { limit: 20 });
      const batches = audit.filter((r) => r.action === 'payload-keys.reencrypted' && r.actor === 'hubctl');
      expect(batches.map((r) => r.details['rows'])).toEqual([1, 2, 2]);
      expect(audit.some((r) => r.action === 'payload-keys.added' && r.target === `payload-key:${fresh}`)).toBe(true);

      const current = await hubctl(t, ['payload-keys', 'retire', fresh]);
      expect(current.code).toBe(2);
      expect(current.stderr).toContain('still holds submissions');
      const retired = await hubctl(t, ['payload-keys', 'retire', old]);
      expect(retired.code, retired.stderr).toBe(0);
      expect(existsSync(join(keysDir(), `${old}.key`))).toBe(false);
      ring.reload();
      expect(ring.ids()).toEqual([fresh]);
    },
    4 * CLI_TIMEOUT_MS,
  );
});
