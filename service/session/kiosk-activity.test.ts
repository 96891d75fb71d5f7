import { describe, expect, it } from 'vitest';
import { KioskActivity } from './kiosk-activity';

function activity() {
  let now = 1_000_000;
  let printing = false;
  const a = new KioskActivity({
    idleTimeoutSeconds: 120,
    countdownSeconds: 30,
    printing: () => printing,
    now: () => now,
  });
  const told: number[] = [];
  a.onIdle(() => told.push(now));
  return {
    a,
    told,
    advance: (ms: number) => (now += ms),
    setPrinting: (p: boolean) => (printing = p),
  };
}

describe('whether the kiosk is between citizen sessions', () => {
  it('is idle until a citizen request, and again once the session ends (and says so)', () => {
    const { a, told } = activity();
    expect(a.idle()).toBe(true);
    a.request('slides');
    a.request('health');
    expect(a.idle()).toBe(true);
    a.request('search');
    expect(a.idle()).toBe(false);
    a.sessionEnded();
    expect(a.idle()).toBe(true);
    expect(told).toHaveLength(1);
  });

  it('counts a citizen from the touch that wakes the attract loop, before any screen asks for content', () => {
    const { a } = activity();
    a.request('sessionStart');
    expect(a.idle()).toBe(false);
    a.sessionEnded();
    expect(a.idle()).toBe(true);
  });

  it('is busy while a call or a print is under way, even with no session', () => {
    const { a, told, setPrinting } = activity();
    a.callActiveChanged(true);
    expect(a.idle()).toBe(false);
    a.callActiveChanged(false);
    expect(a.idle()).toBe(true);
    setPrinting(true);
    a.printChanged();
    expect(a.idle()).toBe(false);
    setPrinting(false);
    a.printChanged();
    expect(told).toHaveLength(2);
  });

  it('takes a session whose screen went silent past its idle wait, countdown and a minute as over', () => {
    const { a, advance } = activity();
    a.request('faq');
    advance(150_000 + 59_000);
    expect(a.idle()).toBe(false);
    advance(2_000);
    expect(a.idle()).toBe(true);
  });

  it('counts only the touchscreen: a technician’s requests start no session', async () => {
    const { a } = activity();
    const handlers = a.watching({ search: () => ({}) } as never) as unknown as Record<
      string,
      (body: unknown, ctx: { role: string }) => unknown
    >;
    await handlers['search']!({}, { role: 'technician' });
    expect(a.idle()).toBe(true);
    await handlers['search']!({}, { role: 'ui' });
    expect(a.idle()).toBe(false);
  });
});
