import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RECORD_EDIT_GRACE_MS } from '../../common/hub/api/call-records';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { addLawyer, answeredCall, ask, waitingCall } from '../testing/call-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';

/** What a citizen told the lawyer, and what the lawyer advised: must never reach a log or the audit log. */
const FACTS = '张三在工地做工三个月，老板拖欠工资八千元。';
const ADVICE = '保留考勤和转账记录，先向劳动监察大队投诉。';

const record = (callId: string, fields: object = {}) => ({
  callId,
  topic: null,
  facts: FACTS,
  advice: ADVICE,
  referral: 'legal-aid',
  finish: true,
  ...fields,
});

async function adminSession(
  hub: TestHub,
  login: string,
  role: 'administrator' | 'regional-administrator',
  region: string | null,
) {
  const user = await hub.addAccount(login, role, region);
  return { id: user.id, token: await openSession(hub.storage.storage.db, user.id, 'full', hub.now()) };
}

describe.each(ENGINES)('consultation records, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });
  const save = (token: string, body: object) =>
    hub.call({ method: 'POST', path: '/api/calls/record/save', token, body });
  const read = (token: string, callId: string) =>
    hub.call({ method: 'POST', path: '/api/calls/record', token, body: { callId } });

  /** Nothing the citizen told is in the audit log or the hub's logs. */
  async function expectNothingTold(): Promise<void> {
    const audit = JSON.stringify(await listAudit(hub.storage.storage.db, { limit: 100 }));
    for (const told of [FACTS, ADVICE, '工地', '劳动监察']) {
      expect(audit).not.toContain(told);
      expect(hub.logs.join('\n')).not.toContain(told);
    }
  }

  it('the lawyer who answered keeps drafts, then finishes it; corrections within the grace, then it is closed', async () => {
    const { lawyer, callId } = await answeredCall(hub, { callerName: '张三' });
    const stranger = await addLawyer(hub);

    const draft = await save(lawyer.token, record(callId, { advice: '  ', referral: null, finish: false }));
    expect(draft.json()).toEqual({
      outcome: 'saved',
      record: {
        callId,
        // The call's own, the draft naming none.
        topic: 'labour',
        facts: FACTS,
        advice: '',
        referral: null,
        createdAt: hub.now().toISOString(),
        updatedAt: hub.now().toISOString(),
        finishedAt: null,
        editableUntil: null,
      },
    });
    // An empty field is no field (NULL, never '').
    const row = await hub.storage.storage.db
      .selectFrom('call_records')
      .select(['advice', 'referral'])
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ advice: null, referral: null });

    // Finishing needs every field; nothing changes meanwhile.
    expect((await save(lawyer.token, record(callId, { advice: '', referral: null }))).json()).toEqual({
      outcome: 'refused',
      missing: ['advice', 'referral'],
    });
    // Not theirs, or not a call at all: as for none.
    expect((await save(stranger.token, record(callId))).statusCode).toBe(404);
    expect((await save(lawyer.token, record(randomUUID()))).statusCode).toBe(404);

    // The call ends; the record is finished in the wrap-up.
    await ask(lawyer.console, { type: 'call-end', callId });
    hub.advance(60_000);
    const finishedAt = hub.now().toISOString();
    const finished = await save(lawyer.token, record(callId, { topic: 'family' }));
    expect(finished.json()).toMatchObject({
      outcome: 'saved',
      record: {
        topic: 'family',
        advice: ADVICE,
        referral: 'legal-aid',
        finishedAt,
        editableUntil: new Date(hub.now().getTime() + RECORD_EDIT_GRACE_MS).toISOString(),
      },
    });

    // Finished stays finished: a "draft" now is a correction, and must be whole.
    hub.advance(RECORD_EDIT_GRACE_MS / 2);
    expect((await save(lawyer.token, record(callId, { facts: '', finish: false }))).json()).toEqual({
      outcome: 'refused',
      missing: ['facts'],
    });
    const corrected = await save(lawyer.token, record(callId, { referral: 'mediation', finish: false }));
    expect(corrected.json()).toMatchObject({
      record: { referral: 'mediation', finishedAt, updatedAt: hub.now().toISOString() },
    });

    // Past the grace: closed.
    hub.advance(RECORD_EDIT_GRACE_MS / 2 + 1000);
    const late = await save(lawyer.token, record(callId, { referral: 'none' }));
    expect(late.statusCode).toBe(409);
    expect((await read(lawyer.token, callId)).json()).toMatchObject({ record: { referral: 'mediation' } });

    // Audited as finished and corrected, with the topic and the referral only.
    const audit = (await listAudit(hub.storage.storage.db, { limit: 20 })).filter((a) =>
      a.action.startsWith('call.record-'),
    );
    expect(audit.map((a) => [a.action, a.actor, a.target, a.details])).toEqual([
      ['call.record-view', `user:${lawyer.user.id}`, `call:${callId}`, {}],
      ['call.record-correct', `user:${lawyer.user.id}`, `call:${callId}`, { topic: 'family', referral: 'mediation' }],
      ['call.record-finish', `user:${lawyer.user.id}`, `call:${callId}`, { topic: 'family', referral: 'legal-aid' }],
    ]);

    // The lawyer's history says where each record stands.
    const mine = await hub.call({ method: 'GET', path: '/api/calls/mine', token: lawyer.token });
    expect(mine.json()).toMatchObject({ calls: [{ callId, answeredByMe: true, record: 'finished' }] });
    await expectNothingTold();
  });

  it('a call not answered has no record to keep', async () => {
    const { lawyer, callId } = await waitingCall(hub);
    expect((await save(lawyer.token, record(callId))).statusCode).toBe(404);
    expect((await read(lawyer.token, callId)).statusCode).toBe(404);
  });

  it('is read by the lawyer who answered and by the administrators of the kiosk’s region, each read audited', async () => {
    const { lawyer, callId } = await answeredCall(hub, { callerName: '张三' });
    const other = await addLawyer(hub);
    const admin = await adminSession(hub, 'admin', 'administrator', null);
    const hubei = await adminSession(hub, 'hubei', 'regional-administrator', '420000');
    const guangdong = await adminSession(hub, 'guangdong', 'regional-administrator', '440000');

    // Before a record is kept: the call, and no record; nothing personal was viewed, nothing audited.
    const none = await read(hubei.token, callId);
    expect(none.json()).toEqual({
      call: {
        callId,
        topic: 'labour',
        regionCode: '420111',
        kioskName: '测试终端',
        callerName: '张*',
        lawyerName: '王芳',
        createdAt: expect.any(String),
        answeredAt: expect.any(String),
        endedAt: null,
        endReason: null,
      },
      record: null,
    });

    expect((await save(lawyer.token, record(callId))).statusCode).toBe(200);
    for (const reader of [lawyer.token, admin.token, hubei.token])
      expect((await read(reader, callId)).json()).toMatchObject({
        record: { facts: FACTS, advice: ADVICE, referral: 'legal-aid' },
      });
    for (const outsider of [other.token, guangdong.token]) expect((await read(outsider, callId)).statusCode).toBe(404);

    const views = (await listAudit(hub.storage.storage.db, { limit: 20 })).filter(
      (a) => a.action === 'call.record-view',
    );
    expect(views.map((a) => [a.actor, a.target]).reverse()).toEqual([
      [`user:${lawyer.user.id}`, `call:${callId}`],
      [`user:${admin.id}`, `call:${callId}`],
      [`user:${hubei.id}`, `call:${callId}`],
    ]);
    await expectNothingTold();
  });

  it('is refused past its limits with the field named, and nothing is kept', async () => {
    const { lawyer, callId } = await answeredCall(hub);
    const res = await save(lawyer.token, record(callId, { facts: '事'.repeat(2001) }));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('body.facts');
    expect(await hub.storage.storage.db.selectFrom('call_records').select('call_id').execute()).toEqual([]);
  });
});
