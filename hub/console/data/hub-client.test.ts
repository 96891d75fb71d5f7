import { describe, expect, it, vi } from 'vitest';
import { createHubClient, type ActivityStore } from './hub-client';

/** The browser's shared activity, as localStorage keeps it for the tabs. */
function sharedActivity(): ActivityStore & { at: number } {
  const store = {
    at: 0,
    read: () => store.at,
    write: (at: number) => void (store.at = at),
  };
  return store;
}

const answering = (body: unknown): typeof fetch =>
  vi.fn(
    async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
  );

describe('when the person last did something, as the console counts it for the idle timeout', () => {
  it('is the last request of their own, not the page’s background reads', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const activity = sharedActivity();
      const client = createHubClient('http://127.0.0.1:8740', answering({ calls: [] }), activity);
      vi.setSystemTime(1_060_000);
      await client.call('callsMine');
      expect([client.lastRequestAt(), activity.at]).toEqual([1_060_000, 1_060_000]);
      vi.setSystemTime(1_120_000);
      await client.call('callsMine', undefined, { background: true });
      expect(client.lastRequestAt()).toBe(1_060_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is now while held (a lawyer waiting for callers), for the other tabs too, and runs again from the release', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const activity = sharedActivity();
      const client = createHubClient('http://127.0.0.1:8740', answering({}), activity);
      const release = client.holdActive();
      const second = client.holdActive();
      vi.setSystemTime(1_000_000 + 45 * 60_000);
      expect(client.lastRequestAt()).toBe(1_000_000 + 45 * 60_000);
      // Another tab of the browser reads what this one wrote: it does not end the shared session either.
      expect(activity.at).toBe(1_000_000 + 45 * 60_000);

      release();
      release();
      vi.setSystemTime(1_000_000 + 50 * 60_000);
      // One hold is left: still now.
      expect(client.lastRequestAt()).toBe(1_000_000 + 50 * 60_000);
      second();
      vi.setSystemTime(1_000_000 + 70 * 60_000);
      expect(client.lastRequestAt()).toBe(1_000_000 + 50 * 60_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
