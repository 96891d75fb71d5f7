import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENTS_PROTOCOL } from '../../../common/api/events';
import { MAX_RECONNECT_DELAY_MS, eventsUrl, openEventStream, parseServiceEvent, reconnectDelay } from './events';

describe('eventsUrl', () => {
  it('uses the page origin with ws://', () => {
    expect(eventsUrl('http://127.0.0.1:8420')).toBe('ws://127.0.0.1:8420/api/events');
    expect(eventsUrl('https://kiosk.local')).toBe('wss://kiosk.local/api/events');
  });
});

describe('parseServiceEvent', () => {
  it('accepts a valid event and rejects anything else', () => {
    expect(parseServiceEvent('{"type":"hello","bootId":"b1"}')).toEqual({ type: 'hello', bootId: 'b1' });
    expect(parseServiceEvent('{"type":"hello"}')).toBeNull();
    expect(parseServiceEvent('{"type":"surprise"}')).toBeNull();
    expect(parseServiceEvent('not json')).toBeNull();
    expect(parseServiceEvent(new ArrayBuffer(2))).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('backs off and stays within the cap', () => {
    expect(reconnectDelay(0)).toBe(250);
    expect(reconnectDelay(1)).toBe(500);
    expect(reconnectDelay(2)).toBe(1000);
    expect(reconnectDelay(3)).toBe(MAX_RECONNECT_DELAY_MS);
    expect(reconnectDelay(50)).toBe(MAX_RECONNECT_DELAY_MS);
  });
});

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  message(data: string) {
    this.onmessage?.({ data } as MessageEvent);
  }
  drop() {
    this.onerror?.(new Event('error'));
    this.onclose?.({} as CloseEvent);
  }
}

describe('openEventStream', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const latest = () => {
    const s = FakeSocket.all.at(-1);
    if (!s) throw new Error('no socket');
    return s;
  };

  it('offers the events protocol and the secret, and delivers valid events', () => {
    const onEvent = vi.fn();
    const onInvalidMessage = vi.fn();
    const stream = openEventStream({
      url: 'ws://127.0.0.1:1/api/events',
      secret: 'k',
      onEvent,
      onInvalidMessage,
      WebSocketImpl: FakeSocket,
    });

    expect(latest().protocols).toEqual([EVENTS_PROTOCOL, 'bearer.k']);
    latest().open();
    latest().message('{"type":"hello","bootId":"b"}');
    latest().message('{"type":"nope"}');

    expect(onEvent).toHaveBeenCalledWith({ type: 'hello', bootId: 'b' });
    expect(onInvalidMessage).toHaveBeenCalledWith('{"type":"nope"}');
    stream.close();
  });

  it('reconnects with backoff, resets it after a successful open, and stops when closed', () => {
    const onClose = vi.fn();
    const onOpen = vi.fn();
    const stream = openEventStream({
      url: 'ws://x/api/events',
      secret: 'k',
      onEvent: () => {},
      onOpen,
      onClose,
      WebSocketImpl: FakeSocket,
    });

    latest().drop();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(FakeSocket.all).toHaveLength(2);

    latest().drop();
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);

    latest().open();
    expect(onOpen).toHaveBeenCalledTimes(1);
    latest().drop();
    vi.advanceTimersByTime(250);
    expect(FakeSocket.all).toHaveLength(4);

    const last = latest();
    stream.close();
    expect(last.closed).toBe(true);
    last.drop();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(4);
    expect(onClose).toHaveBeenCalledTimes(3);
  });
});
