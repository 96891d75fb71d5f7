import type { CallTopic } from './api/calls';
import { regionWithin } from './rights';

/**
 * Which callers a lawyer answers: their queues, each a region (and every
 * region within it, by GB/T 2260 prefix as in rights.ts) and a topic, or
 * every topic. A lawyer for whom no queue was set serves their account's
 * region, every topic; a lawyer without a region, every region. A queue
 * without a region (everywhere) may only be set by an administrator.
 */

export interface CallQueue {
  /** null: every region. */
  regionCode: string | null;
  /** null: every topic. */
  topic: CallTopic | null;
}

/** The queues set for no lawyer of an account in this region. */
export function defaultQueues(accountRegion: string | null): CallQueue[] {
  return [{ regionCode: accountRegion, topic: null }];
}

/** The queues a lawyer serves: the ones set, or the default ones for the account's region. */
export function effectiveQueues(set: readonly CallQueue[], accountRegion: string | null): readonly CallQueue[] {
  return set.length > 0 ? set : defaultQueues(accountRegion);
}

export function queueCovers(queue: CallQueue, call: { regionCode: string; topic: CallTopic }): boolean {
  return (
    (queue.regionCode === null || regionWithin(queue.regionCode, call.regionCode)) &&
    (queue.topic === null || queue.topic === call.topic)
  );
}

export function queuesCover(queues: readonly CallQueue[], call: { regionCode: string; topic: CallTopic }): boolean {
  return queues.some((q) => queueCovers(q, call));
}

/** The same queues, each once, in a stable order (region, then topic; "every" first). */
export function tidyQueues(queues: readonly CallQueue[]): CallQueue[] {
  const unique = new Map(queues.map((q) => [`${q.regionCode ?? ''}|${q.topic ?? ''}`, q]));
  // null (every one) before any value, then in text order.
  const order = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  return [...unique.values()].sort((a, b) => order(a.regionCode, b.regionCode) || order(a.topic, b.topic));
}
