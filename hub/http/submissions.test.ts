import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { listSubmissions } from '../storage/submissions';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

/**
 * A kiosk delivers the submissions of its outbox: each is stored once,
 * answered after the commit; a repeat of its key gets the first answer,
 * however much later; the same key with another body is refused and
 * logged; keys and references belong to their kiosk.
 */

const PATH = '/api/kiosk/submissions';
const ID_NUMBER = '420111199001011234';
const PHONE = '13812345678';

const reference = (letter: string, n: number) =>
  formatReference({ letter, day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });

function application(n = 1) {
  return {
    idempotencyKey: randomUUID(),
    kind: 'legal-aid-application',
    reference: reference('A', n),
    createdAt: '2026-03-02T09:15:00.000Z',
    payload: {
      applicant: { name: '张三丰', idNumber: ID_NUMBER, phone: PHONE, idSource: 'card' },
      matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
    },
  };
}

function callback(n = 1) {
  return {
    idempotencyKey: randomUUID(),
    kind: 'callback-request',
    reference: reference('C', n),
    createdAt: '2026-03-02T09:20:00.000Z',
    payload: {
      phone: PHONE,
      topic: 'labour',
      reason: 'no-lawyer',
      consent: { agreed: true, noticeVersion: 'callback-2026-01', at: '2026-03-02T17:19:00+08:00' },
    },
  };
}

async function deliver(hub: TestHub, kiosk: TestKiosk, body: unknown) {
  return hub.kioskCall(kiosk, { method: 'POST', path: PATH, body });
}

const rows = (hub: TestHub) => hub.storage.storage.db.selectFrom('submissions').selectAll().orderBy('id').execute();

describe.each(ENGINES)('submissions delivered by kiosks, on %s', (engine) => {
  const hub = useTestHub(engine);

  it('stores a legal-aid application and a callback request once each, with kiosk, region and dates', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = [application(), callback()];
    for (const body of sent) {
      const res = await deliver(hub, kiosk, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ reference: body.reference, receivedAt: hub.now().toISOString() });
      // Answered only once committed: the row is there when the answer is.
      expect((await rows(hub)).map((r) => r.idempotency_key)).toContain(body.idempotencyKey);
    }
    const stored = await rows(hub);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      kiosk_id: kiosk.id,
      region_code: '420111',
      kind: 'legal-aid-application',
      reference: sent[0]!.reference,
      created_at: '2026-03-02T09:15:00.000Z',
      received_at: hub.now().toISOString(),
    });
    expect(JSON.parse(stored[0]!.payload)).toEqual(sent[0]!.payload);
    expect(JSON.parse(stored[1]!.payload)).toEqual(sent[1]!.payload);
    // The listing and the log never carry the personal data.
    const listed = JSON.stringify(await listSubmissions(hub.storage.storage.db, 10));
    expect(listed).toContain(sent[1]!.reference);
    for (const secret of [ID_NUMBER, PHONE, '张三丰']) {
      expect(listed).not.toContain(secret);
      expect(hub.logs.filter((l) => l.includes(secret))).toEqual([]);
    }
    expect(hub.logs.some((l) => l.includes('submission received') && l.includes(sent[0]!.reference))).toBe(true);
  });

  it('answers a repeated key with the first answer, months later, storing nothing new', async () => {
    const kiosk = await hub.addKiosk('approved');
    const body = application();
    const first = await deliver(hub, kiosk, body);
    expect(first.statusCode).toBe(200);
    hub.advance(90 * 24 * 3600_000);
    const again = await deliver(hub, kiosk, body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await rows(hub)).toHaveLength(1);
  });

  it('stores one row when the same delivery arrives many times at once', async () => {
    const kiosk = await hub.addKiosk('approved');
    const body = application();
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(hub, kiosk, body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await rows(hub)).toHaveLength(1);
  });

  it('refuses the same key with another body (409), logged, and keeps the first', async () => {
    const kiosk = await hub.addKiosk('approved');
    // A key without long digit runs: the log's masking of phone and ID numbers leaves it whole.
    const body = { ...application(), idempotencyKey: 'c0ffee0a-beef-4bad-8cab-facefeedbead' };
    expect((await deliver(hub, kiosk, body)).statusCode).toBe(200);
    const changed = {
      ...body,
      payload: { ...body.payload, matter: { category: 'labour-wages', summary: '另一件事' } },
    };
    const res = await deliver(hub, kiosk, changed);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining(body.idempotencyKey) },
    });
    // Another reference under the same key too.
    expect((await deliver(hub, kiosk, { ...body, reference: reference('A', 2) })).statusCode).toBe(409);
    // And the same reference under another key.
    expect((await deliver(hub, kiosk, { ...body, idempotencyKey: randomUUID() })).statusCode).toBe(409);
    const stored = await rows(hub);
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.payload)).toEqual(body.payload);
    const refusals = hub.logs.filter((l) => l.includes('submission refused'));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toContain(body.idempotencyKey);
    for (const line of refusals)
      for (const secret of [ID_NUMBER, PHONE, '另一件事']) expect(line).not.toContain(secret);
  });

  it('keeps keys and references to their kiosk: another kiosk with the same key and reference is its own submission', async () => {
    const a = await hub.addKiosk('approved', { regionCode: '420111' });
    const b = await hub.addKiosk('approved', { regionCode: '420102' });
    const body = application();
    const fromA = await deliver(hub, a, body);
    hub.advance(1000);
    const sameFromB = { ...body, payload: { ...body.payload, matter: { category: 'debts', summary: '借款未还' } } };
    const fromB = await deliver(hub, b, sameFromB);
    expect(fromB.statusCode, fromB.body).toBe(200);
    // B is not told A's answer (its own time), and A's row is untouched.
    expect(fromB.json()).not.toEqual(fromA.json());
    const stored = await rows(hub);
    expect(stored.map((r) => [r.kiosk_id, r.region_code])).toEqual([
      [a.id, '420111'],
      [b.id, '420102'],
    ]);
    expect(JSON.parse(stored[0]!.payload)).toEqual(body.payload);
  });

  it('checks the payload with the kiosk’s own schemas: a bad one is refused with where, and nothing is stored', async () => {
    const kiosk = await hub.addKiosk('approved');
    const bad = application();
    bad.payload.applicant.idNumber = '4201-bad';
    const res = await deliver(hub, kiosk, bad);
    expect(res.statusCode).toBe(400);
    const { message, problems } = res.json<{ error: { message: string; problems: unknown } }>().error;
    expect(message).toContain('payload.applicant.idNumber');
    // Where and what was expected, never what was given: the answer is kept in the kiosk's outbox.
    expect(JSON.stringify({ message, problems })).not.toContain('4201-bad');
    // A reference of another kind's letter.
    expect((await deliver(hub, kiosk, { ...application(), reference: reference('M', 1) })).statusCode).toBe(400);
    expect((await deliver(hub, kiosk, { ...application(), extra: 1 })).statusCode).toBe(400);
    expect(await rows(hub)).toHaveLength(0);
  });

  it('refuses a kiosk that is not approved', async () => {
    for (const status of ['pending', 'revoked'] as const) {
      const kiosk = await hub.addKiosk(status);
      expect((await deliver(hub, kiosk, application())).statusCode).toBe(403);
    }
    expect(await rows(hub)).toHaveLength(0);
  });
});
