import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server-kit/logger';
import { openRedisBus } from '../live/redis-bus';
import type { LiveClient } from '../testing/live-clients';
import {
  addCaller,
  addLawyer,
  ask,
  hears,
  queueWhere,
  requestCall,
  setDuty,
  type TestLawyer,
} from '../testing/call-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis';

/**
 * Two lawyers press 接听 for the same caller at the same moment, fifty
 * times: one wins each time, the other is told 已被接听 — on one hub
 * instance, on two sharing one database and one in-process bus, and on two
 * that share nothing but the database and Redis. And a caller who leaves
 * while ringing is gone from every console within 2 s, with nobody put
 * into a call.
 */

const ROUNDS = 50;

interface Setup {
  a: TestLawyer;
  b: TestLawyer;
  /** The instance each console and the kiosk are on (undefined: the test hub's own). */
  ports: { a?: number; b?: number; kiosk?: number };
}

async function setUp(hub: TestHub, instances: 1 | 2): Promise<Setup> {
  const other = instances === 2 ? (await hub.startOtherInstance()).port : undefined;
  const ports = { b: other, kiosk: other };
  const a = await addLawyer(hub);
  const b = await addLawyer(hub, other === undefined ? {} : { port: other });
  await setDuty(a.console, 'available');
  await setDuty(b.console, 'available');
  return { a, b, ports };
}

async function raceFiftyTimes(hub: TestHub, { a, b, ports }: Setup): Promise<void> {
  const caller = await addCaller(hub, ports.kiosk === undefined ? {} : { port: ports.kiosk });
  const tally: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const callId = randomUUID();
    expect((await requestCall(caller.socket, { callId })).status.state).toBe('queued');
    const shown = (q: { calls: { callId: string }[] }) => q.calls.some((c) => c.callId === callId);
    await Promise.all([queueWhere(a.console, shown), queueWhere(b.console, shown)]);
    const ids = [`a-${round}`, `b-${round}`];
    // Together: neither waits for the other's answer.
    a.console.send({ type: 'call-accept', id: ids[0], callId });
    b.console.send({ type: 'call-accept', id: ids[1], callId });
    const answers = await Promise.all(
      [a, b].map((l, i) => hears(l.console, (m) => m.type === 'call-accept-result' && m.inReplyTo === ids[i])),
    );
    const outcomes = answers.map((m) => (m.type === 'call-accept-result' ? m.outcome : m.type));
    expect([...outcomes].sort(), `round ${round}`).toEqual(['taken', 'won']);
    const winner = outcomes[0] === 'won' ? a : b;
    const loser = winner === a ? b : a;
    tally[winner === a ? 'a' : 'b'] = (tally[winner === a ? 'a' : 'b'] ?? 0) + 1;
    // The loser's console was shown the call: it hears 已被接听, and never the call's signaling.
    const goneMessage = await hears(
      loser.console,
      (m) => m.type === 'call-gone' && m.callId === callId && m.reason === 'taken',
    );
    expect(
      await hears(
        caller.socket,
        (m) => m.type === 'call-status' && m.callId === callId && m.status.state === 'answered',
      ),
    ).toBeDefined();
    await ask(winner.console, { type: 'call-end', callId });
    await hears(caller.socket, (m) => m.type === 'call-status' && m.callId === callId && m.status.state === 'ended');
    // Once told 已被接听, the loser's console is never shown the call again.
    const after = loser.console.heard.slice(loser.console.heard.indexOf(goneMessage));
    expect(after.some((m) => m.type === 'queue' && m.queue.calls.some((c) => c.callId === callId))).toBe(false);
  }
  const db = hub.storage.storage.db;
  const calls = await db.selectFrom('calls').select(['state', 'end_reason', 'lawyer_id']).execute();
  expect(calls).toHaveLength(ROUNDS);
  expect(calls.every((c) => c.state === 'ended' && c.end_reason === 'completed' && c.lawyer_id !== null)).toBe(true);
  const answered = await db.selectFrom('call_offers').select('id').where('outcome', '=', 'answered').execute();
  expect(answered.length).toBeLessThanOrEqual(ROUNDS);
  expect(await db.selectFrom('call_offers').select('id').where('outcome', 'is', null).execute()).toEqual([]);
}

