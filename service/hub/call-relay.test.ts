import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../common/api/events';
import type { CallDocumentNotice, IceConfig } from '../../common/hub/api/calls';
import { createLogger } from '../../server-kit/logger';
import { enrolledWithFakeHub, type FakeCallHub } from '../testing/fake-call-hub';
import { CallRelay, type CallRelayOptions } from './call-relay';
import { CALL_RECONNECT_MAX_WINDOW_MS, CALL_RECONNECT_MIN_MS, HubLink, RECONNECT_BASE_MS } from './hub-link';

/**
 * The kiosk's call relay over a real HubLink and a real WebSocket, against
 * a small fake hub socket (service/testing/fake-call-hub.ts) that checks
 * every message against the live contract: the hub's own queue and
 * signaling are built apart, and the end-to-end test of both comes with them.
 */

const ICE: IceConfig = { iceServers: [], iceTransportPolicy: 'all', expiresAt: '2099-01-01T00:00:00Z' };
const NAME = '张三丰';

const waitFor = async (what: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error('waited in vain');
    await new Promise((r) => setTimeout(r, 10));
  }
};

interface Side {
  hub: FakeCallHub;
  link: HubLink;
  relay: CallRelay;
  events: ServiceEvent[];
  logs: string[];
  waits: number[];
  active: boolean[];
  documents: { callId: string; notice: CallDocumentNotice }[];
}

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function side({
  enrolled = true,
  random,
  ...opts
}: Partial<Omit<CallRelayOptions, 'enrolled'>> & { enrolled?: boolean; random?: () => number } = {}): Promise<Side> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-call-relay-'));
  const { hub, identity } = await enrolledWithFakeHub(dataDir, 7);
  stops.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const logs: string[] = [];
  const logger = createLogger({ destination: { write: (s: string) => void logs.push(s) } });
  const waits: number[] = [];
  const link = new HubLink({ logger, onReconnectWait: (ms) => waits.push(ms), ...(random ? { random } : {}) });
  const events: ServiceEvent[] = [];
  const active: boolean[] = [];
  const documents: Side['documents'] = [];
  const relay = new CallRelay({
    link,
    enrolled: () => enrolled,
    maxWaitSeconds: 600,
    publish: (e) => events.push(e),
    logger,
    onActiveChange: (a) => active.push(a),
    onDocument: (callId, notice) => documents.push({ callId, notice }),
    ...opts,
  });
  stops.push(() => hub.stop());
  stops.push(() => {
    relay.stop();
    link.stop();
  });
  if (enrolled) {
    link.use(identity);
    await waitFor(() => link.isOpen());
  }
  return { hub, link, relay, events, logs, waits, active, documents };
}

const request = (callId = randomUUID(), callerName: string | null = null) =>
  ({ callId, topic: 'labour', callerName }) as const;

