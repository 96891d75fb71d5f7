import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createLogger } from '../../server-kit/logger';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis';
import type { LiveBus, LiveEvent } from './live-bus';
import { DEFAULT_LIVE_CHANNEL, maskRedisUrl, openRedisBus, RedisBusError, redisClientOptions } from './redis-bus';

let redis: ThrowawayRedis;
beforeAll(async () => {
  redis = await startThrowawayRedis();
}, 20_000);
afterAll(async () => {
  // Undefined when it could not start: that failure is the one to see.
  await (redis as ThrowawayRedis | undefined)?.stop();
});

function collecting(): { logs: string[]; logger: ReturnType<typeof createLogger> } {
  const logs: string[] = [];
  return {
    logs,
    logger: createLogger({ service: 'hub', level: 'debug', destination: { write: (s: string) => void logs.push(s) } }),
  };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const changed = (kioskId: number): LiveEvent => ({ type: 'kiosk-changed', kioskId, regionCode: '420100' });

describe('the live bus over Redis', () => {
  it('hands an event published on one instance to every instance once, the publisher included', async () => {
    const a = await openRedisBus(redis.url, { logger: collecting().logger });
    const b = await openRedisBus(redis.url, { logger: collecting().logger });
    const heardA: LiveEvent[] = [];
    const heardB: LiveEvent[] = [];
    a.subscribe((e) => heardA.push(e));
    b.subscribe((e) => heardB.push(e));
    await a.publish(changed(1));
    await b.publish({ type: 'session-ended', sessionId: 'abc' });
    await until(() => heardA.length === 2 && heardB.length === 2, 'both events on both instances');
    // A little longer: an instance must not hear its own event a second time through Redis.
    await new Promise((r) => setTimeout(r, 200));
    // Each once; in no promised order across publishers (an instance hears its own event first).
    const both = [changed(1), { type: 'session-ended', sessionId: 'abc' }];
    expect(heardA).toHaveLength(2);
    expect(heardA).toEqual(expect.arrayContaining(both));
    expect(heardB).toHaveLength(2);
    expect(heardB).toEqual(expect.arrayContaining(both));
    await Promise.all([a.close(), b.close()]);
  });

  it('skips what is not an event it knows, says so, and keeps listening', async () => {
    const { logs, logger } = collecting();
    const bus = await openRedisBus(redis.url, { logger });
    const heard: LiveEvent[] = [];
    bus.subscribe((e) => heard.push(e));
    const raw = createClient({ socket: { path: new URL(redis.url).pathname, tls: false } });
    await raw.connect();
    await raw.publish(DEFAULT_LIVE_CHANNEL, 'not json');
    await raw.publish(
      DEFAULT_LIVE_CHANNEL,
      JSON.stringify({ from: 'x', event: { type: 'kiosk-changed', kioskId: -1 } }),
    );
    await raw.publish(DEFAULT_LIVE_CHANNEL, JSON.stringify({ from: 'x', event: { type: 'self-destruct' } }));
    await raw.publish(DEFAULT_LIVE_CHANNEL, JSON.stringify({ from: 'x', event: changed(9) }));
    await until(() => heard.length === 1, 'the one good event');
    expect(heard).toEqual([changed(9)]);
    expect(logs.filter((l) => l.includes('ignored a live event'))).toHaveLength(3);
    expect(logs.join('\n')).toContain('kioskId');
    raw.destroy();
    await bus.close();
  });

  it('keeps its own screens live through a Redis outage, and hears the others again once it is back', async () => {
    const { logs, logger } = collecting();
    const a = await openRedisBus(redis.url, { logger });
    const b = await openRedisBus(redis.url, { logger: collecting().logger });
    const heardA: LiveEvent[] = [];
    const heardB: LiveEvent[] = [];
    a.subscribe((e) => heardA.push(e));
    b.subscribe((e) => heardB.push(e));

    await redis.kill();
    // Publishing does not fail the caller (a heartbeat's answer, a revoke) and does not queue without bound.
    await a.publish(changed(2));
    await a.publish(changed(3));
    await until(() => heardA.length === 2, 'A hearing its own events during the outage');
    expect(heardB).toEqual([]);
    await until(() => logs.some((l) => l.includes('Redis is unreachable')), 'the outage said');
    expect(logs.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);

    await redis.restart();
    await until(() => logs.some((l) => l.includes('reachable again')), 'the reconnection said');
    // Resubscribed after the reconnection: B's events reach A again.
    await until(
      () => {
        void b.publish(changed(4));
        return heardA.some((e) => e.type === 'kiosk-changed' && e.kioskId === 4);
      },
      'B’s event on A after the outage',
      15_000,
    );
    await Promise.all([a.close(), b.close()]);
  }, 30_000);

  it('refuses to start when Redis cannot be reached, naming where without the password', async () => {
    const error = await openRedisBus('redis://hub:s3cret@127.0.0.1:1', { logger: collecting().logger }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisBusError);
    expect((error as Error).message).toContain('cannot reach Redis at redis://hub:***@127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('says what is wrong with an address that is not a Redis one', () => {
    expect(() => redisClientOptions('postgres://x')).toThrow(/"postgres:" is not a Redis address/);
    expect(() => redisClientOptions('nonsense')).toThrow(/not a URL/);
    expect(redisClientOptions('unix:///run/redis.sock')).toEqual({ socket: { path: '/run/redis.sock' } });
    expect(maskRedisUrl('rediss://:pw@r.example:6380/0')).toBe('rediss://:***@r.example:6380/0');
  });
});

export type { LiveBus };
