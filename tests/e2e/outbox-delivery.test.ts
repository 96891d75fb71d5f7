import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../common/api/submissions';
import { formatReference } from '../../common/reference-number';
import { createEnrollCode } from '../../hub/storage/enrollment-codes';
import { defaultPayloadKeysDir, PayloadKeyring, payloadKeyIdOf } from '../../hub/storage/payload-keyring';
import { databaseBytes } from '../../hub/testing/database-bytes';
import { ENGINES, useTestStorage } from '../../hub/testing/test-storage';
import { enrollKiosk } from '../../service/hub/enroll';
import { deliverSubmission } from '../../service/hub/hub-client';
import { readIdentity } from '../../service/hub/hub-identity';
import { startKiosk, type RunningKiosk } from './harness';
import { hubctl, kioskctl, startHubProcess, type HubProcess } from './hub-processes';
import { freePort, startHubProxy } from './hub-proxy';

/**
 * Delivery from a real kiosk service (its own process) to a real hub (`npm
 * run hub`'s program, its own process, on each engine), through a small
 * HTTP proxy the test controls: submissions stored at the kiosk arrive at
 * the hub exactly once (counted in the hub's database); with the hub down
 * they wait, and arrive once it is back; the kiosk killed with SIGKILL
 * after the hub committed but before the kiosk heard back sends again with
 * the same key, and the hub keeps one, as it does when the hub's answers
 * are lost on the way back; a submission the hub refuses is failing, with
 * the hub's message, in `kioskctl outbox`, until `kioskctl outbox retry`.
 */

const ID_NUMBER = '420111199001011234';

/** A stored submission's payload as the hub's own keys open it. */
const opened =
  (hubDataDir: string) =>
  (row: { kiosk_id: number; idempotency_key: string; payload: string }): unknown =>
    JSON.parse(
      PayloadKeyring.open(defaultPayloadKeysDir(hubDataDir)).open(row.payload, {
        kioskId: row.kiosk_id,
        idempotencyKey: row.idempotency_key,
      }),
    );
const PHONE = '13812345678';
const CALLBACK_PHONE = '13987654321';
const NAME = '张三丰';
/** The kiosk's retry waits, shortened for the test (the fleet's cap is an hour). */
const RETRY_CAP_MS = 1000;

const application = {
  applicant: { name: NAME, idNumber: ID_NUMBER, phone: PHONE, idSource: 'card' },
  matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
  consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
};
const callback: SubmissionPayload<'callback-request'> = {
  phone: CALLBACK_PHONE,
  topic: 'labour',
  reason: 'no-lawyer',
  consent: { agreed: true, noticeVersion: 'callback-2026-01', at: '2026-03-02T17:19:00+08:00' },
};
const receipt = {
  blocks: [
    { type: 'text', text: '法律援助申请回执', align: 'center', bold: true },
    { type: 'pair', label: '参考编号', value: '{{reference}}' },
  ],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: () => boolean | Promise<boolean>, ms: number, saying: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error(`waited in vain: ${saying()}`);
    await sleep(100);
  }
}

