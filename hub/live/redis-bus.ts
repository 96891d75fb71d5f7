import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisClientType } from 'redis';
import { z } from 'zod';
import { describeZodError, problemsToText } from '../../common/api/format-issues';
import type { LiveBus, LiveEvent } from './live-bus';
import { LiveEventSchema } from './live-event-schema';

/**
 * The live bus across hub instances: Redis pub/sub on one channel.
 *
 * Each instance hands its own events to its own subscribers at once, and to
 * Redis for the others, marked with its instance id so it skips them when
 * they come back. So an instance whose Redis is down keeps its own screens
 * live, and only the others miss its events (pub/sub is at most once
 * anyway: nothing durable rides on an event, see live-bus.ts). While Redis
 * is unreachable, publishing fails fast rather than queueing without bound,
 * and the problem is said once per outage, not once per event; the clients
 * reconnect by themselves with a capped back-off.
 *
 * The first connection must succeed: a hub told to share events through
 * Redis that starts without it would look healthy while every console on
 * another instance went stale — the "status that lies" operators complain
 * of. A supervisor restarts it.
 */

export const DEFAULT_LIVE_CHANNEL = 'wurenlvsuo:hub:live';
/** How long the first connection may take before the start is refused. */
const CONNECT_TIMEOUT_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 5_000;

/** An event on the wire: which instance sent it, and the event. */
const Envelope = z.strictObject({ from: z.string().min(1).max(64), event: z.unknown() });

export class RedisBusError extends Error {}

/** Where HUB_REDIS_URL points: redis:// or rediss:// (TLS), or unix:///path/to/redis.sock. */
export function redisClientOptions(url: string): { url: string } | { socket: { path: string } } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisBusError(`HUB_REDIS_URL: not a URL (expected redis://host:port, rediss://… or unix:///path)`);
  }
  if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return { url };
  if (parsed.protocol === 'unix:' && parsed.pathname.startsWith('/')) return { socket: { path: parsed.pathname } };
  throw new RedisBusError(
    `HUB_REDIS_URL: "${parsed.protocol}" is not a Redis address (expected redis://host:port, rediss://… or unix:///path)`,
  );
}

/** The URL with any password masked, for logs and messages. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

export async function openRedisBus(
  url: string,
  opts: { logger: Logger; channel?: string; instanceId?: string },
): Promise<LiveBus> {
  const channel = opts.channel ?? DEFAULT_LIVE_CHANNEL;
  const me = opts.instanceId ?? randomUUID();
  const where = maskRedisUrl(url);
  const logger = opts.logger.child({ redis: where });
  const handlers = new Set<(event: LiveEvent) => void>();
  const deliver = (event: LiveEvent): void => {
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (error) {
        logger.error({ err: error, event: event.type }, 'a live event handler failed');
      }
    }
  };

  // Set at the first error of an outage, cleared when a client is ready again.
  let outage = false;
  const sayProblem = (error: Error): void => {
    if (outage) return;
    outage = true;
    logger.warn(
      { detail: error.message },
      'Redis is unreachable: events of other hub instances are missed until it is back',
    );
  };

  const target = redisClientOptions(url);
  // Until the first connection, a failure ends the attempt (the start is refused); after it, reconnect for ever.
  let connected = false;
  const socket = {
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectStrategy: (retries: number, cause: Error) =>
      connected ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
  };
  // Loaded only for a hub that uses Redis: the client and its modules take a quarter of a second to load,
  // which every start of the hub and of hubctl would pay otherwise.
  const { createClient } = await import('redis');
  const publisher: RedisClientType = createClient({
    ...('url' in target ? { url: target.url, socket } : { socket: { ...socket, path: target.socket.path } }),
    disableOfflineQueue: true,
  });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber]) {
    client.on('error', sayProblem);
    client.on('ready', () => {
      if (!outage) return;
      outage = false;
      logger.info('Redis is reachable again: events of other hub instances arrive again');
    });
  }

  const onMessage = (text: string): void => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      logger.warn('ignored a live event that is not JSON');
      return;
    }
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) {
      logger.warn(
        { detail: problemsToText(describeZodError(envelope.error, raw)) },
        'ignored a live event that is not one',
      );
      return;
    }
    if (envelope.data.from === me) return;
    const event = LiveEventSchema.safeParse(envelope.data.event);
    if (!event.success) {
      // Another version's event, or garbage: skipped and said.
      logger.warn(
        { detail: problemsToText(describeZodError(event.error, envelope.data.event)) },
        'ignored a live event this hub does not know',
      );
      return;
    }
    deliver(event.data);
  };

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel, onMessage);
    connected = true;
  } catch (error) {
    publisher.destroy();
    subscriber.destroy();
    throw new RedisBusError(`cannot reach Redis at ${where}: ${(error as Error).message}`);
  }
  logger.info({ channel }, 'live events are shared through Redis');

  return {
    async publish(event) {
      queueMicrotask(() => deliver(event));
      try {
        await publisher.publish(channel, JSON.stringify({ from: me, event }));
      } catch (error) {
        sayProblem(error as Error);
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([subscriber.close(), publisher.close()]);
    },
  };
}
