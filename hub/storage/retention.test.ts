import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { listAudit } from './audit-log';
import { openSession } from './sessions';
import { purgeExpired, type Retention } from './retention';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

/**
 * Retention: a case is purged once final for longer than its period, and
 * its anonymous case facts — what the figures read — are all that is left
 * of it; cases still open are never purged however old; callbacks, ratings
 * and hand-offs go by their receipt. Each purge is audited with its counts.
 */

const DAY = 24 * 3600_000;
const RETENTION: Retention = { closedCaseDays: 30, callbackDays: 10, ratingDays: 60, handoffDays: 10 };

const reference = (letter: string, n: number) =>
  formatReference({ letter, day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });

const consent = { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' };
const legalAid = (n: number) => ({
  idempotencyKey: randomUUID(),
  kind: 'legal-aid-application',
  reference: reference('A', n),
  createdAt: '2026-03-02T09:15:00.000Z',
  payload: {
    applicant: { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678', idSource: 'card' },
    matter: { category: 'labour-wages', summary: '公司拖欠三个月工资' },
    consent,
  },
});
const callback = (n: number) => ({
  idempotencyKey: randomUUID(),
  kind: 'callback-request',
  reference: reference('C', n),
  createdAt: '2026-03-02T09:20:00.000Z',
  payload: { phone: '13812345678', topic: 'labour', reason: 'no-lawyer', consent },
});
const rating = (n: number) => ({
  idempotencyKey: randomUUID(),
  kind: 'rating',
  reference: reference('R', n),
  createdAt: '2026-03-02T09:20:00.000Z',
  payload: { subject: 'overall', score: 5 },
});

async function deliver(hub: TestHub, kiosk: TestKiosk, body: { reference: string }): Promise<number> {
  const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/submissions', body });
  expect(res.statusCode, res.body).toBe(200);
  const row = await hub.storage.storage.db
    .selectFrom('submissions')
    .select('id')
    .where('reference', '=', body.reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(ENGINES)('retention, on %s', (engine) => {
  const hub = useTestHub(engine);
  const db = () => hub.storage.storage.db;

  it('purges final cases past their period and keeps their case facts; open cases and recent ones stay', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const officer = await hub.addAccount('wang.fang', 'case-officer', '420111');
    const move = async (caseId: number, from: string, to: unknown) => {
      // A fresh session each time: the clock moves by days between moves.
      const token = await openSession(db(), officer.id, 'full', hub.now());
      const res = await hub.call({ method: 'POST', path: '/api/cases/status', token, body: { caseId, from, to } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const refused = await deliver(hub, kiosk, legalAid(1));
    const closed = await deliver(hub, kiosk, legalAid(2));
    const open = await deliver(hub, kiosk, legalAid(3));
    const recent = await deliver(hub, kiosk, legalAid(4));
    const oldCallback = await deliver(hub, kiosk, callback(5));
    const oldRating = await deliver(hub, kiosk, rating(6));

    await move(refused, 'new', {
      status: 'refused',
      details: { reason: '经济状况不符', article: '《法律援助法》第四十一条' },
    });
    await move(closed, 'new', { status: 'accepted', details: {} });
    await move(closed, 'accepted', { status: 'lawyer-assigned', details: { lawyer: '刘律师' } });
    await move(closed, 'lawyer-assigned', { status: 'closed', details: {} });
    await move(open, 'new', { status: 'accepted', details: {} });
    hub.advance(20 * DAY);
    await move(recent, 'new', { status: 'refused', details: { reason: '不属于法律援助范围', article: '第三十一条' } });
    const factsBefore = await db().selectFrom('case_facts').selectAll().orderBy('submission_id').execute();

    // Not yet: the first cases were final 20 days ago; the callback is past its 10 days.
    hub.advance(5 * DAY);
    expect(await purgeExpired(db(), RETENTION, hub.now(), 'system')).toEqual({
      cases: 0,
      callbacks: 1,
      ratings: 0,
      handoffs: 0,
    });
    hub.advance(10 * DAY);
    expect(await purgeExpired(db(), RETENTION, hub.now(), 'system')).toEqual({
      cases: 2,
      callbacks: 0,
      ratings: 0,
      handoffs: 0,
    });

    const left = await db().selectFrom('submissions').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([open, recent, oldRating]);
    expect(left.map((r) => r.id)).not.toContain(oldCallback);
    // The payload went with the row; the history too.
    const events = await db().selectFrom('case_events').select('submission_id').execute();
    expect(new Set(events.map((e) => e.submission_id))).toEqual(new Set([open, recent]));
    // The figures' inputs are untouched: every case counted, with its dates and outcome.
    expect(await db().selectFrom('case_facts').selectAll().orderBy('submission_id').execute()).toEqual(factsBefore);
    expect(factsBefore.map((f) => f.outcome)).toEqual(['refused', 'closed', null, 'refused']);

    const purges = (await listAudit(db(), { limit: 50 })).filter((e) => e.action === 'retention.purge');
    expect(purges.map((e) => e.details)).toEqual([
      { cases: 2, callbacks: 0, ratings: 0, handoffs: 0, retention: RETENTION },
      { cases: 0, callbacks: 1, ratings: 0, handoffs: 0, retention: RETENTION },
    ]);
    // Nothing to purge: no audit row.
    await purgeExpired(db(), RETENTION, hub.now(), 'system');
    expect((await listAudit(db(), { limit: 50 })).filter((e) => e.action === 'retention.purge')).toHaveLength(2);
    // Past the ratings' period they go too.
    hub.advance(30 * DAY);
    expect((await purgeExpired(db(), RETENTION, hub.now(), 'hubctl')).ratings).toBe(1);
  });
});
