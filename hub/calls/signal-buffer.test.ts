import { describe, expect, it } from 'vitest';
import { SignalBuffer } from './signal-buffer';

const candidate = (n: number) => ({ candidate: { candidate: `candidate:${n} 1 udp 1 127.0.0.1 ${n} typ host` } });

describe('signals kept for a party that is away', () => {
  it('are handed over once, in order, while fresh', () => {
    const buffer = new SignalBuffer(1000, 10);
    buffer.keep('kiosk:1', 'c1', candidate(1), 0);
    buffer.keep('kiosk:1', 'c1', candidate(2), 500);
    buffer.keep('lawyer:2', 'c1', candidate(3), 500);
    expect(buffer.take('kiosk:1', 1200)).toEqual([{ callId: 'c1', signal: candidate(2) }]);
    expect(buffer.take('kiosk:1', 1200)).toEqual([]);
    expect(buffer.take('lawyer:2', 1200)).toEqual([{ callId: 'c1', signal: candidate(3) }]);
  });

  it('are bounded per party, the oldest dropped, and forgotten with their call', () => {
    const buffer = new SignalBuffer(60_000, 3);
    for (let n = 1; n <= 5; n++) buffer.keep('kiosk:1', n === 5 ? 'c2' : 'c1', candidate(n), n);
    expect(buffer.take('kiosk:1', 10).map((k) => k.signal)).toEqual([candidate(3), candidate(4), candidate(5)]);
    buffer.keep('kiosk:1', 'c1', candidate(6), 10);
    buffer.keep('kiosk:1', 'c2', candidate(7), 10);
    buffer.forgetCall('c1');
    expect(buffer.take('kiosk:1', 10)).toEqual([{ callId: 'c2', signal: candidate(7) }]);
  });
});
