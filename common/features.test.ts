import { describe, expect, it } from 'vitest';
import { FEATURE_IDS, featureStates, type FeatureId } from './features';

const allOn = Object.fromEntries(FEATURE_IDS.map((id) => [id, true])) as Record<FeatureId, boolean>;
const allBuilt = new Set<FeatureId>(FEATURE_IDS);

describe('featureStates', () => {
  it('lists every feature in home-screen order', () => {
    expect(featureStates({ enabled: allOn, built: allBuilt, hubUp: true }).map((f) => f.id)).toEqual([...FEATURE_IDS]);
  });
  it('a feature switched off on the terminal says so, before anything else', () => {
    const states = featureStates({ enabled: { ...allOn, mediation: false }, built: new Set(), hubUp: false });
    expect(states.find((f) => f.id === 'mediation')).toEqual({
      id: 'mediation',
      available: false,
      reason: 'disabled-on-terminal',
    });
  });
  it('a feature not in this version is unavailable with that reason', () => {
    const states = featureStates({ enabled: allOn, built: new Set<FeatureId>(['lawLookup']), hubUp: true });
    expect(states.find((f) => f.id === 'lawLookup')).toEqual({ id: 'lawLookup', available: true });
    expect(states.find((f) => f.id === 'consultation')).toEqual({
      id: 'consultation',
      available: false,
      reason: 'not-in-this-version',
    });
  });
  it('video calls need the hub; other features do not', () => {
    const states = featureStates({ enabled: allOn, built: allBuilt, hubUp: false });
    expect(states.filter((f) => !f.available).map((f) => [f.id, !f.available && f.reason])).toEqual([
      ['videoCall', 'needs-hub'],
    ]);
  });
});
