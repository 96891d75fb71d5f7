import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECOVERY_POLICY as policy,
  connectivityOf,
  nextRecoveryStep,
  restartGapMs,
  type Connectivity,
  type Outage,
} from './recovery-policy';

const outage = (changes: Partial<Outage>): Outage => ({
  since: 10_000,
  connectivity: 'disconnected',
  connectivitySince: 10_000,
  restarts: 0,
  lastRestartAt: null,
  ...changes,
});

describe('connectivityOf', () => {
  it('takes the worse of the ICE and the overall state', () => {
    expect(connectivityOf('connected', 'connected')).toBe('connected');
    expect(connectivityOf('completed', 'connected')).toBe('connected');
    // ICE is up but DTLS is not yet: not connected.
    expect(connectivityOf('connected', 'connecting')).toBe('checking');
    expect(connectivityOf('disconnected', 'connected')).toBe('disconnected');
    expect(connectivityOf('checking', 'failed')).toBe('failed');
    expect(connectivityOf('failed', 'disconnected')).toBe('failed');
    expect(connectivityOf('new', 'new')).toBe('new');
    expect(connectivityOf('checking', 'new')).toBe('checking');
    expect(connectivityOf('closed', 'failed')).toBe('closed');
  });
});

describe('nextRecoveryStep', () => {
  it('leaves a short disconnection alone, and restarts ICE once it lasted the grace', () => {
    const o = outage({ connectivity: 'disconnected', connectivitySince: 10_000 });
    expect(nextRecoveryStep(policy, o, 10_500)).toEqual({ kind: 'wait', ms: policy.dropGraceMs - 500 });
    expect(nextRecoveryStep(policy, o, 10_000 + policy.dropGraceMs)).toEqual({ kind: 'restart-ice' });
  });

  it('restarts ICE at once when it failed', () => {
    expect(nextRecoveryStep(policy, outage({ connectivity: 'failed' }), 10_001)).toEqual({ kind: 'restart-ice' });
  });

  it('spaces restarts that keep failing by growing gaps, up to the last gap', () => {
    const gaps = [1, 2, 3, 4, 5, 9].map((n) => restartGapMs(policy, n));
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    const afterSecond = outage({ connectivity: 'failed', restarts: 2, lastRestartAt: 20_000 });
    expect(nextRecoveryStep(policy, afterSecond, 20_500)).toEqual({ kind: 'wait', ms: 1_500 });
    expect(nextRecoveryStep(policy, afterSecond, 22_000)).toEqual({ kind: 'restart-ice' });
  });

  it('tries again a restart that is still checking after its patience', () => {
    const o = outage({ connectivity: 'checking', restarts: 1, lastRestartAt: 20_000 });
    expect(nextRecoveryStep(policy, o, 21_000)).toEqual({ kind: 'wait', ms: policy.restartPatienceMs - 1_000 });
    expect(nextRecoveryStep(policy, o, 20_000 + policy.restartPatienceMs)).toEqual({ kind: 'restart-ice' });
  });

  it('does not restart a first connection still being set up', () => {
    for (const connectivity of ['new', 'checking'] as const)
      expect(nextRecoveryStep(policy, outage({ connectivity }), 30_000)).toEqual({
        kind: 'wait',
        ms: 10_000 + policy.giveUpAfterMs - 30_000,
      });
  });

  it('restarts a connection that is up but carries no media once the grace is over', () => {
    // Media stopped at 10 s while ICE kept saying connected (a TURN server lost its allocations).
    const stalled = outage({ connectivity: 'connected', connectivitySince: 1_000 });
    expect(nextRecoveryStep(policy, stalled, 11_000)).toEqual({ kind: 'wait', ms: policy.dropGraceMs - 1_000 });
    expect(nextRecoveryStep(policy, stalled, 10_000 + policy.dropGraceMs)).toEqual({ kind: 'restart-ice' });
    // Just connected, media on its way: the grace counts from the connection.
    const fresh = outage({ since: 0, connectivity: 'connected', connectivitySince: 9_500 });
    expect(nextRecoveryStep(policy, fresh, 10_000)).toEqual({ kind: 'wait', ms: policy.dropGraceMs - 500 });
  });

  it('gives up after the limit without media, and at once when the connection was closed', () => {
    expect(nextRecoveryStep(policy, outage({ connectivity: 'failed' }), 10_000 + policy.giveUpAfterMs)).toEqual({
      kind: 'give-up',
    });
    expect(nextRecoveryStep(policy, outage({ connectivity: 'closed' }), 10_001)).toEqual({ kind: 'give-up' });
    // A restart that would come after the limit is not waited for.
    const late = outage({ connectivity: 'failed', restarts: 4, lastRestartAt: 10_000 + policy.giveUpAfterMs - 1_000 });
    expect(nextRecoveryStep(policy, late, 10_000 + policy.giveUpAfterMs - 500)).toEqual({ kind: 'wait', ms: 500 });
  });

  it('always either acts or waits a positive time that ends no later than the limit', () => {
    const connectivity = fc.constantFrom<Connectivity>('new', 'checking', 'connected', 'disconnected', 'failed');
    fc.assert(
      fc.property(
        connectivity,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (c, connectivityAfter, restartAfter, restarts, lookAfter, since) => {
          const o = outage({
            since,
            connectivity: c,
            connectivitySince: since + connectivityAfter,
            restarts,
            lastRestartAt: restarts === 0 ? null : since + restartAfter,
          });
          const now = Math.max(o.connectivitySince, o.lastRestartAt ?? since) + lookAfter;
          const step = nextRecoveryStep(policy, o, now);
          if (now >= since + policy.giveUpAfterMs) return step.kind === 'give-up';
          if (step.kind === 'wait') return step.ms > 0 && now + step.ms <= since + policy.giveUpAfterMs;
          return step.kind === 'restart-ice';
        },
      ),
    );
  });
});
