import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallFiguresResponse } from '../../common/hub/api/call-figures';
import type { Referral } from '../../common/hub/api/call-records';
import type { CallEndReason } from '../../common/hub/api/calls';
import { saveRecord, countRefusal } from '../storage/call-records';
import { acceptCall, endCall, insertCall } from '../storage/calls';
import { setDuty } from '../storage/lawyer-duty';
import { openSession } from '../storage/sessions';
import { setRoster } from '../storage/duty-roster';
import { addCaller, addLawyer, requestCall, setDuty as setDutyLive } from '../testing/call-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';
import { sweepCalls } from './call-sweep';
import { ringLawyers } from './ring-lawyers';

/**
 * The call figures from calls made through the storage functions the desk
 * itself uses, at times chosen so that every count, percentile and month
 * below was worked out by hand (nearest rank: p50 of 5 values is the 3rd,
 * p90 the 5th; of 4 values the 2nd and the 4th; of 3 the 2nd and the 3rd;
 * of 2 the 1st and the 2nd).
 */

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

interface Seeded {
  lawyers: { wang: number; li: number };
  kiosks: { hongshan: number; jiangan: number; guangzhou: number };
}

/**
 * One call, start to end: queued at `created`, answered `answerAfter`
 * seconds later (if), ended `endAfter` seconds after that (or after it was
 * queued, when not answered) with `reason`, its record finished (or a draft).
 */
async function call(
  hub: TestHub,
  c: {
    kioskId: number;
    regionCode: string;
    created: string;
    lawyerId?: number;
    answerAfter?: number;
    endAfter?: number;
    reason?: CallEndReason;
    record?: Referral | 'draft';
  },
): Promise<string> {
  const { db } = hub.storage.storage;
  const id = randomUUID();
  const created = at(c.created);
  await insertCall(
    db,
    {
      id,
      kioskId: c.kioskId,
      regionCode: c.regionCode,
      topic: 'labour',
      callerName: '张三',
      maxWaitUntil: at(c.created, 3600),
    },
    created,
  );
  let last = created;
  if (c.lawyerId !== undefined) {
    last = at(c.created, c.answerAfter);
    expect((await acceptCall(db, id, c.lawyerId, last)).outcome).toBe('won');
  }
  if (c.reason !== undefined) {
    last = new Date(last.getTime() + c.endAfter! * 1000);
    expect(await endCall(db, id, ['waiting', 'in-call'], c.reason, last)).toBeDefined();
  }
  if (c.record !== undefined) {
    const finish = c.record !== 'draft';
    const saved = await saveRecord(
      db,
      {
        callId: id,
        lawyerId: c.lawyerId!,
        topic: 'labour',
        facts: '工资被拖欠三个月。',
        advice: finish ? '先申请劳动仲裁。' : '',
        referral: finish ? (c.record as Referral) : null,
        finish,
      },
      last,
    );
    expect(saved.outcome).toBe('saved');
  }
  return id;
}

