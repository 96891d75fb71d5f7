import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

/**
 * Callback requests and ratings have their own list: the callbacks of the
 * caller's regions with the number masked, shown whole only on an audited
 * request, and marked done once (the second officer hears it was done);
 * the ratings with their subject, score and reasons.
 */

const PHONE = '13812345678';
const reference = (letter: string, n: number) =>
  formatReference({ letter, day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });
const consent = { agreed: true, noticeVersion: 'callback-2026-01', at: '2026-03-02T17:19:00+08:00' };

async function deliver(hub: TestHub, kiosk: TestKiosk, body: unknown): Promise<void> {
  const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/submissions', body });
  expect(res.statusCode, res.body).toBe(200);
}

async function person(hub: TestHub, login: string, role: UserRole, regionCode: string | null): Promise<string> {
  const user = await hub.addAccount(login, role, regionCode);
  return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
}

describe.each(ENGINES)('callbacks and ratings, on %s', (engine) => {
  const hub = useTestHub(engine);

  it('says no word of a callback payload that does not open, in its answer or the log', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    await deliver(hub, kiosk, {
      idempotencyKey: randomUUID(),
      kind: 'callback-request',
      reference: reference('C', 9),
      createdAt: '2026-03-02T09:20:00.000Z',
      payload: { phone: PHONE, topic: 'labour', reason: 'no-lawyer', consent },
    });
    const row = await hub.storage.storage.db
      .updateTable('submissions')
      .set({ payload: '{"phone": 138 1234 5678, "name": 张三丰' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const reveal = await hub.call({
      method: 'POST',
      path: '/api/feedback/callbacks/reveal',
      token: officer,
      body: { callbackId: row.id },
    });
    expect(reveal.statusCode).toBe(500);
    expect(reveal.body).not.toContain('5678');
    expect(hub.logs.filter((l) => l.includes('张三丰') || l.includes('5678'))).toEqual([]);
    expect(hub.logs.some((l) => l.includes(`submission:${row.id}`))).toBe(true);
  });

  it('lists the callbacks and ratings of the caller’s regions, numbers masked; reveal is audited, done is once', async () => {
    const hongshan = await hub.addKiosk('approved', { regionCode: '420111' });
    const wuchang = await hub.addKiosk('approved', { regionCode: '420106' });
    await deliver(hub, hongshan, {
      idempotencyKey: randomUUID(),
      kind: 'callback-request',
      reference: reference('C', 1),
      createdAt: '2026-03-02T09:20:00.000Z',
      payload: { phone: PHONE, topic: 'labour', reason: 'no-lawyer', consent },
    });
    await deliver(hub, wuchang, {
      idempotencyKey: randomUUID(),
      kind: 'callback-request',
      reference: reference('C', 2),
      createdAt: '2026-03-02T09:25:00.000Z',
      payload: { phone: '13900001111', topic: 'family', reason: 'no-lawyer', consent },
    });
    await deliver(hub, hongshan, {
      idempotencyKey: randomUUID(),
      kind: 'rating',
      reference: reference('R', 3),
      createdAt: '2026-03-02T09:30:00.000Z',
      payload: { subject: 'video-call', score: 4, reasons: ['clear-answer'] },
    });
    const lawyer = await person(hub, 'li.lei', 'lawyer', '420111');
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');

    const listed = await hub.call({ method: 'GET', path: '/api/feedback', token: lawyer });
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json<{ callbacks: { callbackId: number }[]; ratings: unknown[] }>();
    expect(body.callbacks).toEqual([
      expect.objectContaining({
        reference: reference('C', 1),
        topic: 'labour',
        phone: '138****5678',
        handledAt: null,
        regionCode: '420111',
      }),
    ]);
    expect(body.ratings).toEqual([
      expect.objectContaining({ subject: 'video-call', score: 4, reasons: ['clear-answer'], regionCode: '420111' }),
    ]);
    expect(listed.body).not.toContain(PHONE);
    expect(listed.body).not.toContain('13900001111');

    const callbackId = body.callbacks[0]!.callbackId;
    const revealed = await hub.call({
      method: 'POST',
      path: '/api/feedback/callbacks/reveal',
      token: lawyer,
      body: { callbackId },
    });
    expect(revealed.json()).toEqual({ callbackId, phone: PHONE });
    const audit = await listAudit(hub.storage.storage.db, { limit: 20 });
    expect(audit.filter((e) => e.action === 'callback.reveal').map((e) => e.target)).toEqual([
      `callback:${callbackId}`,
    ]);

    // Another region's callback is none to them.
    const theirs = await hub.storage.storage.db
      .selectFrom('submissions')
      .select('id')
      .where('reference', '=', reference('C', 2))
      .executeTakeFirstOrThrow();
    for (const path of ['/api/feedback/callbacks/reveal', '/api/feedback/callbacks/done'])
      expect(
        (await hub.call({ method: 'POST', path, token: lawyer, body: { callbackId: theirs.id } })).statusCode,
      ).toBe(404);

    const done = (token: string) =>
      hub.call({ method: 'POST', path: '/api/feedback/callbacks/done', token, body: { callbackId } });
    expect((await done(lawyer)).json()).toEqual({ outcome: 'done' });
    expect((await done(officer)).json()).toEqual({ outcome: 'already-done' });
    const after = await hub.call({ method: 'GET', path: '/api/feedback', token: officer });
    expect(after.json<{ callbacks: unknown[] }>().callbacks).toEqual([
      expect.objectContaining({ handledAt: hub.now().toISOString(), handledBy: 'li.lei' }),
    ]);
    const marks = (await listAudit(hub.storage.storage.db, { limit: 20 })).filter((e) => e.action === 'callback.done');
    expect(marks).toHaveLength(1);
  });
});
