import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../common/api/submissions';
import { receiveSubmission } from '../../hub/storage/submissions';
import { T0, useTestHub, type TestHub, type TestKiosk } from '../../hub/testing/test-hub';
import { createLogger } from '../../server-kit/logger';
import { deliverSubmission } from '../../service/hub/hub-client';
import type { KioskIdentity } from '../../service/hub/hub-identity';
import { openRecordsDb } from '../../service/storage/records-db';
import { Outbox } from '../../service/outbox/outbox';
import {
  DELETED_PAYLOAD,
  deliveryState,
  findByReference,
  listOutbox,
  type OutboxRow,
} from '../../service/outbox/outbox-store';
import {
  OUTBOX_RETRY_BASE_MS,
  OUTBOX_RETRY_CAP_MS,
  OutboxSender,
  type SenderTimers,
} from '../../service/outbox/outbox-sender';

/**
 * The outbox sender against a real hub listening on loopback (the hub's
 * own test server on SQLite; the hub's storage is tested on both engines
 * in hub/http/submissions.test.ts), a real records.db, and the kiosk's own
 * signed HTTP client.
 */

const ID_NUMBER = '420111199001011234';
const PHONE = '13812345678';
const OTHER_PHONE = '13987654321';
const NAME = '张三丰';

const application: SubmissionPayload<'legal-aid-application'> = {
  applicant: { name: NAME, idNumber: ID_NUMBER, phone: PHONE, idSource: 'card' },
  matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
  consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
};
const callback: SubmissionPayload<'callback-request'> = {
  phone: OTHER_PHONE,
  topic: 'labour',
  reason: 'no-lawyer',
  consent: { agreed: true, noticeVersion: 'callback-2026-01', at: '2026-03-02T17:19:00+08:00' },
};
const receiptFor = (reference: string) => ({
  blocks: [
    { type: 'text' as const, text: `申请人 ${NAME} 身份证 ${ID_NUMBER}` },
    { type: 'pair' as const, label: '参考编号', value: reference },
  ],
});

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function records(): { db: Database; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sender-'));
  dirs.push(dir);
  const file = join(dir, 'records.db');
  const db = openRecordsDb(file);
  dbs.push(db);
  return { db, file };
}

const silent = createLogger({ destination: { write: () => undefined } });

function identityOf(kiosk: TestKiosk, hubUrl: string): KioskIdentity {
  return {
    privateKey: kiosk.privateKey,
    enrollment: {
      hubUrl,
      kioskId: kiosk.id,
      keyFingerprint: 'test',
      enrolledAt: T0.toISOString(),
      status: 'approved',
      checkedAt: T0.toISOString(),
    },
  };
}

/** The bytes of records.db and its write-ahead log, as someone who carried the kiosk away would read them. */
function rawBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/**
 * The sender's clock and timers, the test's own: a wait the sender sets
 * runs when the test moves time on to it, so three days pass in seconds.
 * Deliveries still go over real sockets, signed with the real time.
 */
