import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import { CASE_LOOKUP_WRONG_TRIES_PER_MINUTE } from '../../common/hub/cases';
import { formatReference, serialNumberFor } from '../../common/reference-number';
import { createLogger } from '../../server-kit/logger';
import { openRedisBus } from '../live/redis-bus';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { consoleSocket, kioskSocket } from '../testing/live-clients';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub, type TestKiosk } from '../testing/test-hub';

/**
 * The case desks at the hub: officers see the cases of their region and
 * below, masked; revealing the personal data is its own audited request;
 * a change of status follows the steps of common/hub/cases.ts, is won by
 * one of two officers racing, is audited, updates the anonymous case
 * facts, and reaches the kiosk that took the case and the desks. 查询进度
 * answers only with the phone's last four digits, and stops guessing.
 */

const ID_NUMBER = '420111199001011234';
const PHONE = '13812345678';

const reference = (letter: string, n: number) =>
  formatReference({ letter, day: '2026-03-02', serialNumber: serialNumberFor(n, 'HB-0001', '2026-03-02') });

function legalAid(n: number, phone = PHONE) {
  return {
    idempotencyKey: randomUUID(),
    kind: 'legal-aid-application',
    reference: reference('A', n),
    createdAt: '2026-03-02T09:15:00.000Z',
    payload: {
      applicant: { name: '张三丰', idNumber: ID_NUMBER, phone, idSource: 'card' },
      matter: { category: 'labour-wages', summary: `公司拖欠三个月工资，电话 ${phone}` },
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:14:00+08:00' },
    },
  };
}

function mediation(n: number) {
  return {
    idempotencyKey: randomUUID(),
    kind: 'mediation-request',
    reference: reference('M', n),
    createdAt: '2026-03-02T09:30:00.000Z',
    payload: {
      applicant: { name: '李四', phone: '13900001111' },
      otherParty: { name: '王五', relation: '邻居' },
      dispute: { category: 'neighbour', summary: '漏水' },
      availability: 'any',
      consent: { agreed: true, noticeVersion: 'pipl-2025-01', at: '2026-03-02T17:29:00+08:00' },
    },
  };
}

async function deliver(hub: TestHub, kiosk: TestKiosk, body: { reference: string }): Promise<void> {
  const res = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/submissions', body });
  expect(res.statusCode, res.body).toBe(200);
}

async function person(hub: TestHub, login: string, role: UserRole, regionCode: string | null): Promise<string> {
  const user = await hub.addAccount(login, role, regionCode);
  return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
}

const post = (hub: TestHub, token: string, path: string, body: unknown) =>
  hub.call({ method: 'POST', path, token, body });

async function caseIdOf(hub: TestHub, ref: string): Promise<number> {
  const row = await hub.storage.storage.db
    .selectFrom('submissions')
    .select('id')
    .where('reference', '=', ref)
    .executeTakeFirstOrThrow();
  return row.id;
}

const lookUp = (hub: TestHub, kiosk: TestKiosk, ref: string, phoneLast4: string) =>
  hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/case-status', body: { reference: ref, phoneLast4 } });

