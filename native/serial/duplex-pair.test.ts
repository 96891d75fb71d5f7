import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDuplexPair } from './duplex-pair';
import { isUnplugged } from './unplugged';

/** Resolves with what `end` reported when it closed: the error it was destroyed with, if any. */
function closing(end: Duplex): Promise<Error | undefined> {
  let error: Error | undefined;
  end.on('error', (e: Error) => {
    error = e;
  });
  return new Promise((resolve) => end.once('close', () => resolve(error)));
}

describe('createDuplexPair', () => {
  it('carries bytes both ways, as copies the writer may reuse', async () => {
    const [a, b] = createDuplexPair();
    const atB = once(b, 'data');
    const sent = Buffer.from([1, 2, 3]);
    await new Promise<void>((resolve, reject) => a.write(sent, (e) => (e ? reject(e) : resolve())));
    sent.fill(0);
    expect([...(await atB)[0]]).toEqual([1, 2, 3]);
    const atA = once(a, 'data');
    b.write(Buffer.from([4, 5]));
    expect([...(await atA)[0]]).toEqual([4, 5]);
  });

  it.each([
    ['first', 0],
    ['second', 1],
  ] as const)(
    'unplugs the other end when the %s end closes: it closes with an error that says disconnected',
    async (_which, index) => {
      const ends = createDuplexPair();
      const closer = ends[index];
      const other = ends[1 - index]!;
      const closerClosed = closing(closer);
      const otherClosed = closing(other);
      closer.destroy();
      expect(await closerClosed).toBeUndefined();
      const reason = await otherClosed;
      expect(isUnplugged(reason)).toBe(true);
      expect(other.destroyed).toBe(true);
    },
  );

  it('fails a write into an unplugged cable instead of leaving it waiting', async () => {
    const [a, b] = createDuplexPair();
    const aClosed = closing(a);
    b.destroy();
    await aClosed;
    const error = await new Promise<Error | null | undefined>((resolve) => a.write(Buffer.from([1]), resolve));
    expect(error).toMatchObject({ code: 'ERR_STREAM_DESTROYED' });
  });

  it('ends what the other end reads when one end ends, and leaves the cable plugged in', async () => {
    const [a, b] = createDuplexPair();
    const ended = new Promise<void>((resolve) => b.once('end', () => resolve()));
    b.resume();
    a.end();
    await ended;
    expect(b.destroyed).toBe(false);
    const atA = once(a, 'data');
    b.write(Buffer.from([9]));
    expect([...(await atA)[0]]).toEqual([9]);
  });
});
