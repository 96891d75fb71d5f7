import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALL_OFFER_TIMEOUT_MS, CALL_WRAP_UP_MS } from '../../common/hub/api/calls';
import { listAudit } from '../storage/audit-log';
import { findCall } from '../storage/calls';
import { openSession } from '../storage/sessions';
import {
  addCaller,
  addLawyer,
  answeredCall,
  ask,
  queueWhere,
  requestCall,
  setDuty,
  type Heard,
} from '../testing/call-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub } from '../testing/test-hub';

const OFFER = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } } as const;
const ANSWER = { description: { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' } } as const;
const CANDIDATE = {
  candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
} as const;

describe.each(ENGINES)('a video call through the hub, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('queues the caller, rings the lawyer, gives the call to the one who answers, and relays signaling both ways', async () => {
    const lawyer = await addLawyer(hub, { name: '王芳' });
    expect(await setDuty(lawyer.console, 'available')).toEqual({
      duty: 'available',
      dutyReason: null,
      calls: [],
      activeCallId: null,
    });
    const caller = await addCaller(hub);
    const callId = randomUUID();
    const queued = await requestCall(caller.socket, { callId, callerName: '张三' });
    expect(queued.status).toEqual({ state: 'queued', position: 1, estimatedWaitSeconds: 60 });

    const ringing = await queueWhere(lawyer.console, (q) => q.calls.length === 1);
    expect(ringing.calls).toEqual([
      {
        callId,
        topic: 'labour',
        regionCode: '420111',
        kioskName: '测试终端',
        // Masked until the call is answered.
        callerName: '张*',
        waitingSince: hub.now().toISOString(),
        ringing: true,
      },
    ]);

    const won = (await ask(lawyer.console, { type: 'call-accept', callId })) as Heard<'call-accept-result'>;
    expect(won).toMatchObject({ outcome: 'won', callId, callerName: '张三' });
    expect(won.ice).toMatchObject({ iceServers: [], iceTransportPolicy: 'all' });
    const answered = (await caller.socket.next(
      (m) => m.type === 'call-status' && m.status.state === 'answered',
    )) as Heard<'call-status'>;
    expect(answered.status).toMatchObject({ state: 'answered', lawyerName: '王律师' });
    expect(await queueWhere(lawyer.console, (q) => q.activeCallId === callId)).toMatchObject({ calls: [] });

    // Both ways, in order, only to the other end.
    lawyer.console.send({ type: 'call-signal', id: 's-1', callId, signal: OFFER });
    lawyer.console.send({ type: 'call-signal', id: 's-2', callId, signal: CANDIDATE });
    expect(await caller.socket.next((m) => m.type === 'call-signal')).toEqual({
      type: 'call-signal',
      callId,
      signal: OFFER,
    });
    expect(await caller.socket.next((m) => m.type === 'call-signal')).toEqual({
      type: 'call-signal',
      callId,
      signal: CANDIDATE,
    });
    caller.socket.send({ type: 'call-signal', id: 's-3', callId, signal: ANSWER });
    expect(await lawyer.console.next((m) => m.type === 'call-signal')).toEqual({
      type: 'call-signal',
      callId,
      signal: ANSWER,
    });
    expect(lawyer.console.heard.filter((m) => m.type === 'call-signal')).toHaveLength(1);

    // Fresh TURN credentials for either end.
    expect(await ask(caller.socket, { type: 'ice-config', callId })).toMatchObject({ type: 'ice-config', callId });

    const end = await ask(lawyer.console, { type: 'call-end', callId });
    expect(end).toMatchObject({ type: 'call-ended', callId, reason: 'completed' });
    expect(await caller.socket.next((m) => m.type === 'call-status' && m.status.state === 'ended')).toMatchObject({
      status: { state: 'ended', reason: 'completed' },
    });
    expect(await caller.socket.next((m) => m.type === 'call-ended')).toEqual({
      type: 'call-ended',
      callId,
      reason: 'completed',
    });
    // The lawyer heard of the end once: in the answer.
    await queueWhere(lawyer.console, (q) => q.activeCallId === null);
    expect(lawyer.console.heard.filter((m) => m.type === 'call-ended')).toHaveLength(1);

    // The name went with the call; its masked form stays for the record, and the log never had it.
    expect(await findCall(hub.storage.storage.db, callId)).toMatchObject({
      state: 'ended',
      end_reason: 'completed',
      caller_name: null,
      caller_name_masked: '张*',
    });
    const audit = await listAudit(hub.storage.storage.db, { limit: 20 });
    expect(audit.find((a) => a.action === 'call.accept')).toMatchObject({ target: `call:${callId}` });
    expect(JSON.stringify(audit)).not.toContain('张三');
    expect(hub.logs.join('\n')).not.toContain('张三');
    expect(hub.logs.join('\n')).not.toContain('v=0');
  });

  it('puts a second caller second, and moves them up when the first is answered', async () => {
    const lawyer = await addLawyer(hub);
    await setDuty(lawyer.console, 'available');
    const first = await addCaller(hub);
    const second = await addCaller(hub);
    const firstCall = randomUUID();
    await requestCall(first.socket, { callId: firstCall });
    hub.advance(1000);
    expect((await requestCall(second.socket)).status).toMatchObject({ state: 'queued', position: 2 });
    await queueWhere(lawyer.console, (q) => q.calls.length === 2);
    await ask(lawyer.console, { type: 'call-accept', callId: firstCall });
    expect(await second.socket.next((m) => m.type === 'call-status' && m.status.state === 'queued')).toMatchObject({
      status: { position: 1 },
    });
  });

  it('tells a kiosk there is no lawyer, or that it is outside the roster’s hours and when duty starts', async () => {
    const caller = await addCaller(hub, { regionCode: '420111' });
    expect((await requestCall(caller.socket)).status).toEqual({
      state: 'unavailable',
      reason: 'no-lawyer',
      nextDutyAt: null,
    });
    // A lawyer away is not one available.
    const lawyer = await addLawyer(hub);
    await setDuty(lawyer.console, 'away');
    expect((await requestCall(caller.socket)).status).toMatchObject({ state: 'unavailable', reason: 'no-lawyer' });
    await setDuty(lawyer.console, 'available');

    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    // T0 is Monday 09:00 in China; the city's roster covers the district's kiosks.
    const set = await hub.call({
      method: 'POST',
      path: '/api/duty-roster/set',
      token,
      body: { regionCode: '420100', entries: [{ weekday: 'mon', hours: '14:00-17:00', lawyerId: lawyer.user.id }] },
    });
    expect(set.json()).toMatchObject({ outcome: 'set', entries: [{ lawyerName: '王芳' }] });
    expect((await requestCall(caller.socket)).status).toEqual({
      state: 'unavailable',
      reason: 'outside-hours',
      nextDutyAt: '2026-03-02T06:00:00.000Z',
    });
    hub.advance(5 * 3600_000);
    expect((await requestCall(caller.socket)).status).toMatchObject({ state: 'queued', position: 1 });
    // Nothing was queued while it was refused.
    const rows = await hub.storage.storage.db.selectFrom('calls').select('state').execute();
    expect(rows).toEqual([{ state: 'waiting' }]);
  });

  it('answers a second accept of a taken call `taken`, of an ended one `gone`, and a lawyer in a call `busy`', async () => {
    const a = await addLawyer(hub);
    const b = await addLawyer(hub);
    await setDuty(a.console, 'available');
    await setDuty(b.console, 'available');
    const one = await addCaller(hub);
    const two = await addCaller(hub);
    const first = randomUUID();
    const second = randomUUID();
    await requestCall(one.socket, { callId: first });
    await requestCall(two.socket, { callId: second });
    expect(await ask(a.console, { type: 'call-accept', callId: first })).toMatchObject({ outcome: 'won' });
    expect(await ask(b.console, { type: 'call-accept', callId: first })).toMatchObject({ outcome: 'taken' });
    expect(await ask(a.console, { type: 'call-accept', callId: second })).toMatchObject({ outcome: 'busy' });
    // The same 接听 again (a console that reconnected) wins again, and the kiosk is not told twice.
    expect(await ask(a.console, { type: 'call-accept', callId: first })).toMatchObject({ outcome: 'won' });
    await ask(one.socket, { type: 'call-cancel', callId: first });
    expect(await ask(b.console, { type: 'call-accept', callId: first })).toMatchObject({ outcome: 'gone' });
    expect(one.socket.heard.filter((m) => m.type === 'call-status' && m.status.state === 'answered')).toHaveLength(1);
  });

  it('rings an offer for CALL_OFFER_TIMEOUT_MS, keeps the caller first, and sets a lawyer who let three ring out to 暂离, saying why', async () => {
    const other = await hub.startOtherInstance();
    const lawyer = await addLawyer(hub);
    await setDuty(lawyer.console, 'available');
    const calls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const caller = await addCaller(hub);
      calls.push(randomUUID());
      await requestCall(caller.socket, { callId: calls[i]! });
      hub.advance(1000);
    }
    const ringingOf = (q: Heard<'queue'>['queue']) => q.calls.filter((c) => c.ringing).map((c) => c.callId);
    expect(ringingOf(await queueWhere(lawyer.console, (q) => q.calls.length === 3))).toEqual([calls[0]]);
    for (let i = 0; i < 3; i++) {
      hub.advance(CALL_OFFER_TIMEOUT_MS);
      // Both instances sweep at the same moment: each offer counts once.
      await hub.server.calls.touch();
      await Promise.all([hub.server.calls.sweep(), other.calls.sweep()]);
      if (i < 2) {
        // The next caller rings; the one that rang out stays first in line, not ringing this lawyer again.
        const q = await queueWhere(lawyer.console, (q) => ringingOf(q)[0] === calls[i + 1]);
        expect(q.calls.map((c) => c.callId)).toEqual(calls);
        expect(q.duty).toBe('available');
      }
    }
    const away = await queueWhere(lawyer.console, (q) => q.duty === 'away');
    expect(away).toMatchObject({ duty: 'away', dutyReason: 'unanswered-offers' });
    expect(ringingOf(away)).toEqual([]);
    const rows = await hub.storage.storage.db.selectFrom('lawyer_duty').selectAll().execute();
    expect(rows).toMatchObject([{ status: 'away', reason: 'unanswered-offers', unanswered_in_row: 3 }]);
    // Setting the status again rings the first caller again, and forgets the reason.
    const back = await setDuty(lawyer.console, 'available');
    expect(back).toMatchObject({ duty: 'available', dutyReason: null });
    expect(ringingOf(back)).toEqual([calls[0]]);
  });

  it('rings a lawyer again only after the wrap-up that follows their call', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub);
    const next = await addCaller(hub);
    const waiting = randomUUID();
    await requestCall(next.socket, { callId: waiting });
    // In a call: the caller is in the queue, not ringing this lawyer.
    const listed = (q: Heard<'queue'>['queue']) => q.calls.some((c) => c.callId === waiting);
    expect(await queueWhere(lawyer.console, listed)).toMatchObject({
      activeCallId: callId,
      calls: [{ callId: waiting, ringing: false }],
    });
    await ask(caller.socket, { type: 'call-end', callId });
    expect(await queueWhere(lawyer.console, (q) => listed(q) && q.activeCallId === null)).toMatchObject({
      calls: [{ callId: waiting, ringing: false }],
    });
    hub.advance(CALL_WRAP_UP_MS - 1000);
    await hub.server.calls.tick();
    expect(await ask(lawyer.console, { type: 'queue-sync' })).toMatchObject({
      queue: { calls: [{ callId: waiting, ringing: false }] },
    });
    hub.advance(1000);
    await hub.server.calls.tick();
    expect(await queueWhere(lawyer.console, (q) => q.calls[0]?.ringing === true)).toMatchObject({
      duty: 'available',
      calls: [{ callId: waiting }],
    });
    // Rung once for the waiting caller, by the tick after the wrap-up, not before.
    const rung = lawyer.console.heard.filter(
      (m) => m.type === 'queue' && m.queue.calls.some((c) => c.callId === waiting && c.ringing),
    );
    expect(rung).toHaveLength(1);
  });

  it('gives a console that opens (or asks) the whole queue, with what arrived while it was away', async () => {
    const lawyer = await addLawyer(hub);
    await setDuty(lawyer.console, 'available');
    lawyer.console.ws.close();
    await lawyer.console.closed;
    const caller = await addCaller(hub);
    const callId = randomUUID();
    await requestCall(caller.socket, { callId });
    const reopened = await lawyer.open();
    expect(reopened.heard.find((m) => m.type === 'queue')).toMatchObject({
      queue: { duty: 'available', calls: [{ callId, ringing: true }] },
    });
    expect(await ask(reopened, { type: 'queue-sync' })).toMatchObject({ queue: { calls: [{ callId }] } });
  });

  it('keeps every caller’s and lawyer’s calls their own: whatever names another’s call is refused `not-party`', async () => {
    const lawyer = await addLawyer(hub);
    const stranger = await addLawyer(hub);
    // Another city's lawyer: the call is not in their queues.
    const elsewhere = await addLawyer(hub, { regionCode: '440100' });
    await setDuty(lawyer.console, 'available');
    const caller = await addCaller(hub);
    const intruder = await addCaller(hub);
    const callId = randomUUID();
    await requestCall(caller.socket, { callId });
    expect(await ask(elsewhere.console, { type: 'call-accept', callId })).toMatchObject({ outcome: 'gone' });
    expect(await ask(elsewhere.console, { type: 'queue-sync' })).toMatchObject({ queue: { calls: [] } });
    await ask(lawyer.console, { type: 'call-accept', callId });
    const refusals = [
      await ask(intruder.socket, {
        type: 'call-request',
        callId,
        topic: 'labour',
        callerName: null,
        maxWaitSeconds: 600,
      }),
      await ask(intruder.socket, { type: 'call-cancel', callId }),
      await ask(intruder.socket, { type: 'call-end', callId }),
      await ask(intruder.socket, { type: 'ice-config', callId }),
      await ask(intruder.socket, { type: 'call-signal', callId, signal: OFFER }),
      await ask(stranger.console, { type: 'call-signal', callId, signal: OFFER }),
      await ask(stranger.console, { type: 'call-end', callId }),
      await ask(stranger.console, { type: 'ice-config', callId }),
    ];
    expect(refusals).toEqual(
      refusals.map(() =>
        expect.objectContaining({ type: 'error', code: 'not-party', message: 'No call of yours has this id' }),
      ),
    );
    expect(await findCall(hub.storage.storage.db, callId)).toMatchObject({
      state: 'in-call',
      kiosk_id: caller.kiosk.id,
    });
    expect(caller.socket.heard.filter((m) => m.type === 'call-signal')).toEqual([]);
  });
});

