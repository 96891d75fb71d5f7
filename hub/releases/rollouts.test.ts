import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kioskCountsPerRelease } from '../fleet/kiosk-release-reports';
import { listAudit } from '../storage/audit-log';
import type { HubDb } from '../storage/schema';
import { insertApprovedKiosk } from '../testing/test-kiosks';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import {
  addKioskToGroup,
  allowedReleases,
  changeRollout,
  listGroupMembers,
  listRollouts,
  nextRollout,
  pinKiosk,
  removeKioskFromGroup,
  RolloutRefusedError,
  rolloutGeneration,
} from './rollouts';

const NOW = new Date('2026-12-07T08:00:00Z');

/** A published release as the content_releases table holds it (the TUF side is tuf-repository.test.ts's). */
async function published(db: HubDb, releaseNumber: number): Promise<void> {
  await db
    .insertInto('content_releases')
    .values({
      sha256: createHash('sha256').update(randomUUID()).digest('hex'),
      length: 1,
      version: `2026.12.07-${releaseNumber}`,
      schema_version: 1,
      uploaded_at: NOW.toISOString(),
      uploaded_by: 'hubctl',
      body: null,
      release_number: releaseNumber,
      published_at: NOW.toISOString(),
      published_by: 'hubctl',
    })
    .execute();
}