describe.each(ENGINES)('the case desks, on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('lists the cases of the officer’s region and below only, masked, oldest first', async () => {
    const hongshan = await hub.addKiosk('approved', { regionCode: '420111' });
    const wuchang = await hub.addKiosk('approved', { regionCode: '420106' });
    await deliver(hub, hongshan, legalAid(1));
    hub.advance(60_000);
    await deliver(hub, hongshan, legalAid(2));
    await deliver(hub, wuchang, legalAid(3));
    await deliver(hub, hongshan, mediation(4));
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const regional = await person(hub, 'wuhan', 'regional-administrator', '420100');

    const mine = await post(hub, officer, '/api/cases', { kind: 'legal-aid-application' });
    expect(mine.statusCode, mine.body).toBe(200);
    const cases = mine.json<{ cases: { reference: string; applicantName: string; status: string }[] }>().cases;
    expect(cases.map((c) => c.reference)).toEqual([reference('A', 1), reference('A', 2)]);
    expect(cases[0]).toMatchObject({ applicantName: '张**', status: 'new', kioskName: expect.any(String) });
    for (const secret of [ID_NUMBER, PHONE, '张三丰']) expect(mine.body).not.toContain(secret);

    const all = await post(hub, regional, '/api/cases', { kind: 'legal-aid-application' });
    expect(all.json<{ cases: unknown[] }>().cases).toHaveLength(3);
    const mediations = await post(hub, officer, '/api/cases', { kind: 'mediation-request', status: 'new' });
    expect(mediations.json<{ cases: { reference: string }[] }>().cases.map((c) => c.reference)).toEqual([
      reference('M', 4),
    ]);
    const accepted = await post(hub, officer, '/api/cases', { kind: 'legal-aid-application', status: 'accepted' });
    expect(accepted.json()).toEqual({ cases: [] });

    // Another region's case is none to this officer.
    const theirs = await caseIdOf(hub, reference('A', 3));
    expect((await post(hub, officer, '/api/cases/detail', { caseId: theirs })).statusCode).toBe(404);
    expect((await post(hub, officer, '/api/cases/reveal', { caseId: theirs })).statusCode).toBe(404);
    expect(
      (
        await post(hub, officer, '/api/cases/status', {
          caseId: theirs,
          from: 'new',
          to: { status: 'accepted', details: {} },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists the other cases when one payload does not open, logging no word of it', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    await deliver(hub, kiosk, legalAid(1));
    await deliver(hub, kiosk, legalAid(2));
    const broken = await caseIdOf(hub, reference('A', 1));
    await hub.storage.storage.db
      .updateTable('submissions')
      .set({ payload: '{"applicant": 张三丰 13812345678' })
      .where('id', '=', broken)
      .execute();
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const res = await post(hub, officer, '/api/cases', { kind: 'legal-aid-application' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ cases: { applicantName: string }[] }>().cases.map((c) => c.applicantName)).toEqual(['?', '张**']);
    expect(hub.logs.some((l) => l.includes('a case payload does not open'))).toBe(true);
    expect(hub.logs.filter((l) => l.includes(PHONE) || l.includes('张三丰'))).toEqual([]);
  });

  it('says no word of a payload that does not open when its case is opened or looked up', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    const broken = await caseIdOf(hub, sent.reference);
    await hub.storage.storage.db
      .updateTable('submissions')
      .set({ payload: '{"applicant": 张三丰 13812345678' })
      .where('id', '=', broken)
      .execute();
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    for (const path of ['/api/cases/detail', '/api/cases/reveal']) {
      const res = await post(hub, officer, path, { caseId: broken });
      expect(res.statusCode, path).toBe(500);
      expect(res.body).not.toContain('张三丰');
    }
    expect((await lookUp(hub, kiosk, sent.reference, '5678')).statusCode).toBe(500);
    expect(hub.logs.filter((l) => l.includes('张三丰') || l.includes('5678'))).toEqual([]);
    expect(hub.logs.some((l) => l.includes(`case:${broken}`))).toBe(true);
  });

  it('shows a case masked, and its personal data only on an audited reveal', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const caseId = await caseIdOf(hub, sent.reference);

    const detail = await post(hub, officer, '/api/cases/detail', { caseId });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      current: { status: 'new', details: {} },
      next: ['accepted', 'needs-materials', 'refused'],
      masked: { applicantName: '张**', idNumber: '420***********1234', phone: '138****5678' },
      history: [{ current: { status: 'new' }, by: null }],
    });
    for (const secret of [ID_NUMBER, PHONE, '张三丰']) expect(detail.body).not.toContain(secret);
    const audited = async () =>
      (await listAudit(hub.storage.storage.db, { limit: 50 })).filter((e) => e.action === 'case.reveal');
    expect(await audited()).toEqual([]);

    const revealed = await post(hub, officer, '/api/cases/reveal', { caseId });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ caseId, payload: sent.payload });
    const [entry] = await audited();
    expect(entry).toMatchObject({ target: `case:${caseId}`, details: { reference: sent.reference } });
    const officerRow = await hub.storage.storage.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'wang.fang')
      .executeTakeFirstOrThrow();
    expect(entry!.actor).toBe(`user:${officerRow.id}`);
  });

  it('moves a legal-aid case along its steps with the details each needs, keeping history and case facts', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const caseId = await caseIdOf(hub, sent.reference);
    const change = (from: string, to: unknown) => post(hub, officer, '/api/cases/status', { caseId, from, to });

    // Without what the status needs, or off the steps: refused, nothing changed.
    expect((await change('new', { status: 'needs-materials', details: {} })).statusCode).toBe(400);
    expect((await change('new', { status: 'refused', details: { reason: '经济状况不符' } })).statusCode).toBe(400);
    expect((await change('new', { status: 'closed', details: {} })).statusCode).toBe(400);
    expect((await change('new', { status: 'settled', details: { agreementDate: '2026-03-05' } })).statusCode).toBe(400);

    hub.advance(300_000);
    const asked = await change('new', {
      status: 'needs-materials',
      details: { missing: '收入证明', deadline: '2026-03-20', where: '洪山区法律援助中心 2 号窗口' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    hub.advance(300_000);
    expect((await change('needs-materials', { status: 'accepted', details: {} })).statusCode).toBe(200);
    const acceptedAt = hub.now().toISOString();
    hub.advance(300_000);
    expect(
      (await change('accepted', { status: 'lawyer-assigned', details: { lawyer: '刘律师（楚天律师事务所）' } }))
        .statusCode,
    ).toBe(200);
    const assignedAt = hub.now().toISOString();
    hub.advance(300_000);
    const closed = await change('lawyer-assigned', { status: 'closed', details: {} });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      current: { status: 'closed' },
      next: [],
      history: [
        { current: { status: 'new' } },
        { current: { status: 'needs-materials', details: { missing: '收入证明' } }, by: 'wang.fang' },
        { current: { status: 'accepted' } },
        { current: { status: 'lawyer-assigned', details: { lawyer: '刘律师（楚天律师事务所）' } } },
        { current: { status: 'closed' } },
      ],
    });
    expect(
      await hub.storage.storage.db.selectFrom('case_facts').selectAll().where('submission_id', '=', caseId).execute(),
    ).toEqual([
      expect.objectContaining({
        kind: 'legal-aid-application',
        region_code: '420111',
        topic: 'labour-wages',
        accepted_at: acceptedAt,
        assigned_at: assignedAt,
        closed_at: hub.now().toISOString(),
        outcome: 'closed',
      }),
    ]);
    const changes = (await listAudit(hub.storage.storage.db, { limit: 50 })).filter(
      (e) => e.action === 'case.status-change',
    );
    expect(changes.map((e) => e.details['to'])).toEqual(['closed', 'lawyer-assigned', 'accepted', 'needs-materials']);
    // A final case goes nowhere.
    expect((await change('closed', { status: 'accepted', details: {} })).statusCode).toBe(400);
  });

  it('moves a mediation request through 调解中 to 调解成功 with the agreement date, the outcome in the case facts', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = mediation(1);
    await deliver(hub, kiosk, sent);
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const caseId = await caseIdOf(hub, sent.reference);
    const change = (from: string, to: unknown) => post(hub, officer, '/api/cases/status', { caseId, from, to });
    expect((await change('new', { status: 'needs-materials', details: { missing: '合同' } })).statusCode).toBe(400);
    expect((await change('new', { status: 'accepted', details: {} })).statusCode).toBe(200);
    expect((await change('accepted', { status: 'mediating', details: { note: '已约双方周三到场' } })).statusCode).toBe(
      200,
    );
    expect((await change('mediating', { status: 'settled', details: {} })).statusCode).toBe(400);
    const settled = await change('mediating', { status: 'settled', details: { agreementDate: '2026-03-06' } });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ current: { status: 'settled', details: { agreementDate: '2026-03-06' } } });
    const facts = await hub.storage.storage.db
      .selectFrom('case_facts')
      .selectAll()
      .where('submission_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(facts).toMatchObject({ kind: 'mediation-request', outcome: 'settled', assigned_at: null });
    expect(facts.accepted_at).not.toBeNull();
    expect(facts.closed_at).toBe(hub.now().toISOString());
  });

  it('lets one of two officers racing win; the other hears 409 with where the case stands', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = mediation(1);
    await deliver(hub, kiosk, sent);
    const first = await person(hub, 'wang.fang', 'case-officer', '420111');
    const second = await person(hub, 'zhao.min', 'case-officer', '420111');
    const caseId = await caseIdOf(hub, sent.reference);
    const [a, b] = await Promise.all([
      post(hub, first, '/api/cases/status', { caseId, from: 'new', to: { status: 'accepted', details: {} } }),
      post(hub, second, '/api/cases/status', {
        caseId,
        from: 'new',
        to: { status: 'refused', details: { reason: '不属于人民调解范围', article: '《人民调解法》第二条' } },
      }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    const won = winner.json<{ current: { status: string } }>().current.status;
    expect(loser.json<{ error: { message: string } }>().error.message).toContain(`"${won}"`);
    const events = await hub.storage.storage.db.selectFrom('case_events').selectAll().execute();
    expect(events.map((e) => e.status)).toEqual([won]);
    const audited = (await listAudit(hub.storage.storage.db, { limit: 50 })).filter(
      (e) => e.action === 'case.status-change',
    );
    expect(audited).toHaveLength(1);
  });

  it('pushes the new status to the kiosk that took the case, and nudges the desks that may see it', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const other = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const elsewhere = await person(hub, 'chen.jing', 'case-officer', '420106');
    const taker = await kioskSocket(hub, kiosk);
    const bystander = await kioskSocket(hub, other);
    const desk = await consoleSocket(hub, officer);
    const otherDesk = await consoleSocket(hub, elsewhere);
    // A new case reaches the desks of its region at once.
    await deliver(hub, kiosk, legalAid(2));
    await desk.next((m) => m.type === 'cases-changed');
    const caseId = await caseIdOf(hub, sent.reference);
    const res = await post(hub, officer, '/api/cases/status', {
      caseId,
      from: 'new',
      to: { status: 'accepted', details: {} },
    });
    expect(res.statusCode, res.body).toBe(200);
    const pushed = await taker.next((m) => m.type === 'case-status');
    expect(pushed).toEqual({
      type: 'case-status',
      status: {
        reference: sent.reference,
        kind: 'legal-aid-application',
        receivedAt: expect.any(String),
        changedAt: hub.now().toISOString(),
        current: { status: 'accepted', details: {} },
      },
    });
    await desk.next((m) => m.type === 'cases-changed');
    // The same bus delivered both; by now the others would have heard theirs.
    await new Promise((r) => setTimeout(r, 200));
    expect(bystander.heard.filter((m) => m.type === 'case-status')).toEqual([]);
    expect(otherDesk.heard.filter((m) => m.type === 'cases-changed')).toEqual([]);
    for (const c of [taker, bystander, desk, otherDesk]) c.ws.close();
  });

  it('answers 查询进度 at any kiosk with the phone’s last four digits, the same not-found for a wrong suffix or reference', async () => {
    const taker = await hub.addKiosk('approved', { regionCode: '420111' });
    const elsewhere = await hub.addKiosk('approved', { regionCode: '420106' });
    const sent = legalAid(1);
    await deliver(hub, taker, sent);
    const found = await lookUp(hub, elsewhere, sent.reference.toLowerCase(), '5678');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      outcome: 'found',
      status: { reference: sent.reference, current: { status: 'new', details: {} } },
    });
    expect((await lookUp(hub, elsewhere, sent.reference, '5679')).json()).toEqual({ outcome: 'not-found' });
    expect((await lookUp(hub, elsewhere, reference('A', 77), '5678')).json()).toEqual({ outcome: 'not-found' });
    // Neither the digits nor the phone reach the log.
    expect(hub.logs.filter((l) => l.includes('5679') || l.includes(PHONE))).toEqual([]);
    expect(hub.logs.some((l) => l.includes('case look-up') && l.includes(sent.reference))).toBe(true);
  });

  it('refuses the wrong try after the allowed ones within a minute, per kiosk and per reference', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const second = await hub.addKiosk('approved', { regionCode: '420111' });
    const third = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    // Per kiosk: guessing at references is wrong tries too.
    for (let i = 0; i < CASE_LOOKUP_WRONG_TRIES_PER_MINUTE; i++) {
      hub.advance(1000);
      expect((await lookUp(hub, kiosk, reference('A', 100 + i), '0000')).json()).toEqual({ outcome: 'not-found' });
    }
    hub.advance(1000);
    const refused = await lookUp(hub, kiosk, sent.reference, '5678');
    expect(refused.json()).toEqual({ outcome: 'too-many-tries', retryAfterSeconds: 56 });
    // Another kiosk is not held back by this one's tries.
    expect((await lookUp(hub, second, sent.reference, '5678')).json()).toMatchObject({ outcome: 'found' });
    // Once the first try left the minute, one more is allowed.
    hub.advance(56_000);
    expect((await lookUp(hub, kiosk, sent.reference, '5678')).json()).toMatchObject({ outcome: 'found' });

    // Per reference: wrong suffixes spread over kiosks.
    hub.advance(120_000);
    const kiosks = [kiosk, second, third];
    for (let i = 0; i < CASE_LOOKUP_WRONG_TRIES_PER_MINUTE; i++)
      expect((await lookUp(hub, kiosks[i % 3]!, sent.reference, `000${i}`)).json()).toEqual({ outcome: 'not-found' });
    expect((await lookUp(hub, third, sent.reference, '5678')).json()).toMatchObject({ outcome: 'too-many-tries' });
    // Kept in the database, where every hub instance counts them, without the digits tried.
    const misses = await hub.storage.storage.db.selectFrom('case_lookup_misses').selectAll().execute();
    expect(misses.filter((m) => m.reference === sent.reference)).toHaveLength(CASE_LOOKUP_WRONG_TRIES_PER_MINUTE);
    expect(JSON.stringify(misses)).not.toMatch(/000[0-3]"/);
  });

  it('checks no more suffixes than allowed when the wrong tries arrive all at once', async () => {
    const taker = await hub.addKiosk('approved', { regionCode: '420111' });
    const guesser = await hub.addKiosk('approved', { regionCode: '420106' });
    const sent = legalAid(1);
    await deliver(hub, taker, sent);
    hub.advance(120_000);
    // Forty guesses in flight together: each would pass a count taken before the others were recorded.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => lookUp(hub, guesser, sent.reference, String(1000 + i))),
    );
    const outcomes = answers.map((a) => (a.json() as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'not-found').length).toBeLessThanOrEqual(CASE_LOOKUP_WRONG_TRIES_PER_MINUTE);
    expect(outcomes.filter((o) => o !== 'not-found').every((o) => o === 'too-many-tries')).toBe(true);
    // The refused guesses were not looked up, so they do not hold the reference longer than the checked ones.
    const misses = await hub.storage.storage.db
      .selectFrom('case_lookup_misses')
      .selectAll()
      .where('reference', '=', sent.reference)
      .execute();
    expect(misses.length).toBeLessThanOrEqual(CASE_LOOKUP_WRONG_TRIES_PER_MINUTE);
  });
});

