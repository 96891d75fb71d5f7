import { describe, expect, it } from 'vitest';
import { createLiveFeed, LIVE_GATHER_MS, LIVE_RELOAD_GAP_MS } from './live-feed';
import { manualClock } from '../testing/manual-clock';

function setUp() {
  const clock = manualClock(1_000_000);
  const feed = createLiveFeed({ now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  return { feed, advance: clock.advance };
}

describe('the live feed', () => {
  it('reads a query again for the events that concern it, gathered, at most once per gap', () => {
    const { feed, advance } = setUp();
    let fleet = 0;
    let kiosk3 = 0;
    feed.subscribe(
      () => true,
      () => fleet++,
    );
    feed.subscribe(
      (e) => 'kioskId' in e && e.kioskId === 3,
      () => kiosk3++,
    );
    feed.publish({ type: 'kiosk-changed', kioskId: 5 });
    feed.publish({ type: 'alerts-changed', kioskId: 5 });
    advance(LIVE_GATHER_MS);
    expect([fleet, kiosk3]).toEqual([1, 0]);

    // A busy fleet: an event every 100 ms for ten seconds.
    for (let i = 0; i < 100; i++) {
      feed.publish({ type: 'kiosk-changed', kioskId: i % 2 === 0 ? 3 : 4 });
      advance(100);
    }
    advance(LIVE_RELOAD_GAP_MS);
    expect(fleet).toBeLessThanOrEqual(1 + Math.ceil(10_000 / LIVE_RELOAD_GAP_MS) + 1);
    expect(fleet).toBeGreaterThanOrEqual(1 + Math.floor(10_000 / LIVE_RELOAD_GAP_MS));
    expect(kiosk3).toBeGreaterThanOrEqual(3);

    // The last event is never lost: it is read after the gap.
    const before = fleet;
    feed.publish({ type: 'kiosk-changed', kioskId: 9 });
    advance(LIVE_RELOAD_GAP_MS);
    expect(fleet).toBe(before + 1);
  });

  it('reads every query again on resync, and none once it stopped listening', () => {
    const { feed, advance } = setUp();
    let reads = 0;
    const stop = feed.subscribe(
      () => false,
      () => reads++,
    );
    feed.publish({ type: 'resync' });
    advance(LIVE_GATHER_MS);
    expect(reads).toBe(1);
    feed.publish({ type: 'resync' });
    stop();
    advance(LIVE_RELOAD_GAP_MS);
    expect(reads).toBe(1);
  });
});
