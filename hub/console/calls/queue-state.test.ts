import { describe, expect, it } from 'vitest';
import type { LawyerQueue, QueuedCall } from '../../../common/hub/api/calls';
import {
  initialQueueState,
  LINGER_MS,
  queueReducer,
  queueRows,
  ringingCalls,
  waitedSeconds,
  waitingForCallers,
  type QueueAction,
  type QueueState,
} from './queue-state';

const A = '0b6a5a1e-6c1f-4f7a-9d0e-1a2b3c4d5e01';
const B = '0b6a5a1e-6c1f-4f7a-9d0e-1a2b3c4d5e02';
const C = '0b6a5a1e-6c1f-4f7a-9d0e-1a2b3c4d5e03';

function caller(callId: string, waitingSince: string, ringing = false): QueuedCall {
  return {
    callId,
    topic: 'labour',
    regionCode: '420111',
    kioskName: '洪山区街道中心',
    callerName: '张**',
    waitingSince,
    ringing,
  };
}

function queue(calls: QueuedCall[], more: Partial<LawyerQueue> = {}): LawyerQueue {
  return { duty: 'available', dutyReason: null, calls, activeCallId: null, ...more };
}

const run = (actions: QueueAction[], from: QueueState = initialQueueState): QueueState =>
  actions.reduce(queueReducer, from);

const statuses = (state: QueueState) => queueRows(state).map((r) => [r.call.callId, r.status]);