async function seed(hub: TestHub): Promise<Seeded> {
  const { db } = hub.storage.storage;
  const wang = await hub.addAccount('wang.fang', 'lawyer', '420100');
  const li = await hub.addAccount('li.ming', 'lawyer', '420000');
  await db.updateTable('users').set({ display_name: '王芳' }).where('id', '=', wang.id).execute();
  await db.updateTable('users').set({ display_name: '李明' }).where('id', '=', li.id).execute();
  const kiosk = async (regionCode: string, name: string, site: string | null) => {
    const k = await hub.addKiosk('approved', { regionCode });
    await db.updateTable('kiosks').set({ display_name: name, site }).where('id', '=', k.id).execute();
    return k.id;
  };
  const hongshan = await kiosk('420111', '洪山终端', '街道中心');
  const jiangan = await kiosk('420102', '江岸终端', null);
  const guangzhou = await kiosk('440111', '白云终端', null);
  const K1 = { kioskId: hongshan, regionCode: '420111' };
  const K2 = { kioskId: jiangan, regionCode: '420102' };
  const K3 = { kioskId: guangzhou, regionCode: '440111' };

  // Before the range: 23:59 on 28 February in China.
  await call(hub, { ...K1, created: '2026-02-28T15:59:00Z', reason: 'abandoned', endAfter: 5 });
  // March.
  await call(hub, {
    ...K1,
    created: '2026-03-02T02:00:00Z',
    lawyerId: wang.id,
    answerAfter: 20,
    endAfter: 300,
    reason: 'completed',
    record: 'legal-aid',
  });
  await call(hub, {
    ...K1,
    created: '2026-03-05T03:00:00Z',
    lawyerId: wang.id,
    answerAfter: 40,
    endAfter: 600,
    reason: 'completed',
    record: 'mediation',
  });
  await call(hub, {
    ...K2,
    created: '2026-03-10T01:00:00Z',
    lawyerId: li.id,
    answerAfter: 10,
    endAfter: 120,
    reason: 'dropped',
    record: 'draft',
  });

  // Rung at 李明, who lets it ring out; then the citizen leaves.
  const rung = '2026-03-12T06:00:00Z';
  await setDuty(db, li.id, 'available', at(rung));
  const abandoned = await call(hub, { ...K1, created: rung });
  expect(await ringLawyers(db, at(rung))).toBe(1);
  await sweepCalls(db, at(rung, 31), { kiosks: false, lawyers: false });
  expect(await endCall(db, abandoned, ['waiting'], 'abandoned', at(rung, 45))).toBeDefined();
  await setDuty(db, li.id, 'offline', at(rung, 50));

  await call(hub, { ...K2, created: '2026-03-20T06:00:00Z', reason: 'missed', endAfter: 600 });
  await call(hub, { ...K1, created: '2026-03-25T06:00:00Z', reason: 'dropped', endAfter: 25 });
  await call(hub, {
    ...K3,
    created: '2026-03-15T02:00:00Z',
    lawyerId: li.id,
    answerAfter: 60,
    endAfter: 60,
    reason: 'completed',
  });
  // April: 00:30 on 1 April in China; and a call still waiting.
  await call(hub, {
    ...K1,
    created: '2026-03-31T16:30:00Z',
    lawyerId: wang.id,
    answerAfter: 80,
    endAfter: 900,
    reason: 'completed',
    record: 'none',
  });
  await call(hub, { ...K2, created: '2026-04-03T02:00:00Z' });

  // Requests refused before queueing, on China days.
  const refuse = (k: typeof K1, reason: 'outside-hours' | 'no-lawyer', iso: string) =>
    countRefusal(db, { ...k, reason }, at(iso));
  await refuse(K1, 'outside-hours', '2026-02-28T15:30:00Z'); // 28 February, before the range
  await refuse(K1, 'outside-hours', '2026-02-28T16:30:00Z'); // 1 March, 00:30
  await refuse(K1, 'outside-hours', '2026-03-03T13:00:00Z');
  await refuse(K1, 'outside-hours', '2026-03-03T14:00:00Z');
  await refuse(K3, 'no-lawyer', '2026-03-04T02:00:00Z');
  await refuse(K2, 'no-lawyer', '2026-04-02T02:00:00Z');
  return { lawyers: { wang: wang.id, li: li.id }, kiosks: { hongshan, jiangan, guangzhou } };
}

const referrals = (r: Partial<Record<Referral, number>> = {}) => ({
  'legal-aid': 0,
  mediation: 0,
  litigation: 0,
  none: 0,
  ...r,
});
const p = (p50: number | null, p90: number | null = p50) => ({ p50, p90 });
const ZERO = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  missed: 0,
  droppedWaiting: 0,
  droppedInCall: 0,
  open: 0,
  refusedOutsideHours: 0,
  refusedNoLawyer: 0,
  waitSeconds: p(null),
  durationSeconds: p(null),
  recorded: 0,
  referrals: referrals(),
};

