import { describe, expect, it } from 'vitest';
import { CALL_KIOSK_GRACE_MS, CALL_OFFER_TIMEOUT_MS, DUTY_GRACE_MS } from '../../common/hub/api/calls';
import { findCall } from '../storage/calls';
import { answeredCall, ask, hears, queueWhere, requestCall, setDuty, waitingCall } from '../testing/call-clients';
import type { LiveClient } from '../testing/live-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub } from '../testing/test-hub';

/**
 * Calls and the sockets of their ends: a blip keeps the call and the
 * signaling sent meanwhile; an end away past its grace ends it; a hub
 * that restarts ends nothing by itself; the clock ends what waited too
 * long, and a queue nobody serves any more ends at once.
 */

const OFFER = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } } as const;
const CANDIDATE = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' } } as const;

const close = async (client: LiveClient) => {
  client.ws.close();
  await client.closed;
};

describe.each(ENGINES)('calls and their ends’ sockets, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });
  const state = async (callId: string) => (await findCall(hub.storage.storage.db, callId))?.state;

  it('a kiosk’s blip keeps its call: the signaling sent meanwhile is handed over when it is back, on this instance or another', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub, { callerName: '张三' });
    await close(caller.socket);
    lawyer.console.send({ type: 'call-signal', id: 's1', callId, signal: OFFER });
    lawyer.console.send({ type: 'call-signal', id: 's2', callId, signal: CANDIDATE });
    // Relayed, not refused: the lawyer hears nothing back.
    await ask(lawyer.console, { type: 'queue-sync' });
    expect(lawyer.console.heard.filter((m) => m.type === 'error')).toEqual([]);
    hub.advance(CALL_KIOSK_GRACE_MS - 1000);
    await hub.server.calls.tick();
    expect(await state(callId)).toBe('in-call');

    const back = await caller.reconnect();
    await hears(back, (m) => m.type === 'call-signal' && 'candidate' in m.signal);
    expect(back.heard.filter((m) => m.type === 'call-signal')).toEqual([
      { type: 'call-signal', callId, signal: OFFER },
      { type: 'call-signal', callId, signal: CANDIDATE },
    ]);
    // Asking again for its call, it hears it is answered, with fresh credentials.
    expect((await requestCall(back, { callId })).status).toMatchObject({ state: 'answered', lawyerName: '王律师' });

    // Away again, back on another instance: what was sent meanwhile is there too.
    const other = await hub.startOtherInstance();
    await close(back);
    lawyer.console.send({ type: 'call-signal', id: 's3', callId, signal: CANDIDATE });
    await ask(lawyer.console, { type: 'queue-sync' });
    const elsewhere = await caller.reconnect(other.port);
    expect(await hears(elsewhere, (m) => m.type === 'call-signal')).toEqual({
      type: 'call-signal',
      callId,
      signal: CANDIDATE,
    });
  });

  it('a kiosk away past CALL_KIOSK_GRACE_MS drops its call: the lawyer is told, the name goes', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub, { callerName: '张三' });
    await close(caller.socket);
    hub.advance(CALL_KIOSK_GRACE_MS + 1000);
    await hub.server.calls.tick();
    expect(await hears(lawyer.console, (m) => m.type === 'call-ended')).toEqual({
      type: 'call-ended',
      callId,
      reason: 'dropped',
    });
    expect(await findCall(hub.storage.storage.db, callId)).toMatchObject({ state: 'ended', caller_name: null });
    // Back too late: it hears its call ended.
    expect((await requestCall(await caller.reconnect(), { callId })).status).toEqual({
      state: 'ended',
      reason: 'dropped',
    });
  });

  it('a waiting kiosk away past its grace leaves the queue of every console', async () => {
    const { lawyer, caller, callId } = await waitingCall(hub);
    await queueWhere(lawyer.console, (q) => q.calls.length === 1);
    await close(caller.socket);
    hub.advance(CALL_KIOSK_GRACE_MS + 1000);
    await hub.server.calls.tick();
    await hears(lawyer.console, (m) => m.type === 'call-gone' && m.reason === 'ended');
    await queueWhere(lawyer.console, (q) => q.calls.length === 0);
    expect(await findCall(hub.storage.storage.db, callId)).toMatchObject({ state: 'ended', end_reason: 'dropped' });
  });

  it('a lawyer whose consoles are all gone past DUTY_GRACE_MS goes offline, saying why; one in a call keeps it till then', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub, { callerName: '张三' });
    await close(lawyer.console);
    hub.advance(DUTY_GRACE_MS - 1000);
    await hub.server.calls.tick();
    expect(await state(callId)).toBe('in-call');
    // The page reloaded in time: the call goes on, and the console sees it is in it.
    const reloaded = await lawyer.open();
    expect(reloaded.heard.find((m) => m.type === 'queue')).toMatchObject({ queue: { activeCallId: callId } });
    hub.advance(2000);
    await hub.server.calls.tick();
    expect(await state(callId)).toBe('in-call');

    await close(reloaded);
    hub.advance(DUTY_GRACE_MS + 1000);
    await hub.server.calls.tick();
    expect(await hears(caller.socket, (m) => m.type === 'call-ended')).toMatchObject({ reason: 'dropped' });
    const back = await lawyer.open();
    expect(back.heard.find((m) => m.type === 'queue')).toMatchObject({
      queue: { duty: 'offline', dutyReason: 'disconnected', activeCallId: null },
    });
  });

  it('a hub instance that starts after an outage ends no call by itself: the ends get their grace to come back', async () => {
    const { lawyer, caller, callId } = await answeredCall(hub, { callerName: '张三' });
    // The instance they were on is gone (a crash: nothing was said), and comes back ten minutes later.
    await close(caller.socket);
    await close(lawyer.console);
    hub.advance(10 * 60_000);
    const restarted = await hub.startOtherInstance();
    await restarted.calls.tick();
    expect(await state(callId)).toBe('in-call');
    // Both ends come back to it within their grace: the call goes on past it.
    const kiosk = await caller.reconnect(restarted.port);
    await lawyer.open(restarted.port);
    hub.advance(DUTY_GRACE_MS + 1000);
    await restarted.calls.tick();
    expect(await state(callId)).toBe('in-call');
    // Only an end that then stays away loses it.
    await close(kiosk);
    hub.advance(CALL_KIOSK_GRACE_MS + 1000);
    await restarted.calls.tick();
    expect(await findCall(hub.storage.storage.db, callId)).toMatchObject({ state: 'ended', end_reason: 'dropped' });
  });

  it('a caller who waited past the longest wait is missed: told so, and gone from the queue', async () => {
    const { lawyer, caller, callId } = await waitingCall(hub, { maxWaitSeconds: 45 });
    hub.advance(44_000);
    await hub.server.calls.tick();
    expect(await state(callId)).toBe('waiting');
    hub.advance(1000);
    await hub.server.calls.tick();
    expect(await hears(caller.socket, (m) => m.type === 'call-status' && m.status.state === 'ended')).toMatchObject({
      callId,
      status: { reason: 'missed' },
    });
    await queueWhere(lawyer.console, (q) => q.calls.length === 0);
  });

  it('when the last lawyer who serves a caller goes offline, the caller is told at once, not at the longest wait', async () => {
    const { lawyer, caller, callId } = await waitingCall(hub);
    // 暂离 keeps the caller waiting: the lawyer may be back.
    await setDuty(lawyer.console, 'away');
    expect(await state(callId)).toBe('waiting');
    await setDuty(lawyer.console, 'offline');
    expect(
      await hears(caller.socket, (m) => m.type === 'call-status' && m.status.state === 'ended', 2000),
    ).toMatchObject({ status: { reason: 'missed' } });
  });
});

describe.each(ENGINES)('the call desk’s own clock, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true, callTickMs: 50 });

  it('times an offer out by itself once its time has passed', async () => {
    const { lawyer, callId } = await waitingCall(hub);
    await queueWhere(lawyer.console, (q) => q.calls[0]?.ringing === true);
    hub.advance(CALL_OFFER_TIMEOUT_MS);
    const rangOut = await queueWhere(lawyer.console, (q) => q.calls[0]?.ringing === false);
    expect(rangOut.calls.map((c) => c.callId)).toEqual([callId]);
    const offers = await hub.storage.storage.db.selectFrom('call_offers').select('outcome').execute();
    expect(offers).toEqual([{ outcome: 'timed-out' }]);
  });
});