describe('the 接待 queue', () => {
  it('shows the hub’s queue oldest first, ringing the calls offered to this lawyer', () => {
    const s = run([
      {
        type: 'queue',
        queue: queue([caller(B, '2026-03-02T09:01:00Z', true), caller(A, '2026-03-02T09:00:00Z')]),
        now: 0,
      },
    ]);
    expect(statuses(s)).toEqual([
      [A, 'waiting'],
      [B, 'ringing'],
    ]);
    expect(ringingCalls(s).map((c) => c.callId)).toEqual([B]);
  });

  it('rings nobody who is away, offline, in a call, or already answering one', () => {
    const ringing = [caller(A, '2026-03-02T09:00:00Z', true)];
    for (const more of [{ duty: 'away' }, { duty: 'offline' }, { activeCallId: C }] as const) {
      const s = run([{ type: 'queue', queue: queue(ringing, more), now: 0 }]);
      expect(ringingCalls(s)).toEqual([]);
      expect(statuses(s)).toEqual([[A, 'waiting']]);
    }
    const answering = run([
      { type: 'queue', queue: queue(ringing), now: 0 },
      { type: 'accepting', callId: A },
    ]);
    expect(ringingCalls(answering)).toEqual([]);
    expect(statuses(answering)).toEqual([[A, 'accepting']]);
  });

  it('marks a call another lawyer took 已被接听 at once, keeps it a moment, then lets it go', () => {
    const s = run([
      {
        type: 'queue',
        queue: queue([caller(A, '2026-03-02T09:00:00Z', true), caller(B, '2026-03-02T09:02:00Z')]),
        now: 0,
      },
      { type: 'call-gone', callId: A, reason: 'taken', now: 1000 },
    ]);
    expect(statuses(s)).toEqual([
      [A, 'taken'],
      [B, 'waiting'],
    ]);
    // No longer rings: it is nobody's to answer.
    expect(ringingCalls(s)).toEqual([]);
    expect(statuses(queueReducer(s, { type: 'tick', now: 1000 + LINGER_MS - 1 }))[0]).toEqual([A, 'taken']);
    expect(statuses(queueReducer(s, { type: 'tick', now: 1000 + LINGER_MS }))).toEqual([[B, 'waiting']]);
  });

  it('never brings back a call known to be over, even from a queue built before the claim', () => {
    const stale = queue([caller(A, '2026-03-02T09:00:00Z', true)]);
    const s = run([
      { type: 'queue', queue: stale, now: 0 },
      { type: 'call-gone', callId: A, reason: 'taken', now: 10 },
      { type: 'tick', now: 10 + LINGER_MS },
      { type: 'queue', queue: stale, now: 20 + LINGER_MS },
    ]);
    expect(queueRows(s)).toEqual([]);
    expect(ringingCalls(s)).toEqual([]);
  });

  it('a queue without the row keeps the label on: the queue may come before call-gone, or after', () => {
    const first = caller(A, '2026-03-02T09:00:00Z', true);
    const queueThenGone = run([
      { type: 'queue', queue: queue([first]), now: 0 },
      { type: 'queue', queue: queue([]), now: 5 },
      { type: 'call-gone', callId: A, reason: 'ended', now: 6 },
    ]);
    // Gone from the queue before the word came: nothing to label, nothing shown.
    expect(queueRows(queueThenGone)).toEqual([]);
    const goneThenQueue = run([
      { type: 'queue', queue: queue([first]), now: 0 },
      { type: 'call-gone', callId: A, reason: 'ended', now: 5 },
      { type: 'queue', queue: queue([]), now: 6 },
    ]);
    expect(statuses(goneThenQueue)).toEqual([[A, 'gone']]);
  });

  it('answers this lawyer’s 接听: won is the call, taken and gone label the row, busy and a lost answer leave it', () => {
    const start = run([
      { type: 'queue', queue: queue([caller(A, '2026-03-02T09:00:00Z', true)]), now: 0 },
      { type: 'accepting', callId: A },
    ]);
    const won = queueReducer(start, { type: 'accept-result', callId: A, outcome: 'won', now: 1 });
    expect(won.activeCallId).toBe(A);
    expect(queueRows(won)).toEqual([]);
    expect(
      queueReducer(start, { type: 'accept-result', callId: A, outcome: 'taken', now: 1 }).departed.get(A)?.reason,
    ).toBe('taken');
    expect(
      queueReducer(start, { type: 'accept-result', callId: A, outcome: 'gone', now: 1 }).departed.get(A)?.reason,
    ).toBe('gone');
    expect(statuses(queueReducer(start, { type: 'accept-result', callId: A, outcome: 'busy', now: 1 }))).toEqual([
      [A, 'ringing'],
    ]);
    expect(statuses(queueReducer(start, { type: 'accept-failed', callId: A }))).toEqual([[A, 'ringing']]);
    // The call over, the lawyer is back at the queue and can be rung again.
    const back = run(
      [
        { type: 'call-over', callId: A },
        { type: 'queue', queue: queue([caller(B, '2026-03-02T09:05:00Z', true)]), now: 2 },
      ],
      won,
    );
    expect(ringingCalls(back).map((c) => c.callId)).toEqual([B]);
  });

  it('carries the duty status and why the hub changed it', () => {
    const s = run([{ type: 'queue', queue: queue([], { duty: 'away', dutyReason: 'unanswered-offers' }), now: 0 }]);
    expect(s).toMatchObject({ duty: 'away', dutyReason: 'unanswered-offers' });
  });

  it('is waiting for callers, not idle, on 在线接待 or in a call whatever the status', () => {
    const at = (more: Partial<LawyerQueue>) =>
      waitingForCallers(run([{ type: 'queue', queue: queue([], more), now: 0 }]));
    expect({
      available: at({ duty: 'available' }),
      away: at({ duty: 'away' }),
      offline: at({ duty: 'offline' }),
      awayInCall: at({ duty: 'away', activeCallId: C }),
      offlineInCall: at({ duty: 'offline', activeCallId: C }),
      beforeTheHubSaid: waitingForCallers(initialQueueState),
    }).toEqual({
      available: true,
      away: false,
      offline: false,
      awayInCall: true,
      offlineInCall: true,
      beforeTheHubSaid: false,
    });
    // Its call over (hung up here), an away lawyer is no longer held.
    const over = run([
      { type: 'queue', queue: queue([], { duty: 'away', activeCallId: C }), now: 0 },
      { type: 'call-over', callId: C },
    ]);
    expect(waitingForCallers(over)).toBe(false);
  });

  it('counts the wait in whole seconds, never below nothing', () => {
    const since = '2026-03-02T09:00:00.000Z';
    expect(waitedSeconds(since, Date.parse(since) + 61_900)).toBe(61);
    expect(waitedSeconds(since, Date.parse(since) - 5_000)).toBe(0);
  });
});