describe.each(ENGINES)('call figures, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });

  async function session(login: string, role: 'administrator' | 'regional-administrator', region: string | null) {
    const user = await hub.addAccount(login, role, region);
    return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
  }
  const figures = (token: string, body: object) =>
    hub.call({ method: 'POST', path: '/api/calls/figures', token, body });

  it('counts every call of the range, in total, per month, per lawyer and per kiosk, with refused requests beside', async () => {
    const { lawyers, kiosks } = await seed(hub);
    const admin = await session('admin', 'administrator', null);
    const res = await figures(admin, { from: '2026-03-01', to: '2026-04-30' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<CallFiguresResponse>();
    expect(body).toEqual({
      from: '2026-03-01',
      to: '2026-04-30',
      regionCode: null,
      total: {
        offered: 9,
        answered: 5,
        abandoned: 1,
        missed: 1,
        droppedWaiting: 1,
        droppedInCall: 1,
        open: 1,
        refusedOutsideHours: 3,
        refusedNoLawyer: 2,
        // Waits 10 20 40 60 80; durations 60 120 300 600 900.
        waitSeconds: p(40, 80),
        durationSeconds: p(300, 900),
        recorded: 3,
        referrals: referrals({ 'legal-aid': 1, mediation: 1, none: 1 }),
      },
      byMonth: [
        {
          month: '2026-03',
          ...ZERO,
          offered: 7,
          answered: 4,
          abandoned: 1,
          missed: 1,
          droppedWaiting: 1,
          droppedInCall: 1,
          refusedOutsideHours: 3,
          refusedNoLawyer: 1,
          // Waits 10 20 40 60; durations 60 120 300 600.
          waitSeconds: p(20, 60),
          durationSeconds: p(120, 600),
          recorded: 2,
          referrals: referrals({ 'legal-aid': 1, mediation: 1 }),
        },
        {
          month: '2026-04',
          ...ZERO,
          offered: 2,
          answered: 1,
          open: 1,
          refusedNoLawyer: 1,
          waitSeconds: p(80),
          durationSeconds: p(900),
          recorded: 1,
          referrals: referrals({ none: 1 }),
        },
      ],
      byLawyer: [
        {
          lawyerId: lawyers.wang,
          lawyerName: '王芳',
          answered: 3,
          droppedInCall: 0,
          offersUnanswered: 0,
          // Waits 20 40 80; durations 300 600 900.
          waitSeconds: p(40, 80),
          durationSeconds: p(600, 900),
          recorded: 3,
          referrals: referrals({ 'legal-aid': 1, mediation: 1, none: 1 }),
        },
        {
          lawyerId: lawyers.li,
          lawyerName: '李明',
          answered: 2,
          droppedInCall: 1,
          offersUnanswered: 1,
          // Waits 10 60; durations 60 120; the dropped call's record is a draft, not counted.
          waitSeconds: p(10, 60),
          durationSeconds: p(60, 120),
          recorded: 0,
          referrals: referrals(),
        },
      ],
      byKiosk: [
        {
          kioskId: kiosks.hongshan,
          kioskName: '洪山终端 · 街道中心',
          regionCode: '420111',
          ...ZERO,
          offered: 5,
          answered: 3,
          abandoned: 1,
          droppedWaiting: 1,
          refusedOutsideHours: 3,
          waitSeconds: p(40, 80),
          durationSeconds: p(600, 900),
          recorded: 3,
          referrals: referrals({ 'legal-aid': 1, mediation: 1, none: 1 }),
        },
        {
          kioskId: kiosks.jiangan,
          kioskName: '江岸终端',
          regionCode: '420102',
          ...ZERO,
          offered: 3,
          answered: 1,
          missed: 1,
          droppedInCall: 1,
          open: 1,
          refusedNoLawyer: 1,
          waitSeconds: p(10),
          durationSeconds: p(120),
        },
        {
          kioskId: kiosks.guangzhou,
          kioskName: '白云终端',
          regionCode: '440111',
          ...ZERO,
          offered: 1,
          answered: 1,
          refusedNoLawyer: 1,
          waitSeconds: p(60),
          durationSeconds: p(60),
        },
      ],
    });
    // The counts of a row add up to what was offered.
    const t = body.total;
    expect(t.answered + t.abandoned + t.missed + t.droppedWaiting + t.open).toBe(t.offered);
  });

  it('gives a regional administrator their region and below, and nothing of another', async () => {
    await seed(hub);
    const hubei = await session('hubei', 'regional-administrator', '420000');
    const guangdong = await session('guangdong', 'regional-administrator', '440000');
    const range = { from: '2026-03-01', to: '2026-03-31' };
    const mine = (await figures(hubei, range)).json<CallFiguresResponse>();
    expect(mine.regionCode).toBe('420000');
    expect(mine.total).toMatchObject({
      offered: 6,
      answered: 3,
      refusedOutsideHours: 3,
      refusedNoLawyer: 0,
      // Waits 10 20 40; durations 120 300 600.
      waitSeconds: p(20, 40),
      durationSeconds: p(300, 600),
    });
    expect(mine.byKiosk.map((k) => k.kioskName)).toEqual(['洪山终端 · 街道中心', '江岸终端']);
    expect(mine.byLawyer.map((l) => [l.lawyerName, l.answered, l.offersUnanswered])).toEqual([
      ['王芳', 2, 0],
      ['李明', 1, 1],
    ]);
    const wuhan = (await figures(hubei, { ...range, regionCode: '420102' })).json<CallFiguresResponse>();
    expect([wuhan.total.offered, wuhan.byKiosk.map((k) => k.regionCode)]).toEqual([2, ['420102']]);
    expect((await figures(guangdong, { ...range, regionCode: '420000' })).statusCode).toBe(403);
    expect((await figures(guangdong, range)).json<CallFiguresResponse>().total).toMatchObject({
      offered: 1,
      refusedNoLawyer: 1,
    });
  });

  it('refuses a range that ends before it starts, is longer than a year, or names no day', async () => {
    const admin = await session('admin', 'administrator', null);
    for (const body of [
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2025-01-01', to: '2026-01-02' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-3-1', to: '2026-03-01' },
    ]) {
      const res = await figures(admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await figures(admin, { from: '2025-01-01', to: '2026-01-01' })).json()).toMatchObject({
      byMonth: expect.arrayContaining([expect.objectContaining({ month: '2026-01', offered: 0 })]),
    });
  });

  it('counts the requests the desk turns away: outside the roster’s hours, and with no lawyer on duty', async () => {
    const admin = await session('admin', 'administrator', null);
    const { db } = hub.storage.storage;
    // T0 is a Monday, 09:00 in China: the roster has Tuesday only.
    await setRoster(db, '420100', [{ weekday: 'tue', hours: '09:00-17:00', lawyerId: null }], 'hubctl', hub.now());
    const caller = await addCaller(hub, { regionCode: '420111' });
    expect((await requestCall(caller.socket)).status).toMatchObject({ reason: 'outside-hours' });
    expect((await requestCall(caller.socket)).status).toMatchObject({ reason: 'outside-hours' });
    await setRoster(db, '420100', [], 'hubctl', hub.now());
    expect((await requestCall(caller.socket)).status).toMatchObject({ reason: 'no-lawyer' });
    const lawyer = await addLawyer(hub);
    await setDutyLive(lawyer.console, 'available');
    expect((await requestCall(caller.socket)).status).toMatchObject({ state: 'queued' });

    const day = '2026-03-02';
    const total = (await figures(admin, { from: day, to: day })).json<CallFiguresResponse>().total;
    expect(total).toMatchObject({ offered: 1, open: 1, refusedOutsideHours: 2, refusedNoLawyer: 1 });
    // Nothing of the requests but the count: no call rows for them.
    expect(await db.selectFrom('calls').select('id').execute()).toHaveLength(1);
  });
});
