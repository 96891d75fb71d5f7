import type { LiveEvent } from './live-socket';

/**
 * Spreads the live socket's events to the queries shown, each of which
 * says which events concern it. A busy fleet beats often (every kiosk
 * every half minute: a thousand kiosks are thirty events a second), so a
 * query is not read again per event: events are gathered for a moment, and
 * a query is read at most once per LIVE_RELOAD_GAP_MS — an alert still
 * shows within seconds, and the hub is not asked for the fleet thirty
 * times a second by every open console.
 */

/** The wait after an event before reading again, so that events of one commit come as one read. */
export const LIVE_GATHER_MS = 300;
/** The least time between two reads of one query for live events. */
export const LIVE_RELOAD_GAP_MS = 3_000;

export interface LiveFeed {
  /** `reload` is called (gathered and spaced) when an event `concerns` the query; answers a function that stops it. */
  subscribe(concerns: (event: LiveEvent) => boolean, reload: () => void): () => void;
  /** What the socket heard. */
  publish(event: LiveEvent): void;
}

export interface LiveFeedOptions {
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function createLiveFeed(opts: LiveFeedOptions = {}): LiveFeed {
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const subscribers = new Set<{
    concerns: (event: LiveEvent) => boolean;
    reload: () => void;
    last: number;
    timer: unknown;
  }>();

  return {
    subscribe(concerns, reload) {
      const entry = { concerns, reload, last: -Infinity, timer: null as unknown };
      subscribers.add(entry);
      return () => {
        if (entry.timer !== null) clearTimer(entry.timer);
        subscribers.delete(entry);
      };
    },
    publish(event) {
      for (const entry of subscribers) {
        if (entry.timer !== null || (event.type !== 'resync' && !entry.concerns(event))) continue;
        const wait = Math.max(LIVE_GATHER_MS, entry.last + LIVE_RELOAD_GAP_MS - now());
        entry.timer = setTimer(() => {
          entry.timer = null;
          entry.last = now();
          if (subscribers.has(entry)) entry.reload();
        }, wait);
      }
    },
  };
}