describe('asking for a lawyer', () => {
  it('says at once that this kiosk has no hub, asking no one', async () => {
    const s = await side({ enrolled: false });
    const answer = await s.relay.request(request());
    expect(answer.status).toEqual({ state: 'unavailable', reason: 'hub-not-configured', nextDutyAt: null });
    expect(s.hub.received).toEqual([]);
    expect(s.active).toEqual([]);
  });

  it('says at once that the hub is out of reach when the socket is down', async () => {
    const s = await side();
    s.hub.accepting = false;
    s.hub.drop();
    await waitFor(() => !s.link.isOpen());
    const started = Date.now();
    const answer = await s.relay.request(request());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.status).toMatchObject({ state: 'unavailable', reason: 'hub-unreachable' });
  });

  it('answers with the hub’s first word; the place in line follows; the name goes in the request only and to no log', async () => {
    const s = await side();
    s.hub.queueEveryCallAt(3);
    const callId = randomUUID();
    const answer = await s.relay.request(request(callId, NAME));
    expect(answer).toEqual({ callId, status: { state: 'queued', position: 3, estimatedWaitSeconds: 180 } });
    const [sent] = s.hub.messages('call-request');
    expect(sent).toMatchObject({ callId, topic: 'labour', callerName: NAME, maxWaitSeconds: 600 });
    expect(s.link.isUrgent()).toBe(true);
    expect(s.active).toEqual([true]);

    s.hub.send({ type: 'call-status', callId, status: { state: 'queued', position: 1, estimatedWaitSeconds: 30 } });
    s.hub.send({ type: 'call-status', callId, status: { state: 'answered', lawyerName: '王律师', ice: ICE } });
    await waitFor(() => s.events.length >= 3);
    expect(s.events.map((e) => e.type === 'call-status' && e.status.state)).toEqual(['queued', 'queued', 'answered']);
    expect(s.relay.current()).toEqual({ callId, status: { state: 'answered', lawyerName: '王律师', ice: ICE } });

    s.hub.send({ type: 'call-ended', callId, reason: 'completed' });
    await waitFor(() => s.relay.current() === null);
    expect(s.events.at(-1)).toEqual({ type: 'call-ended', callId, reason: 'completed' });
    expect(s.link.isUrgent()).toBe(false);
    expect(s.active).toEqual([true, false]);
    expect(s.logs.join('\n')).not.toContain(NAME);
    expect(s.hub.malformed).toEqual([]);
  });

  it('the same request twice is one call', async () => {
    const s = await side();
    s.hub.queueEveryCallAt(2);
    const r = request();
    const [a, b] = await Promise.all([s.relay.request(r), s.relay.request(r)]);
    expect(a).toEqual(b);
    expect(s.hub.messages('call-request')).toHaveLength(1);
  });

  it('no lawyer, or outside hours: the hub’s reason and next duty, and the call is over', async () => {
    const s = await side();
    s.hub.answer = (m, send) => {
      if (m.type === 'call-request')
        send({
          type: 'call-status',
          callId: m.callId,
          inReplyTo: m.id,
          status: { state: 'unavailable', reason: 'outside-hours', nextDutyAt: '2026-12-08T01:00:00.000Z' },
        });
    };
    const answer = await s.relay.request(request());
    expect(answer.status).toEqual({
      state: 'unavailable',
      reason: 'outside-hours',
      nextDutyAt: '2026-12-08T01:00:00.000Z',
    });
    expect(s.relay.current()).toBeNull();
    expect(s.link.isUrgent()).toBe(false);
  });

  it('a hub that says nothing: the hub is out of reach after the request timeout, and the call is cancelled', async () => {
    const s = await side({ requestTimeoutMs: 300 });
    const r = request();
    const answer = await s.relay.request(r);
    expect(answer.status).toMatchObject({ state: 'unavailable', reason: 'hub-unreachable' });
    await s.hub.until(() => s.hub.messages('call-cancel').length === 1);
    expect(s.hub.messages('call-cancel')[0]?.callId).toBe(r.callId);
  });

  it('a hub that refuses the request (an older hub, its database down): out of reach, not a hang', async () => {
    const s = await side();
    s.hub.answer = (m, send) => {
      if (m.type === 'call-request') send({ type: 'error', code: 'failed', message: 'database busy', inReplyTo: m.id });
    };
    const answer = await s.relay.request(request());
    expect(answer.status).toMatchObject({ state: 'unavailable', reason: 'hub-unreachable' });
  });
});

