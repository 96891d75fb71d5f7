import { describe, expect, it } from 'vitest';
import { BUILT_FEATURES, FEATURE_IDS } from '../../common/features';
import { type NavState, type Screen, currentScreen, featureTarget, initialNavState, navReducer } from './navigation';

const unavailable: Screen = { name: 'feature-unavailable', feature: 'legalAid', reason: 'not-in-this-version' };
const other: Screen = { name: 'feature-unavailable', feature: 'mediation', reason: 'disabled-on-terminal' };

function run(...actions: Parameters<typeof navReducer>[1][]): NavState {
  return actions.reduce(navReducer, initialNavState);
}

describe('navReducer', () => {
  it('starts at home and cannot go back past it', () => {
    expect(currentScreen(initialNavState)).toEqual({ name: 'home' });
    expect(run({ type: 'back' })).toBe(initialNavState);
  });

  it('pushes and goes back', () => {
    const s = run({ type: 'push', screen: unavailable }, { type: 'push', screen: other });
    expect(s.stack).toHaveLength(3);
    expect(currentScreen(s)).toEqual(other);
    expect(currentScreen(navReducer(s, { type: 'back' }))).toEqual(unavailable);
  });

  it('ignores a double tap that would push the same screen again', () => {
    const once = run({ type: 'push', screen: unavailable });
    expect(navReducer(once, { type: 'push', screen: { ...unavailable } })).toBe(once);
  });

  it('goes home from anywhere, keeping the generation', () => {
    const s = run({ type: 'push', screen: unavailable }, { type: 'push', screen: other }, { type: 'home' });
    expect(s.stack).toEqual([{ name: 'home' }]);
    expect(s.generation).toBe(0);
    expect(run({ type: 'push', screen: unavailable }, { type: 'push', screen: { name: 'home' } }).stack).toEqual([
      { name: 'home' },
    ]);
  });

  it('reset wipes the stack and starts a new generation', () => {
    const s = run({ type: 'push', screen: unavailable }, { type: 'reset' });
    expect(s.stack).toEqual([{ name: 'home' }]);
    expect(s.generation).toBe(1);
  });
});

describe('featureTarget', () => {
  it('explains an unavailable feature with its reason', () => {
    expect(featureTarget({ id: 'videoCall', available: false, reason: 'needs-hub' })).toEqual({
      name: 'feature-unavailable',
      feature: 'videoCall',
      reason: 'needs-hub',
    });
  });

  it('opens 视频咨询 when the hub is up', () => {
    expect(featureTarget({ id: 'videoCall', available: true })).toEqual({ name: 'video-call' });
  });

  it('never leads to a dead end when the service offers a feature this UI has no screen for', () => {
    // Any feature not built yet; once every one is, there is nothing left to check.
    for (const id of FEATURE_IDS.filter((f) => !BUILT_FEATURES.has(f))) {
      expect(featureTarget({ id, available: true })).toEqual({
        name: 'feature-unavailable',
        feature: id,
        reason: 'not-in-this-version',
      });
    }
  });

  it('opens the screens of the features this UI has', () => {
    expect(featureTarget({ id: 'consultation', available: true })).toEqual({ name: 'topics' });
    expect(featureTarget({ id: 'lawLookup', available: true })).toEqual({ name: 'law-categories' });
    // Switched off on this terminal: explained, even though the screen exists.
    expect(featureTarget({ id: 'lawLookup', available: false, reason: 'disabled-on-terminal' })).toMatchObject({
      name: 'feature-unavailable',
    });
  });

  it('every feature marked built has a screen here', () => {
    for (const id of BUILT_FEATURES)
      expect(featureTarget({ id, available: true }).name, id).not.toBe('feature-unavailable');
  });
});
