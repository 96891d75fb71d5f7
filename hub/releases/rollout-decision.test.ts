import { describe, expect, it } from 'vitest';
import { admits, allowedRelease, rolloutBucket, type Rollout } from './rollout-decision';

const rollout = (releaseNumber: number, over: Partial<Rollout>): Rollout => ({
  releaseNumber,
  stage: 'canary',
  canaryGroup: 'canary',
  percent: null,
  state: 'running',
  ...over,
});
const kiosk = (id: number, groups: string[] = [], pin: number | null = null) => ({ id, groups: new Set(groups), pin });

/** A kiosk id whose bucket for `release` is inside (or outside) `percent`. */
const kioskIn = (release: number, percent: number, inside: boolean): number => {
  for (let id = 1; ; id++) if (rolloutBucket(id, release) < percent === inside) return id;
};

describe('which release a kiosk may install', () => {
  const inTen = kioskIn(5, 10, true);
  const outFifty = kioskIn(5, 50, false);
  const cases: [string, ReturnType<typeof kiosk>, Rollout[], number][] = [
    ['no rollout at all: nothing', kiosk(1), [], 0],
    ['a canary member gets the canary release', kiosk(1, ['canary']), [rollout(5, {})], 5],
    ['a kiosk outside the canary group does not', kiosk(2, ['lobby']), [rollout(5, {})], 0],
    [
      '…but keeps the last release rolled to all',
      kiosk(2),
      [rollout(4, { stage: 'all', state: 'done' }), rollout(5, {})],
      4,
    ],
    ['in the percentage', kiosk(inTen), [rollout(5, { stage: 'percent', percent: 10 })], 5],
    ['outside it', kiosk(outFifty), [rollout(5, { stage: 'percent', percent: 50 })], 0],
    [
      'the canary stays in when the rollout widens to a percentage',
      kiosk(outFifty, ['canary']),
      [rollout(5, { stage: 'percent', percent: 50 })],
      5,
    ],
    ['all', kiosk(9), [rollout(5, { stage: 'all', state: 'done' })], 5],
    [
      'a paused rollout admits nobody new, not even its canary',
      kiosk(1, ['canary']),
      [rollout(5, { state: 'paused' })],
      0,
    ],
    [
      'an aborted one neither',
      kiosk(9),
      [rollout(4, { stage: 'all', state: 'done' }), rollout(5, { stage: 'all', state: 'aborted' })],
      4,
    ],
    [
      'never above the pin',
      kiosk(9, [], 4),
      [rollout(4, { stage: 'all', state: 'done' }), rollout(5, { stage: 'all', state: 'done' })],
      4,
    ],
    [
      'a pin above what is rolled out gives no more',
      kiosk(9, [], 7),
      [rollout(5, { stage: 'all', state: 'done' }), rollout(6, {})],
      5,
    ],
    ['pinned at the shipped release', kiosk(9, [], 0), [rollout(5, { stage: 'all', state: 'done' })], 0],
    [
      'the highest admitting release wins, in any order',
      kiosk(1, ['canary']),
      [rollout(6, {}), rollout(3, { stage: 'all', state: 'done' }), rollout(5, { stage: 'all', state: 'done' })],
      6,
    ],
  ];
  it.each(cases)('%s', (_name, k, rollouts, expected) => {
    expect(allowedRelease(k, rollouts)).toBe(expected);
  });

  it('widening a percentage keeps every kiosk it had: the buckets are fixed per kiosk and release', () => {
    const at = (percent: number) =>
      Array.from({ length: 400 }, (_, i) => i + 1).filter((id) =>
        admits(rollout(7, { stage: 'percent', percent, canaryGroup: null }), kiosk(id)),
      );
    const ten = at(10);
    const fifty = at(50);
    expect(ten.every((id) => fifty.includes(id))).toBe(true);
    // Roughly the share asked for (400 kiosks: loose bounds, the hash is not tested for quality here).
    expect(ten.length).toBeGreaterThan(10);
    expect(ten.length).toBeLessThan(80);
    expect(fifty.length).toBeGreaterThan(ten.length);
    expect(rolloutBucket(17, 7)).toBe(rolloutBucket(17, 7));
  });
});