describe.each(ENGINES)('staged rollouts on %s', (engine) => {
  const t = useTestStorage(engine);

  it('groups, a rollout from canary to all with pause and abort, pins, what each kiosk may install, and the counts', async () => {
    const db = t.storage.db;
    const [a, b, c] = [
      await insertApprovedKiosk(db, undefined, NOW),
      await insertApprovedKiosk(db, undefined, NOW),
      await insertApprovedKiosk(db, '110101', NOW),
    ];
    await published(db, 1);
    await published(db, 2);
    const generation = await rolloutGeneration(db);

    expect(await addKioskToGroup(db, a, 'canary', 'hubctl', NOW)).toBe(true);
    expect(await addKioskToGroup(db, a, 'canary', 'hubctl', NOW)).toBe(false);
    expect(await addKioskToGroup(db, c, '前台', 'hubctl', NOW)).toBe(true);
    await expect(addKioskToGroup(db, a, 'no spaces', 'hubctl', NOW)).rejects.toThrow(/group name "no spaces"/);
    await expect(addKioskToGroup(db, 999, 'canary', 'hubctl', NOW)).rejects.toThrow('there is no kiosk 999');
    expect(await listGroupMembers(db)).toEqual([
      { group: 'canary', kioskId: a, regionCode: '420111' },
      { group: '前台', kioskId: c, regionCode: '110101' },
    ]);
    expect(await removeKioskFromGroup(db, c, '前台', 'hubctl', NOW)).toBe(true);
    expect(await removeKioskFromGroup(db, c, '前台', 'hubctl', NOW)).toBe(false);

    // Published, no rollout: nobody.
    expect(await allowedReleases(db, [a, b, c])).toEqual(
      new Map([
        [a, 0],
        [b, 0],
        [c, 0],
      ]),
    );
    await expect(changeRollout(db, 2, { action: 'canary', group: 'empty' }, 'hubctl', NOW)).rejects.toThrow(
      'group "empty" has no kiosks',
    );
    await expect(changeRollout(db, 3, { action: 'all' }, 'hubctl', NOW)).rejects.toThrow('no published release 3');
    await changeRollout(db, 1, { action: 'all' }, 'hubctl', NOW);
    expect(await changeRollout(db, 2, { action: 'canary', group: 'canary' }, { userId: 7 }, NOW)).toEqual({
      releaseNumber: 2,
      stage: 'canary',
      canaryGroup: 'canary',
      percent: null,
      state: 'running',
    });
    expect(await allowedReleases(db, [a, b])).toEqual(
      new Map([
        [a, 2],
        [b, 1],
      ]),
    );

    await changeRollout(db, 2, { action: 'pause' }, 'hubctl', NOW);
    expect((await allowedReleases(db, [a])).get(a)).toBe(1);
    await expect(changeRollout(db, 2, { action: 'percent', percent: 50 }, 'hubctl', NOW)).rejects.toThrow(
      'paused: resume it before widening',
    );
    await changeRollout(db, 2, { action: 'resume' }, 'hubctl', NOW);
    await changeRollout(db, 2, { action: 'percent', percent: 50 }, 'hubctl', NOW);
    await expect(changeRollout(db, 2, { action: 'percent', percent: 20 }, 'hubctl', NOW)).rejects.toThrow(
      'at 50 % already: a rollout only widens',
    );
    await changeRollout(db, 2, { action: 'all' }, 'hubctl', NOW);
    expect(await allowedReleases(db, [a, b, c])).toEqual(
      new Map([
        [a, 2],
        [b, 2],
        [c, 2],
      ]),
    );

    // A pin holds a kiosk back; unpinned it follows the rollouts again.
    await pinKiosk(db, b, 1, 'hubctl', NOW);
    await expect(pinKiosk(db, b, 9, 'hubctl', NOW)).rejects.toThrow('no published release 9');
    expect((await allowedReleases(db, [b])).get(b)).toBe(1);
    await pinKiosk(db, b, null, 'hubctl', NOW);
    expect((await allowedReleases(db, [b])).get(b)).toBe(2);

    await changeRollout(db, 2, { action: 'abort' }, 'hubctl', NOW);
    expect((await allowedReleases(db, [c])).get(c)).toBe(1);
    await expect(changeRollout(db, 2, { action: 'all' }, 'hubctl', NOW)).rejects.toThrow(
      'aborted: kiosks on it stay there (they never go back); publish a release 3',
    );
    expect((await listRollouts(db)).map((r) => [r.releaseNumber, r.stage, r.state])).toEqual([
      [2, 'all', 'aborted'],
      [1, 'all', 'done'],
    ]);
    // Every change moved the generation the hub instances watch.
    expect(await rolloutGeneration(db)).toBe(generation + 12);
    const audit = await listAudit(db, { limit: 3 });
    expect(audit.map((r) => [r.actor, r.action, r.target])).toEqual([
      ['hubctl', 'release.rollout', 'release:2'],
      ['hubctl', 'kiosk.unpin', `kiosk:${b}`],
      ['hubctl', 'kiosk.pin', `kiosk:${b}`],
    ]);

    // The counts a rollout view shows, from the kiosks' reported states.
    const state = (kioskId: number, served: number, step: string | null, releaseNumber: number | null) => ({
      kiosk_id: kioskId,
      served_release: served,
      step,
      release_number: releaseNumber,
      reason: null,
      step_at: NOW.toISOString(),
      reported_at: NOW.toISOString(),
    });
    await db
      .insertInto('kiosk_release_states')
      .values([state(a, 2, 'installed', 2), state(b, 1, 'downloading', 2), state(c, 1, 'rolled-back', 2)])
      .execute();
    const counts = await kioskCountsPerRelease(db);
    expect(counts.get(2)).toEqual({ on: 1, downloading: 1, failed: 0, rolledBack: 1 });
    expect(counts.get(1)).toEqual({ on: 2, downloading: 0, failed: 0, rolledBack: 0 });
    expect((await kioskCountsPerRelease(db, new Set([c]))).get(2)).toEqual({
      on: 0,
      downloading: 0,
      failed: 0,
      rolledBack: 1,
    });
  });

  it('changes of one rollout made at once are applied one after the other: an acknowledged pause is never lost to a widening', async () => {
    const db = t.storage.db;
    const kiosk = await insertApprovedKiosk(db, undefined, NOW);
    await addKioskToGroup(db, kiosk, 'canary', 'hubctl', NOW);
    for (let n = 1; n <= 12; n++) {
      await published(db, n);
      await changeRollout(db, n, { action: 'canary', group: 'canary' }, 'hubctl', NOW);
      const [paused, widened] = await Promise.allSettled([
        changeRollout(db, n, { action: 'pause' }, { userId: 1 }, NOW),
        changeRollout(db, n, { action: 'percent', percent: 50 }, { userId: 2 }, NOW),
      ]);
      const stored = (await listRollouts(db)).find((r) => r.releaseNumber === n)!;
      // One order or the other: widened then paused (both acknowledged, paused at 50 %), or paused and the widening refused.
      expect(paused.status).toBe('fulfilled');
      if (widened.status === 'fulfilled')
        expect(stored).toMatchObject({ stage: 'percent', percent: 50, state: 'paused' });
      else {
        expect(widened.reason).toBeInstanceOf(RolloutRefusedError);
        expect(stored).toMatchObject({ stage: 'canary', state: 'paused' });
      }
    }
  });
});

describe('a rollout’s next step', () => {
  it('refuses what does not widen, in words that say why', () => {
    expect(() => nextRollout(4, undefined, { action: 'percent', percent: 100 })).toThrow(/1 to 99/);
    expect(() => nextRollout(4, undefined, { action: 'pause' })).toThrow('no rollout under way to pause');
    expect(() => nextRollout(4, undefined, { action: 'abort' })).toThrow('goes to nobody');
    const all = nextRollout(4, undefined, { action: 'all' });
    expect(() => nextRollout(4, all, { action: 'canary', group: 'x' })).toThrow('goes to every kiosk already');
    expect(nextRollout(4, nextRollout(4, all, { action: 'pause' }), { action: 'resume' })).toEqual(all);
    expect(() => nextRollout(4, all, { action: 'resume' })).toThrow(RolloutRefusedError);
  });
});
