import { describe, expect, it } from 'vitest';
import { createInProcessBus, type LiveEvent } from './live-bus';

describe('the in-process live bus', () => {
  it('hands every event to every subscriber, after the publisher returned', async () => {
    const bus = createInProcessBus();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    bus.subscribe((e) => a.push(e));
    const stopB = bus.subscribe((e) => b.push(e));
    const event: LiveEvent = { type: 'kiosk-changed', kioskId: 7, regionCode: '420100' };
    const published = bus.publish(event);
    expect(a).toEqual([]);
    await published;
    await Promise.resolve();
    expect(a).toEqual([event]);
    expect(b).toEqual([event]);
    stopB();
    await bus.publish({ type: 'session-ended', sessionId: 's' });
    await Promise.resolve();
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(1);
    await bus.close();
  });
});
