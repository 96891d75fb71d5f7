import { describe, expect, it } from 'vitest';
import { effectiveQueues, queuesCover, tidyQueues } from './call-queues';

describe('lawyers’ queues', () => {
  const call = { regionCode: '420111', topic: 'labour' } as const;

  it('cover a call by region prefix and topic, null meaning every one', () => {
    expect(queuesCover([{ regionCode: '420000', topic: null }], call)).toBe(true);
    expect(queuesCover([{ regionCode: '420100', topic: 'labour' }], call)).toBe(true);
    expect(queuesCover([{ regionCode: '420100', topic: 'family' }], call)).toBe(false);
    expect(queuesCover([{ regionCode: '420102', topic: null }], call)).toBe(false);
    expect(queuesCover([{ regionCode: '440000', topic: null }], call)).toBe(false);
    expect(queuesCover([{ regionCode: null, topic: 'labour' }], call)).toBe(true);
    expect(queuesCover([], call)).toBe(false);
  });

  it('default to the account’s region, every topic (every region for an account without one)', () => {
    expect(effectiveQueues([], '420100')).toEqual([{ regionCode: '420100', topic: null }]);
    expect(queuesCover(effectiveQueues([], null), { regionCode: '650102', topic: 'other' })).toBe(true);
    const set = [{ regionCode: '440100', topic: null }];
    expect(effectiveQueues(set, '420100')).toBe(set);
  });

  it('are kept once each, in a stable order', () => {
    expect(
      tidyQueues([
        { regionCode: '420111', topic: 'labour' },
        { regionCode: null, topic: null },
        { regionCode: '420111', topic: 'labour' },
        { regionCode: '420111', topic: null },
      ]),
    ).toEqual([
      { regionCode: null, topic: null },
      { regionCode: '420111', topic: null },
      { regionCode: '420111', topic: 'labour' },
    ]);
  });
});