async function submit(kiosk: RunningKiosk, body: unknown): Promise<{ reference: string }> {
  const res = await fetch(`${kiosk.origin}/api/submissions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kiosk.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { reference: string };
  if (res.status !== 200) throw new Error(`submit answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

interface ListedRow {
  reference: string;
  delivery: 'delivered' | 'waiting' | 'failing';
  attempts: number;
  lastError: string | null;
}

async function outboxAsListed(dataDir: string): Promise<ListedRow[]> {
  const run = await kioskctl(dataDir, ['outbox', '--json']);
  if (run.code !== 0) throw new Error(`kioskctl outbox: ${run.code} ${run.stderr}`);
  return JSON.parse(run.stdout) as ListedRow[];
}

describe.each(ENGINES)('submissions from a kiosk service to the hub on %s', (engine) => {
  const t = useTestStorage(engine);
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A hub process, a proxy in front of it, and a kiosk enrolled through the proxy with a pre-approved code. */
  async function rig() {
    const hubPort = await freePort();
    let hub: HubProcess | undefined;
    const startHub = async () => {
      hub = startHubProcess(t.dataDir, t.env(), hubPort);
      await hub.url;
    };
    await startHub();
    cleanups.push(() => hub?.stop());
    const proxy = await startHubProxy(hubPort);
    cleanups.push(() => proxy.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-delivery-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const code = await createEnrollCode(
      t.storage.db,
      { regionCode: '420111', site: null, preApproved: true, expiresAt: new Date(Date.now() + 3_600_000) },
      'hubctl',
      new Date(),
    );
    const enrolled = await enrollKiosk({
      dataDir,
      hubUrl: proxy.url,
      code: code.code,
      terminal: { id: 'HB-DELIVERY', displayName: '交付测试终端' },
    });
    if (enrolled.outcome !== 'enrolled') throw new Error(`not enrolled: ${enrolled.reason}`);
    let kiosk: RunningKiosk | undefined;
    const startService = async () => {
      kiosk = await startKiosk({
        dataDir,
        fromSource: true,
        env: { KIOSK_TEST_OUTBOX_RETRY_MS: String(RETRY_CAP_MS) },
      });
      return kiosk;
    };
    cleanups.push(async () => {
      await kiosk?.stop();
    });
    const atHub = () =>
      t.storage.db
        .selectFrom('submissions')
        .selectAll()
        .where('kiosk_id', '=', enrolled.enrollment.kioskId)
        .orderBy('id')
        .execute();
    return {
      proxy,
      dataDir,
      kioskId: enrolled.enrollment.kioskId,
      startService,
      startHub,
      stopHub: () => hub!.stop(),
      atHub,
    };
  }

  it('a callback request and a legal-aid application arrive exactly once; the kiosk keeps no personal data of them', async () => {
    const r = await rig();
    const kiosk = await r.startService();
    const keys = [randomUUID(), randomUUID()];
    const c = await submit(kiosk, { kind: 'callback-request', payload: callback, idempotencyKey: keys[0] });
    const a = await submit(kiosk, {
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: keys[1],
      receipt,
    });
    await waitFor(
      async () => (await outboxAsListed(r.dataDir)).every((row) => row.delivery === 'delivered'),
      15_000,
      () => 'both delivered',
    );
    const stored = await r.atHub();
    expect(stored.map((s) => [s.kind, s.reference, s.idempotency_key, s.region_code])).toEqual([
      ['callback-request', c.reference, keys[0], '420111'],
      ['legal-aid-application', a.reference, keys[1], '420111'],
    ]);
    // Encrypted at rest; what a case officer's screen reads through the hub's keys is what the citizen gave.
    expect(stored.map((s) => payloadKeyIdOf(s.payload))).toEqual([expect.any(String), expect.any(String)]);
    expect(stored.map(opened(t.dataDir))).toEqual([callback, application]);
    expect([...r.proxy.deliveries.values()]).toEqual([1, 1]);
    // What operators list at the hub: reference, kind, kiosk, received at — never the personal data.
    const listed = await hubctl(t.dataDir, ['submissions', '--json'], undefined, t.env());
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ reference: a.reference, kind: 'legal-aid-application', kioskId: r.kioskId }),
      expect.objectContaining({ reference: c.reference, kind: 'callback-request', terminalId: 'HB-DELIVERY' }),
    ]);
    const text = await hubctl(t.dataDir, ['submissions'], undefined, t.env());
    expect(text.stdout).toMatch(
      new RegExp(`^${c.reference}\\s+callback-request\\s+kiosk +${r.kioskId} HB-DELIVERY`, 'm'),
    );
    for (const secret of [ID_NUMBER, PHONE, CALLBACK_PHONE, NAME]) {
      expect(listed.stdout).not.toContain(secret);
      expect(text.stdout).not.toContain(secret);
    }

    // The raw files of records.db, while the service still runs: no ID number, phone number or name.
    const file = join(r.dataDir, 'records.db');
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from(a.reference))).toBe(true);
    for (const secret of [ID_NUMBER, PHONE, CALLBACK_PHONE, NAME])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
  });

  it('waiting for the hub, an application is sealed: records.db holds no personal data; the hub stores it encrypted and its keys open it', async () => {
    const r = await rig();
    await r.stopHub();
    const kiosk = await r.startService();
    const key = randomUUID();
    const a = await submit(kiosk, {
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: key,
      receipt,
    });
    const broken = await submit(kiosk, { kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    await waitFor(
      async () => (await outboxAsListed(r.dataDir)).every((row) => row.attempts >= 1),
      15_000,
      () => 'tried while the hub is down',
    );
    // Before delivery, with the service running: the raw files of records.db.
    const file = join(r.dataDir, 'records.db');
    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from(a.reference))).toBe(true);
    for (const secret of [ID_NUMBER, PHONE, CALLBACK_PHONE, NAME])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const listed = await kioskctl(r.dataDir, ['outbox', '--json']);
    expect(listed.stdout).toContain('[sealed to the hub]');

    // A sealed payload changed on the kiosk's disk does not open at the hub: failing, with the hub's words.
    const records = new Database(file);
    try {
      records.pragma('busy_timeout = 5000');
      const row = records.prepare('SELECT payload FROM outbox WHERE reference = ?').get(broken.reference) as {
        payload: string;
      };
      const sealed = JSON.parse(row.payload) as { $sealed: { ciphertext: string } };
      const c = sealed.$sealed.ciphertext;
      sealed.$sealed.ciphertext = `${c.startsWith('A') ? 'B' : 'A'}${c.slice(1)}`;
      records
        .prepare('UPDATE outbox SET payload = ? WHERE reference = ?')
        .run(JSON.stringify(sealed), broken.reference);
    } finally {
      records.close();
    }

    await r.startHub();
    await waitFor(
      async () => (await outboxAsListed(r.dataDir)).every((row) => row.delivery !== 'waiting'),
      15_000,
      () => 'delivered or refused once the hub is back',
    );
    const after = await outboxAsListed(r.dataDir);
    expect(after.find((row) => row.reference === a.reference)).toMatchObject({ delivery: 'delivered' });
    expect(after.find((row) => row.reference === broken.reference)).toMatchObject({ delivery: 'failing' });
    expect(after.find((row) => row.reference === broken.reference)!.lastError).toMatch(
      /^the hub refused it \(400\): body\.sealedPayload: the sealed payload does not open/,
    );

    const stored = await r.atHub();
    expect(stored.map((s) => s.reference)).toEqual([a.reference]);
    expect(payloadKeyIdOf(stored[0]!.payload)).toBeDefined();
    expect(stored.map(opened(t.dataDir))).toEqual([application]);
    // The hub's database as a copied data directory or a dump gives it up: none of it in clear.
    const atRest = databaseBytes(t.target);
    expect(atRest.includes(Buffer.from(a.reference))).toBe(true);
    for (const secret of [ID_NUMBER, PHONE, CALLBACK_PHONE, NAME])
      expect(atRest.includes(Buffer.from(secret)), secret).toBe(false);
  });

  it('with the hub down they wait, with the error, and arrive once it is back', async () => {
    const r = await rig();
    await r.stopHub();
    const kiosk = await r.startService();
    const sent = await submit(kiosk, { kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.attempts >= 2,
      15_000,
      () => 'retried while the hub is down',
    );
    const [waiting] = await outboxAsListed(r.dataDir);
    expect(waiting).toMatchObject({ reference: sent.reference, delivery: 'waiting' });
    expect(waiting!.lastError).toMatch(/does not answer/);
    const text = await kioskctl(r.dataDir, ['outbox']);
    expect(text.stdout).toMatch(new RegExp(`${sent.reference}\\s+callback-request.*waiting`));
    expect(text.stdout).toContain('last error: ');
    expect(text.stdout).toContain('0 delivered, 1 waiting, 0 failing');

    await r.startHub();
    await waitFor(
      async () => (await r.atHub()).length === 1,
      15_000,
      () => 'arrived after the hub came back',
    );
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.delivery === 'delivered',
      15_000,
      () => 'marked delivered',
    );
    expect(await r.atHub()).toHaveLength(1);
  });

  it('the kiosk killed after the hub committed, before it heard back: sent again with the same key, stored once', async () => {
    const r = await rig();
    const kiosk = await r.startService();
    const key = randomUUID();
    let killed = false;
    r.proxy.afterCommit = async () => {
      // The hub has committed; the kiosk dies before the answer reaches it.
      kiosk.child.kill('SIGKILL');
      await kiosk.exited;
      killed = true;
      return 'drop';
    };
    const sent = await submit(kiosk, { kind: 'legal-aid-application', payload: application, idempotencyKey: key });
    await waitFor(
      () => killed,
      15_000,
      () => 'the kiosk killed after the commit',
    );
    expect(kiosk.child.signalCode).toBe('SIGKILL');
    expect(await r.atHub()).toHaveLength(1);
    const [notMarked] = await outboxAsListed(r.dataDir);
    expect(notMarked).toMatchObject({ reference: sent.reference, delivery: 'waiting' });

    r.proxy.afterCommit = undefined;
    await r.startService();
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.delivery === 'delivered',
      15_000,
      () => 'delivered after the restart',
    );
    expect(r.proxy.deliveries.get(key)).toBe(2);
    const stored = await r.atHub();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ idempotency_key: key, reference: sent.reference });
  });

  it('the hub’s answer lost after it stored, three times running: sent again with the same key, stored once', async () => {
    const r = await rig();
    const kiosk = await r.startService();
    const key = randomUUID();
    let dropped = 0;
    // The hub committed each time; the answer never reaches the kiosk (a cable cut, a proxy timing out).
    r.proxy.afterCommit = async () => (++dropped <= 3 ? 'drop' : 'pass');
    const sent = await submit(kiosk, { kind: 'legal-aid-application', payload: application, idempotencyKey: key });
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.delivery === 'delivered',
      15_000,
      () => 'delivered once an answer got through',
    );
    expect(r.proxy.deliveries.get(key)).toBe(4);
    const [row] = await outboxAsListed(r.dataDir);
    // Three attempts met a closed connection; the fourth heard the hub's first answer again.
    expect(row).toMatchObject({ reference: sent.reference, attempts: 3 });
    const stored = await r.atHub();
    expect(stored.map((s) => [s.idempotency_key, s.reference])).toEqual([[key, sent.reference]]);
  });

  it('a submission the hub refuses is failing, with the hub’s message, and not sent again', async () => {
    const r = await rig();
    const kiosk = await r.startService();
    const key = randomUUID();
    // Another submission under the same key from this kiosk reached the hub first (a records.db restored from an old backup).
    const identity = readIdentity(r.dataDir)!;
    await deliverSubmission(identity, {
      idempotencyKey: key,
      kind: 'callback-request',
      reference: formatReference({ letter: 'C', day: '2026-03-02', serialNumber: 1 }),
      createdAt: '2026-03-02T09:19:00.000Z',
      payload: { ...callback, topic: 'family' },
    });
    expect(r.proxy.deliveries.get(key)).toBe(1);
    const sent = await submit(kiosk, { kind: 'callback-request', payload: callback, idempotencyKey: key });
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.delivery === 'failing',
      15_000,
      () => 'failing',
    );
    const [failing] = await outboxAsListed(r.dataDir);
    expect(failing).toMatchObject({ reference: sent.reference, attempts: 1 });
    expect(failing!.lastError).toMatch(
      /^the hub refused it \(409\): idempotency key .* was already used by this kiosk/,
    );
    const text = await kioskctl(r.dataDir, ['outbox']);
    expect(text.stdout).toMatch(new RegExp(`${sent.reference}\\s+callback-request.*failing`));
    expect(text.stdout).toContain('last error: the hub refused it (409)');
    // Several retry caps later, still one attempt.
    await sleep(3 * RETRY_CAP_MS);
    expect((await outboxAsListed(r.dataDir))[0]!.attempts).toBe(1);
    // The first delivery, and the kiosk's one attempt.
    expect(r.proxy.deliveries.get(key)).toBe(2);

    // A technician has it sent again (after fixing what the hub disliked): it goes at once, and fails the same way.
    const retried = await kioskctl(r.dataDir, ['outbox', 'retry', sent.reference.toLowerCase()]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toContain('1 submission(s) sent to the hub now');
    await waitFor(
      async () => (await outboxAsListed(r.dataDir))[0]!.attempts === 2,
      15_000,
      () => 'sent again',
    );
    expect(r.proxy.deliveries.get(key)).toBe(3);
    expect((await outboxAsListed(r.dataDir))[0]).toMatchObject({ delivery: 'failing' });
    const unknown = await kioskctl(r.dataDir, [
      'outbox',
      'retry',
      formatReference({ letter: 'C', day: '2026-03-02', serialNumber: 2 }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no submission with reference/);
  });
});