describe('while the call waits', () => {
  it('a dropped socket comes back within seconds and asks again for the same call: its place is kept', async () => {
    const s = await side();
    s.hub.queueEveryCallAt(2);
    const r = request(undefined, NAME);
    await s.relay.request(r);
    const connections = s.hub.connectionCount;
    s.waits.length = 0;
    s.hub.drop();
    await s.hub.until(() => s.hub.messages('call-request').length === 2);
    expect(s.hub.connectionCount).toBe(connections + 1);
    expect(s.waits).toHaveLength(1);
    expect(s.waits[0]).toBeGreaterThanOrEqual(CALL_RECONNECT_MIN_MS);
    expect(s.waits[0]).toBeLessThan(CALL_RECONNECT_MIN_MS + CALL_RECONNECT_MAX_WINDOW_MS);
    const [first, again] = s.hub.messages('call-request');
    expect(again?.callId).toBe(r.callId);
    expect(again?.id).not.toBe(first?.id);
    expect(again).toMatchObject({ topic: 'labour', callerName: NAME });
  });

  it('with no call, a dropped socket waits the fleet’s long window; a call cuts a long wait short', async () => {
    const s = await side({ random: () => 0.9 });
    s.waits.length = 0;
    s.hub.drop();
    await waitFor(() => s.waits.length === 1);
    expect(s.waits[0]).toBe(0.9 * RECONNECT_BASE_MS);
    // A call begins while that wait runs (the screen asked just as the link dropped): the link tries again within seconds.
    s.link.setUrgent(true);
    expect(s.waits).toEqual([0.9 * RECONNECT_BASE_MS, CALL_RECONNECT_MIN_MS + 0.9 * 1000]);
    await waitFor(() => s.link.isOpen(), 3000);
  });

  it('the quick tries during a call do not widen the long window the kiosk falls back to once no call waits', async () => {
    const s = await side({ random: () => 0.5 });
    s.link.setUrgent(true);
    s.hub.accepting = false;
    s.waits.length = 0;
    s.hub.drop();
    // Several quick tries refused while the call waits…
    await waitFor(() => s.waits.length >= 3, 15_000);
    expect(Math.max(...s.waits)).toBeLessThan(CALL_RECONNECT_MIN_MS + CALL_RECONNECT_MAX_WINDOW_MS);
    // …then the call is over: the next wait is drawn from the first long window, not one doubled per quick try.
    s.link.setUrgent(false);
    const quick = s.waits.length;
    await waitFor(() => s.waits.length > quick, 10_000);
    expect(s.waits.at(-1)).toBe(0.5 * RECONNECT_BASE_MS);
  }, 30_000);

  it('a socket away longer than the hub keeps a caller ends the wait as out of reach; the cancel goes when it is back', async () => {
    const s = await side({ graceMs: 500 });
    s.hub.queueEveryCallAt(1);
    const r = request();
    await s.relay.request(r);
    s.hub.accepting = false;
    s.hub.drop();
    await waitFor(() => s.events.some((e) => e.type === 'call-status' && e.status.state === 'unavailable'), 5000);
    expect(s.events.at(-1)).toEqual({
      type: 'call-status',
      callId: r.callId,
      status: { state: 'unavailable', reason: 'hub-unreachable', nextDutyAt: null },
    });
    expect(s.relay.current()).toBeNull();
    s.hub.accepting = true;
    // No call, so no hurry: the link is back on the long window, drawn at random; the owed cancel waits for it.
    s.link.setUrgent(true);
    await s.hub.until(() => s.hub.messages('call-cancel').length === 1, 10_000);
    expect(s.hub.messages('call-cancel')[0]?.callId).toBe(r.callId);
    expect(s.hub.messages('call-request')).toHaveLength(1);
  });

  it('past the longest wait with the hub silent, the kiosk ends the wait itself and cancels', async () => {
    const s = await side({ waitLimitMs: 400 });
    s.hub.queueEveryCallAt(4);
    const r = request();
    await s.relay.request(r);
    await waitFor(() => s.relay.current() === null, 5000);
    expect(s.events.at(-1)).toMatchObject({ type: 'call-status', status: { reason: 'waited-too-long' } });
    await s.hub.until(() => s.hub.messages('call-cancel').length === 1);
  });

  it('取消 while waiting cancels at the hub; hanging up an answered call ends it there', async () => {
    const s = await side();
    s.hub.queueEveryCallAt(1);
    const waiting = request();
    await s.relay.request(waiting);
    s.relay.end(waiting.callId);
    await s.hub.until(() => s.hub.messages('call-cancel').length === 1);
    expect(s.relay.current()).toBeNull();

    const answered = request();
    await s.relay.request(answered);
    s.hub.send({
      type: 'call-status',
      callId: answered.callId,
      status: { state: 'answered', lawyerName: '王律师', ice: ICE },
    });
    await waitFor(() => s.relay.current()?.status.state === 'answered');
    s.relay.endSession();
    await s.hub.until(() => s.hub.messages('call-end').length === 1);
    expect(s.hub.messages('call-end')[0]?.callId).toBe(answered.callId);
    expect(s.active).toEqual([true, false, true, false]);
  });

  it('a new call while an old one lingers (the page reloaded) cancels the old one first', async () => {
    const s = await side();
    s.hub.queueEveryCallAt(1);
    const old = request();
    await s.relay.request(old);
    const fresh = request();
    await s.relay.request(fresh);
    expect(s.hub.messages('call-cancel').map((m) => m.callId)).toEqual([old.callId]);
    expect(s.relay.current()?.callId).toBe(fresh.callId);
  });
});

