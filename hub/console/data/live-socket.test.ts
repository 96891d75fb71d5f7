import { describe, expect, it } from 'vitest';
import { LIVE_CLOSE } from '../../../common/hub/api/live';
import {
  LIVE_FALLBACK_REFRESH_MS,
  LIVE_PING_MS,
  LIVE_PONG_TIMEOUT_MS,
  LIVE_ANSWER_TIMEOUT_MS,
  LIVE_RECONNECT_BASE_MS,
  LIVE_RECONNECT_MAX_MS,
  LiveRequestError,
  liveSocketUrl,
  openLiveSocket,
  reconnectWaitMs,
  type LiveEvent,
  type LiveState,
  type SocketLike,
} from './live-socket';
import type { LiveServerMessage } from '../../../common/hub/api/live';
import { manualClock } from '../testing/manual-clock';

/** A socket the test drives: what the page sent, and the hub's side of it. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: { type: string; id: string }[] = [];
  closedWith: number | undefined;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string; id: string });
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.hubCloses(code);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  push(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  pong(): void {
    this.push({ type: 'pong', id: this.sent.at(-1)!.id });
  }
  hubCloses(code: number): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setUp(random = () => 0.5) {
  const clock = manualClock();
  const sockets: FakeSocket[] = [];
  const events: LiveEvent[] = [];
  const states: LiveState[] = [];
  const messages: LiveServerMessage[] = [];
  let ended = 0;
  let refused = 0;
  const live = openLiveSocket({
    onRefused: () => refused++,
    origin: 'https://hub.example.gov.cn',
    onEvent: (e) => events.push(e),
    onState: (s) => states.push(s),
    onMessage: (m) => messages.push(m),
    onSessionEnded: () => ended++,
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return {
    live,
    clock,
    sockets,
    events,
    states,
    messages,
    ended: () => ended,
    refused: () => refused,
    last: () => sockets.at(-1)!,
  };
}

describe('the console’s live socket', () => {
  it('opens on the page’s origin, is live once its first ping is answered, and passes the hub’s pushes on', () => {
    expect(liveSocketUrl('http://127.0.0.1:8740')).toBe('ws://127.0.0.1:8740/api/live');
    const t = setUp();
    expect(t.last().url).toBe('wss://hub.example.gov.cn/api/live');
    t.last().open();
    expect(t.last().sent).toEqual([{ type: 'ping', id: 'p1' }]);
    expect(t.live.state()).toBe('connecting');
    t.last().pong();
    expect(t.states).toEqual(['live']);
    t.last().push({ type: 'alerts-changed', kioskId: 7 });
    t.last().push({ type: 'kiosk-changed', kioskId: 8 });
    // What the hub does not say is dropped, not passed on.
    t.last().push({ type: 'kiosk-changed', kioskId: 'x' });
    t.last().onmessage?.({ data: 'not json' });
    expect(t.events).toEqual([
      { type: 'alerts-changed', kioskId: 7 },
      { type: 'kiosk-changed', kioskId: 8 },
    ]);
  });

  it('reconnects after a drop with a jittered, doubling wait; reads everything again once back; small again after', () => {
    const t = setUp(() => 0.5);
    t.last().open();
    t.last().pong();
    t.last().hubCloses(LIVE_CLOSE.stopping);
    expect(t.live.state()).toBe('reconnecting');
    // Half the first window plus a half of its other half.
    expect(t.clock.pending()[0]).toBe(reconnectWaitMs(1, () => 0.5));
    expect(reconnectWaitMs(1, () => 0.5)).toBe(LIVE_RECONNECT_BASE_MS * 0.75);
    t.clock.advance(LIVE_RECONNECT_BASE_MS);
    expect(t.sockets).toHaveLength(2);
    expect(t.refused()).toBe(0);
    // The hub is not back yet: the next wait is twice as long; the page asks the hub over HTTP why.
    t.last().hubCloses(1006);
    expect(t.refused()).toBe(1);
    expect(t.clock.pending()[0]).toBe(reconnectWaitMs(2, () => 0.5));
    t.clock.advance(2 * LIVE_RECONNECT_BASE_MS);
    expect(t.sockets).toHaveLength(3);
    t.last().open();
    t.last().pong();
    expect(t.states).toEqual(['live', 'reconnecting', 'live']);
    expect(t.events).toEqual([{ type: 'resync' }]);
    t.last().hubCloses(1006);
    expect(t.clock.pending()[0]).toBe(reconnectWaitMs(1, () => 0.5));
  });

  it('spreads the waits over the window, never past the most', () => {
    expect(reconnectWaitMs(1, () => 0)).toBe(LIVE_RECONNECT_BASE_MS / 2);
    expect(reconnectWaitMs(1, () => 0.999)).toBeLessThanOrEqual(LIVE_RECONNECT_BASE_MS);
    expect(reconnectWaitMs(30, () => 0.999)).toBeLessThanOrEqual(LIVE_RECONNECT_MAX_MS);
    expect(reconnectWaitMs(30, () => 0)).toBe(LIVE_RECONNECT_MAX_MS / 2);
  });

  it('refreshes the pages now and then while it is down', () => {
    const t = setUp();
    t.last().hubCloses(1006);
    for (let i = 0; i < 10; i++) {
      t.clock.advance(LIVE_RECONNECT_MAX_MS);
      t.last().hubCloses(1006);
    }
    const resyncs = t.events.filter((e) => e.type === 'resync').length;
    expect(resyncs).toBe(Math.floor((10 * LIVE_RECONNECT_MAX_MS) / LIVE_FALLBACK_REFRESH_MS));
  });

  it('does not reconnect when the hub says the session ended: the person signs in again', () => {
    const t = setUp();
    t.last().open();
    t.last().pong();
    t.last().hubCloses(LIVE_CLOSE.sessionEnded);
    expect(t.ended()).toBe(1);
    expect(t.live.state()).toBe('closed');
    t.clock.advance(10 * LIVE_RECONNECT_MAX_MS);
    expect(t.sockets).toHaveLength(1);
    expect(t.clock.pending()).toEqual([]);
  });

  it('takes a socket that stops answering pings for dropped', () => {
    const t = setUp();
    t.last().open();
    t.last().pong();
    t.clock.advance(LIVE_PING_MS);
    expect(t.last().sent).toHaveLength(2);
    t.clock.advance(LIVE_PONG_TIMEOUT_MS);
    expect(t.sockets[0]!.closedWith).toBe(4000);
    expect(t.live.state()).toBe('reconnecting');
  });

  it('closed by the page (signing out), it stays closed', () => {
    const t = setUp();
    t.last().open();
    t.last().pong();
    t.live.close();
    expect(t.sockets[0]!.closedWith).toBe(1000);
    expect(t.live.state()).toBe('closed');
    expect(t.clock.pending()).toEqual([]);
    expect(t.ended()).toBe(0);
  });

  describe('messages the page sends', () => {
    const CALL = '6f1c1a52-8d0e-4c55-9d2a-3f5a1c2b7e10';
    const QUEUE = { duty: 'available', dutyReason: null, calls: [], activeCallId: null } as const;
    const live = () => {
      const t = setUp();
      t.last().open();
      t.last().pong();
      return t;
    };

    it('routes the hub’s answer to the request it names, whatever came between', async () => {
      const t = live();
      const accepting = t.live.request({ type: 'call-accept', callId: CALL });
      const syncing = t.live.request({ type: 'queue-sync' });
      const [accept, sync] = t.last().sent.slice(-2) as { type: string; id: string }[];
      expect(accept).toEqual({ type: 'call-accept', callId: CALL, id: 'r1' });
      expect(sync).toEqual({ type: 'queue-sync', id: 'r2' });
      // A push first, then the answers in the other order.
      t.last().push({ type: 'call-gone', callId: CALL, reason: 'ended' });
      t.last().push({ type: 'queue', queue: QUEUE, inReplyTo: 'r2' });
      t.last().push({ type: 'call-accept-result', inReplyTo: 'r1', callId: CALL, outcome: 'taken' });
      await expect(syncing).resolves.toMatchObject({ type: 'queue', inReplyTo: 'r2' });
      await expect(accepting).resolves.toMatchObject({ type: 'call-accept-result', outcome: 'taken' });
      // Every message heard reaches the page, answers too (a queue is a queue, whoever asked for it).
      expect(t.messages.map((m) => m.type)).toEqual(['call-gone', 'queue', 'call-accept-result']);
    });

    it('rejects a request the hub refused, with the hub’s code', async () => {
      const t = live();
      const setting = t.live.request({ type: 'duty-set', status: 'away' });
      t.last().push({ type: 'error', code: 'not-allowed', message: 'lawyers only', inReplyTo: 'r1' });
      await expect(setting).rejects.toMatchObject({ reason: 'refused', code: 'not-allowed' });
    });

    it('refuses at once while the socket is not open, and rejects what was waiting when it drops or times out', async () => {
      const t = setUp();
      await expect(t.live.request({ type: 'queue-sync' })).rejects.toEqual(new LiveRequestError('not-connected'));
      expect(t.live.send({ type: 'queue-sync' })).toBe(false);
      t.last().open();
      t.last().pong();
      const lost = t.live.request({ type: 'queue-sync' });
      t.last().hubCloses(1006);
      await expect(lost).rejects.toMatchObject({ reason: 'dropped' });
      t.clock.advance(LIVE_RECONNECT_BASE_MS);
      t.last().open();
      t.last().pong();
      const slow = t.live.request({ type: 'queue-sync' });
      expect(t.live.send({ type: 'call-end', callId: CALL })).toBe(true);
      t.clock.advance(LIVE_ANSWER_TIMEOUT_MS);
      await expect(slow).rejects.toMatchObject({ reason: 'timeout' });
      // An answer after the timeout changes nothing.
      t.last().push({ type: 'queue', queue: QUEUE, inReplyTo: 'r2' });
    });
  });
});