describe.each(ENGINES)('the case desks on two hub instances sharing the database and Redis, on %s', (engine) => {
  let redis: ThrowawayRedis | undefined;
  beforeAll(async () => {
    redis = await startThrowawayRedis();
  }, 20_000);
  afterAll(async () => {
    await redis?.stop();
  });
  const logger = createLogger({ service: 'hub', level: 'warn', destination: { write: () => {} } });
  const hub = useTestHub(engine, { listen: true, openBus: () => openRedisBus(redis!.url, { logger }) });

  it('pushes the status to the kiosk on the other instance, and nudges the desks there', async () => {
    const kiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const sent = legalAid(1);
    await deliver(hub, kiosk, sent);
    const officer = await person(hub, 'wang.fang', 'case-officer', '420111');
    const other = await hub.startOtherInstance();
    const taker = await kioskSocket(hub, kiosk, { port: other.port });
    const desk = await consoleSocket(hub, officer, { port: other.port });
    const caseId = await caseIdOf(hub, sent.reference);
    const res = await post(hub, officer, '/api/cases/status', {
      caseId,
      from: 'new',
      to: { status: 'needs-materials', details: { missing: '收入证明', deadline: '2026-03-20' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await taker.next((m) => m.type === 'case-status')).toMatchObject({
      status: {
        reference: sent.reference,
        current: { status: 'needs-materials', details: { missing: '收入证明', deadline: '2026-03-20' } },
      },
    });
    await desk.next((m) => m.type === 'cases-changed');
    taker.ws.close();
    desk.ws.close();
  });
});