describe('in the call', () => {
  async function answered(s: Side): Promise<string> {
    s.hub.queueEveryCallAt(1);
    const r = request();
    await s.relay.request(r);
    s.hub.send({
      type: 'call-status',
      callId: r.callId,
      status: { state: 'answered', lawyerName: '王律师', ice: ICE },
    });
    await waitFor(() => s.relay.current()?.status.state === 'answered');
    return r.callId;
  }

  it('relays signaling both ways', async () => {
    const s = await side();
    const callId = await answered(s);
    s.relay.signal(callId, { description: { type: 'answer', sdp: 'v=0' } });
    await s.hub.until(() => s.hub.messages('call-signal').length === 1);
    expect(s.hub.messages('call-signal')[0]).toMatchObject({ callId, signal: { description: { type: 'answer' } } });
    s.hub.send({ type: 'call-signal', callId, signal: { candidate: null } });
    await waitFor(() => s.events.some((e) => e.type === 'call-signal'));
    expect(s.events.at(-1)).toEqual({ type: 'call-signal', callId, signal: { candidate: null } });
  });

  it('holds signals while the socket is down and sends them, in order, once it is back; the call goes on', async () => {
    const s = await side();
    const callId = await answered(s);
    s.hub.accepting = false;
    s.hub.drop();
    await waitFor(() => !s.link.isOpen());
    for (let i = 0; i < 5; i++)
      s.relay.signal(callId, { candidate: { candidate: `candidate:${i} 1 udp 1 127.0.0.1 ${9000 + i} typ host` } });
    expect(s.hub.messages('call-signal')).toEqual([]);
    s.hub.accepting = true;
    await s.hub.until(() => s.hub.messages('call-signal').length === 5, 10_000);
    expect(
      s.hub.messages('call-signal').map((m) => ('candidate' in m.signal ? m.signal.candidate?.candidate : null)),
    ).toEqual([0, 1, 2, 3, 4].map((i) => `candidate:${i} 1 udp 1 127.0.0.1 ${9000 + i} typ host`));
    // Answered calls are not asked for again: the lawyer has them already.
    expect(s.hub.messages('call-request')).toHaveLength(1);
    expect(s.relay.current()?.status.state).toBe('answered');
  });

  it('asks the hub for fresh TURN credentials', async () => {
    const s = await side();
    const callId = await answered(s);
    const fresh = { ...ICE, iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }] };
    s.hub.answer = (m, send) => {
      if (m.type === 'ice-config') send({ type: 'ice-config', inReplyTo: m.id, callId: m.callId, ice: fresh });
    };
    expect(await s.relay.iceConfig(callId)).toEqual(fresh);
  });

  it('refuses signals for a call that is not the one under way', async () => {
    const s = await side();
    await answered(s);
    expect(() => s.relay.signal(randomUUID(), { candidate: null })).toThrow(/not the call under way/);
  });

  it('hands a pushed document on; one for another call is ignored', async () => {
    const s = await side();
    const callId = await answered(s);
    const notice: CallDocumentNotice = {
      documentId: randomUUID(),
      title: '借条',
      kind: 'note',
      bytes: 3,
      sha256: '0'.repeat(64),
    };
    s.hub.send({ type: 'call-document', callId: randomUUID(), document: notice });
    s.hub.send({ type: 'call-document', callId, document: notice });
    await waitFor(() => s.documents.length === 1);
    expect(s.documents).toEqual([{ callId, notice }]);
  });
});