describe.each(ENGINES)('TURN for calls, on %s', { timeout: 30_000 }, (engine) => {
  const turn = {
    urls: ['turns:turn.example.gov.cn:443?transport=tcp'],
    secret: 'q8Zr1v7XwP3kL0sT9yB2nM4c',
    ttlSeconds: 600,
    relayOnly: true,
  };
  const hub = useTestHub(engine, { listen: true, turn });

  it('gives each end its own short-lived credentials of the shared secret, and the relay policy configured', async () => {
    const { lawyer, caller, callId, won } = await answeredCall(hub);
    const answered = (await caller.socket.next(
      (m) => m.type === 'call-status' && m.status.state === 'answered',
    )) as Heard<'call-status'>;
    const expires = hub.now().getTime() / 1000 + 600;
    const credentials = (who: string) => ({
      iceServers: [
        {
          urls: turn.urls,
          username: `${expires}:${who}`,
          credential: createHmac('sha1', turn.secret).update(`${expires}:${who}`).digest('base64'),
        },
      ],
      iceTransportPolicy: 'relay',
      expiresAt: new Date(expires * 1000).toISOString(),
    });
    expect(won.ice).toEqual(credentials(`user-${lawyer.user.id}`));
    expect(answered.status).toMatchObject({ ice: credentials(`kiosk-${caller.kiosk.id}`) });
    // Renewed later: a new expiry.
    hub.advance(300_000);
    const renewed = await ask(caller.socket, { type: 'ice-config', callId });
    expect(renewed).toMatchObject({ ice: { expiresAt: new Date((expires + 300) * 1000).toISOString() } });
    expect(hub.logs.join('\n')).not.toContain(turn.secret);
  });
});
