import { describe, expect, it } from 'vitest';
import { ReleaseQueue } from './release-queue';

describe('release queue', () => {
  it('runs jobs one after another, in order, past a failing one', async () => {
    const queue = new ReleaseQueue();
    const seen: string[] = [];
    const job =
      (name: string, ms: number, fail = false) =>
      async () => {
        seen.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        seen.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(job('a', 30)),
      queue.run(job('b', 5, true)),
      queue.run(job('c', 1)),
    ]);
    expect(seen).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