async function cancelWhileRinging(hub: TestHub, { a, b, ports }: Setup): Promise<void> {
  const caller = await addCaller(hub, ports.kiosk === undefined ? {} : { port: ports.kiosk });
  const callId = randomUUID();
  await requestCall(caller.socket, { callId });
  const ringing = (q: { calls: { callId: string; ringing: boolean }[] }) =>
    q.calls.some((c) => c.callId === callId && c.ringing);
  await Promise.all([queueWhere(a.console, ringing), queueWhere(b.console, ringing)]);

  const cancelled = await ask(caller.socket, { type: 'call-cancel', callId });
  expect(cancelled).toMatchObject({ type: 'call-status', status: { state: 'ended', reason: 'abandoned' } });
  const gone = (c: LiveClient) =>
    Promise.all([
      hears(c, (m) => m.type === 'call-gone' && m.callId === callId && m.reason === 'ended', 2000),
      queueWhere(c, (q) => !q.calls.some((x) => x.callId === callId), 2000),
    ]);
  await Promise.all([gone(a.console), gone(b.console)]);
  // Nobody gets the call: an 接听 that was on its way finds it gone.
  expect(await ask(a.console, { type: 'call-accept', callId })).toMatchObject({ outcome: 'gone' });
  const row = await hub.storage.storage.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
  expect(row).toMatchObject({ state: 'ended', end_reason: 'abandoned', lawyer_id: null });
  expect(
    await hub.storage.storage.db.selectFrom('call_offers').select('outcome').where('call_id', '=', callId).execute(),
  ).toEqual([{ outcome: 'withdrawn' }, { outcome: 'withdrawn' }]);
}

describe.each(ENGINES)('two lawyers answering one caller, on %s', { timeout: 120_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it(`on one instance, ${ROUNDS} times: exactly one wins, the other hears 已被接听`, async () => {
    await raceFiftyTimes(hub, await setUp(hub, 1));
  });

  it(`on two instances sharing the database and bus, ${ROUNDS} times`, async () => {
    await raceFiftyTimes(hub, await setUp(hub, 2));
  });

  it('a caller who leaves while ringing is gone from both instances’ consoles within 2 s, and nobody gets the call', async () => {
    await cancelWhileRinging(hub, await setUp(hub, 2));
  });
});

describe.each(ENGINES)(
  'two hub instances sharing only the database and Redis, on %s',
  { timeout: 120_000 },
  (engine) => {
    let redis: ThrowawayRedis | undefined;
    beforeAll(async () => {
      redis = await startThrowawayRedis();
    }, 20_000);
    afterAll(async () => {
      await redis?.stop();
    });
    const logger = createLogger({ service: 'hub', level: 'warn', destination: { write: () => {} } });
    const hub = useTestHub(engine, { listen: true, openBus: () => openRedisBus(redis!.url, { logger }) });

    it(`two lawyers on two instances, the kiosk on one, ${ROUNDS} times: exactly one wins`, async () => {
      await raceFiftyTimes(hub, await setUp(hub, 2));
    });

    it('a caller who leaves while ringing is gone from both instances’ consoles within 2 s', async () => {
      await cancelWhileRinging(hub, await setUp(hub, 2));
    });

    it('signaling crosses instances both ways', async () => {
      const setup = await setUp(hub, 2);
      // The kiosk on the first instance, the lawyer who answers on the second.
      const caller = await addCaller(hub);
      const callId = randomUUID();
      await requestCall(caller.socket, { callId });
      await queueWhere(setup.b.console, (q) => q.calls.some((c) => c.callId === callId));
      expect(await ask(setup.b.console, { type: 'call-accept', callId })).toMatchObject({ outcome: 'won' });
      await hears(caller.socket, (m) => m.type === 'call-status' && m.status.state === 'answered');
      const offer = { description: { type: 'offer', sdp: 'v=0\r\n' } };
      const answer = { description: { type: 'answer', sdp: 'v=0\r\n' } };
      setup.b.console.send({ type: 'call-signal', id: 's1', callId, signal: offer });
      expect(await hears(caller.socket, (m) => m.type === 'call-signal')).toEqual({
        type: 'call-signal',
        callId,
        signal: offer,
      });
      caller.socket.send({ type: 'call-signal', id: 's2', callId, signal: answer });
      expect(await hears(setup.b.console, (m) => m.type === 'call-signal')).toEqual({
        type: 'call-signal',
        callId,
        signal: answer,
      });
      // The lawyer who did not answer hears none of it.
      expect(setup.a.console.heard.filter((m) => m.type === 'call-signal')).toEqual([]);
    });
  },
);