class FakeClock {
  now: number;
  /** Every wait the sender asked for, in milliseconds. */
  readonly waits: number[] = [];
  private pending: { id: number; at: number; run: () => void }[] = [];
  private ids = 0;
  constructor(start: number) {
    this.now = start;
  }
  readonly date = (): Date => new Date(this.now);
  readonly timers: SenderTimers = {
    set: (run, ms) => {
      this.waits.push(ms);
      this.pending.push({ id: ++this.ids, at: this.now + ms, run });
      return this.ids;
    },
    clear: (handle) => {
      this.pending = this.pending.filter((t) => t.id !== handle);
    },
  };
  /** Moves the clock to the sender's next wait, runs it, and returns once the sender has set its next one. */
  async step(): Promise<void> {
    await this.settled();
    const [next] = this.pending.sort((a, b) => a.at - b.at);
    if (next === undefined) throw new Error('the sender set no wait');
    this.pending = this.pending.filter((t) => t !== next);
    this.now = Math.max(this.now, next.at);
    next.run();
    await this.settled();
  }
  /** Until the pass under way (real sockets, real records.db) ended and set its next wait. */
  private async settled(): Promise<void> {
    const until = Date.now() + 15_000;
    while (this.pending.length === 0) {
      if (Date.now() > until) throw new Error('the sender set no next wait');
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** A seeded random in [0, 1) (mulberry32): the same draws every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function hubRows(hub: TestHub) {
  return hub.storage.storage.db.selectFrom('submissions').selectAll().orderBy('id').execute();
}

describe('the outbox sender', () => {
  const hub = useTestHub('sqlite', { listen: true });
  /** The kiosk signs with its own clock; the test hub's stands still at T0 unless moved there. */
  const hubAtRealTime = () => hub.advance(Date.now() - hub.now().getTime());
  const url = () => `http://127.0.0.1:${hub.server.port}`;

  it('delivers a callback request and a legal-aid application once each, then deletes their personal data', async () => {
    hubAtRealTime();
    const { db, file } = records();
    const kiosk = await hub.addKiosk('approved');
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent });
    const keys = [randomUUID(), randomUUID()];
    const a = outbox.submit({
      kind: 'legal-aid-application',
      payload: application,
      idempotencyKey: keys[0]!,
      receipt: receiptFor,
    });
    const c = outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: keys[1]! });
    // Both in the file before delivery: the scan below can find them.
    db.pragma('wal_checkpoint(PASSIVE)');
    expect(rawBytes(file).includes(Buffer.from(ID_NUMBER))).toBe(true);

    const sender = new OutboxSender({ db, identity: () => identityOf(kiosk, url()), logger: silent });
    expect(await sender.pass()).toEqual({ delivered: 2, retried: 0, failing: 0 });
    // Nothing is due any more: a second pass sends nothing.
    expect(await sender.pass()).toEqual({ delivered: 0, retried: 0, failing: 0 });

    const atHub = await hubRows(hub);
    expect(atHub.map((r) => [r.kiosk_id, r.kind, r.reference, r.idempotency_key])).toEqual([
      [kiosk.id, 'legal-aid-application', a.reference, keys[0]],
      [kiosk.id, 'callback-request', c.reference, keys[1]],
    ]);
    expect(JSON.parse(atHub[0]!.payload)).toEqual(application);
    expect(JSON.parse(atHub[1]!.payload)).toEqual(callback);

    for (const ref of [a.reference, c.reference]) {
      const row = findByReference(db, ref)!;
      expect(deliveryState(row)).toBe('delivered');
      expect(row.payload).toBe(DELETED_PAYLOAD);
      expect(outbox.status(ref)).toMatchObject({ reference: ref, delivered: true });
    }
    // The receipt a reprint reads is still there, masked.
    const receipt = findByReference(db, a.reference)!.receipt!;
    expect(receipt).toContain(a.reference);
    expect(receipt).toContain('张**');
    // No ID number, phone number or name of either submission is left anywhere in the files.
    const bytes = rawBytes(file);
    for (const secret of [ID_NUMBER, PHONE, OTHER_PHONE, NAME, '公司拖欠三个月工资'])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    // A late repeat of the submit (same key) still answers the first submission.
    expect(outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: keys[1]! })).toMatchObject({
      reference: c.reference,
      duplicate: true,
    });
  });

  it('keeps rows waiting with the error while the hub is out of reach, and delivers them when it is back', async () => {
    hubAtRealTime();
    const { db } = records();
    const kiosk = await hub.addKiosk('approved');
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent });
    outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    outbox.submit({ kind: 'legal-aid-application', payload: application, idempotencyKey: randomUUID() });
    let clock = Date.now();
    const opts = { db, logger: silent, now: () => new Date(clock), random: () => 0.5, baseMs: 1000, capMs: 8000 };
    // Nothing listens there.
    const down = new OutboxSender({ ...opts, identity: () => identityOf(kiosk, 'http://127.0.0.1:9') });
    const first = await down.pass();
    // The first row met the closed port; the pass stopped there rather than try the other too.
    expect(first).toEqual({ delivered: 0, retried: 1, failing: 0, blockedFor: 500 });
    const [tried, untried] = listOutbox(db, 10).sort((x, y) => y.attempts - x.attempts);
    expect(tried).toMatchObject({ attempts: 1, last_error: expect.stringContaining('does not answer') });
    expect(Date.parse(tried!.next_attempt_at!) - clock).toBe(500);
    expect(untried!.attempts).toBe(0);
    // Each row's own wait doubles with its attempts up to the cap: half of 1 s, 2 s, 4 s, 8 s, 8 s (random 0.5).
    for (let round = 0; round < 8; round++) {
      clock += 10_000;
      const before = new Map(listOutbox(db, 10).map((r) => [r.id, r.attempts]));
      const pass = await down.pass();
      const [row] = listOutbox(db, 10).filter((r) => r.attempts !== before.get(r.id));
      expect(pass.blockedFor).toBe(0.5 * Math.min(8000, 1000 * 2 ** (row!.attempts - 1)));
      expect(Date.parse(row!.next_attempt_at!) - clock).toBe(pass.blockedFor);
    }
    expect(
      listOutbox(db, 10)
        .map((r) => r.attempts)
        .sort(),
    ).toEqual([4, 5]);
    expect(await hubRows(hub)).toHaveLength(0);

    clock += 10_000;
    const back = new OutboxSender({ ...opts, identity: () => identityOf(kiosk, url()) });
    expect(await back.pass()).toMatchObject({ delivered: 2, retried: 0 });
    expect(await hubRows(hub)).toHaveLength(2);
    expect(listOutbox(db, 10).map(deliveryState)).toEqual(['delivered', 'delivered']);
  });

  /** The hub stores the kiosk's callback row under its key, as if the kiosk had delivered it, with `payload`. */
  const storeAtHub = (kioskId: number, row: OutboxRow, payload: string) =>
    receiveSubmission(
      hub.storage.storage.db,
      { id: kioskId, regionCode: '420111' },
      {
        idempotencyKey: row.idempotency_key,
        kind: 'callback-request',
        reference: row.reference,
        createdAt: row.created_at,
        payload,
        topic: null,
      },
      hub.now(),
    );

  it('resends with the same key after the hub stored a row the kiosk had not marked: stored once', async () => {
    hubAtRealTime();
    const { db } = records();
    const kiosk = await hub.addKiosk('approved');
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent });
    const sent = outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    const row = findByReference(db, sent.reference)!;
    // The hub committed it, and the kiosk died before it heard back.
    await storeAtHub(kiosk.id, row, row.payload);
    const sender = new OutboxSender({ db, identity: () => identityOf(kiosk, url()), logger: silent });
    expect(await sender.pass()).toMatchObject({ delivered: 1 });
    expect(await hubRows(hub)).toHaveLength(1);
  });

  it('marks a row the hub refuses for good as failing, with the hub’s message, and does not send it again', async () => {
    hubAtRealTime();
    const { db } = records();
    const kiosk = await hub.addKiosk('approved');
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent });
    const sent = outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    const row = findByReference(db, sent.reference)!;
    // The hub has this key from this kiosk for another submission already (a records.db restored from an old backup…).
    await storeAtHub(kiosk.id, row, JSON.stringify({ ...callback, topic: 'family' }));
    let requests = 0;
    const sender = new OutboxSender({
      db,
      identity: () => identityOf(kiosk, url()),
      logger: silent,
      deliver: (identity, body) => {
        requests++;
        return deliverSubmission(identity, body);
      },
    });
    expect(await sender.pass()).toEqual({ delivered: 0, retried: 0, failing: 1 });
    const failing = findByReference(db, sent.reference)!;
    expect(deliveryState(failing)).toBe('failing');
    expect(failing.last_error).toMatch(
      /^the hub refused it \(409\): idempotency key .* was already used by this kiosk/,
    );
    // Kept, personal data and all, for a technician; never sent again by itself.
    expect(failing.payload).not.toBe(DELETED_PAYLOAD);
    expect(await sender.pass()).toEqual({ delivered: 0, retried: 0, failing: 0 });
    expect(requests).toBe(1);
  });

  it('the hub down for three days, then back: every row arrives, once, its waits never above the cap', async () => {
    hubAtRealTime();
    const { db } = records();
    const kiosk = await hub.addKiosk('approved');
    const clock = new FakeClock(Date.now());
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent, now: clock.date });
    const sent = Array.from({ length: 8 }, (_, n) =>
      n % 2 === 0
        ? outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() })
        : outbox.submit({ kind: 'legal-aid-application', payload: application, idempotencyKey: randomUUID() }),
    );
    let hubUrl = 'http://127.0.0.1:9';
    /** Each attempt: which row, at what time of the clock, its attempt number. */
    const attempts: { reference: string; at: number }[] = [];
    const sender = new OutboxSender({
      db,
      identity: () => identityOf(kiosk, hubUrl),
      logger: silent,
      now: clock.date,
      random: seeded(20260302),
      timers: clock.timers,
      deliver: (identity, body) => {
        attempts.push({ reference: body.reference, at: clock.now });
        return deliverSubmission(identity, body);
      },
    });
    // The fleet's own waits: 5 s doubling up to an hour.
    const waitsAfter: { attempt: number; wait: number }[] = [];
    sender.start();
    const threeDays = clock.now + 3 * 24 * 3_600_000;
    while (clock.now < threeDays) {
      const before = attempts.length;
      await clock.step();
      for (const a of attempts.slice(before)) {
        const row = findByReference(db, a.reference)!;
        waitsAfter.push({ attempt: row.attempts, wait: Date.parse(row.next_attempt_at!) - a.at });
      }
    }
    await sender.stop();
    expect(await hubRows(hub)).toHaveLength(0);
    // Every wait the sender recorded is full jitter under its ceiling, and the ceiling is the cap.
    for (const { attempt, wait } of waitsAfter) {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(OUTBOX_RETRY_CAP_MS, OUTBOX_RETRY_BASE_MS * 2 ** (attempt - 1)));
    }
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(OUTBOX_RETRY_CAP_MS);
    // Far into the cap, with waits spread up to it (the seeded draws put some above 90 % of it).
    expect(Math.max(...waitsAfter.map((w) => w.attempt))).toBeGreaterThan(12);
    expect(Math.max(...waitsAfter.map((w) => w.wait))).toBeGreaterThan(0.9 * OUTBOX_RETRY_CAP_MS);
    // Every row was tried all along, not given up on.
    for (const s of sent) expect(findByReference(db, s.reference)!.attempts).toBeGreaterThan(3);

    // The hub is back (and the sender started again, as after a reboot during the outage).
    hubUrl = url();
    const backAt = clock.now;
    const back = new OutboxSender({
      db,
      identity: () => identityOf(kiosk, hubUrl),
      logger: silent,
      now: clock.date,
      random: seeded(7),
      timers: clock.timers,
    });
    back.start();
    for (let n = 0; n < 50 && listOutbox(db, 100).some((r) => deliveryState(r) !== 'delivered'); n++)
      await clock.step();
    await back.stop();
    expect(listOutbox(db, 100).map(deliveryState)).toEqual(sent.map(() => 'delivered'));
    // Each row was due again within the cap of its last attempt.
    expect(clock.now - backAt).toBeLessThanOrEqual(OUTBOX_RETRY_CAP_MS);
    const atHub = await hubRows(hub);
    expect(atHub.map((r) => r.reference).sort()).toEqual(sent.map((s) => s.reference).sort());
  });

  it('tries at once when the hub link is back, not after the backoff', async () => {
    hubAtRealTime();
    const { db } = records();
    const kiosk = await hub.addKiosk('approved');
    const clock = new FakeClock(Date.now());
    const outbox = new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent, now: clock.date });
    outbox.submit({ kind: 'callback-request', payload: callback, idempotencyKey: randomUUID() });
    outbox.submit({ kind: 'legal-aid-application', payload: application, idempotencyKey: randomUUID() });
    let hubUrl = 'http://127.0.0.1:9';
    const sender = new OutboxSender({
      db,
      identity: () => identityOf(kiosk, hubUrl),
      logger: silent,
      now: clock.date,
      random: () => 0.99,
      timers: clock.timers,
    });
    sender.start();
    // Half a day out of reach: the rows wait up to an hour between attempts.
    while (clock.now < Date.now() + 12 * 3_600_000) await clock.step();
    const waiting = listOutbox(db, 10);
    expect(waiting.map(deliveryState)).toEqual(['waiting', 'waiting']);
    expect(Math.max(...waiting.map((r) => Date.parse(r.next_attempt_at!) - clock.now))).toBeGreaterThan(60_000);

    hubUrl = url();
    const linkBackAt = clock.now;
    sender.hubBack();
    await clock.step();
    await sender.stop();
    expect(clock.now).toBe(linkBackAt);
    expect(listOutbox(db, 10).map(deliveryState)).toEqual(['delivered', 'delivered']);
    expect(await hubRows(hub)).toHaveLength(2);
  });

  it('waits for the kiosk to be enrolled', async () => {
    const { db } = records();
    new Outbox({ db, terminalId: 'HB-0001', printer: undefined, logger: silent }).submit({
      kind: 'callback-request',
      payload: callback,
      idempotencyKey: randomUUID(),
    });
    const sender = new OutboxSender({ db, identity: () => undefined, logger: silent });
    expect(await sender.pass()).toEqual({ delivered: 0, retried: 0, failing: 0 });
    expect(listOutbox(db, 1)[0]).toMatchObject({ attempts: 0, last_error: null });
  });
});
