import { afterEach, describe, expect, it } from 'vitest';
import { kioskCountsPerRelease } from '../../hub/fleet/kiosk-release-reports';
import { addKioskToGroup, changeRollout } from '../../hub/releases/rollouts';
import { useTestHub } from '../../hub/testing/test-hub';
import { trustRoot } from '../../service/content/updater/trusted-root';
import { startUpdateRig, waitFor, type UpdateRig } from './content-update-rig';

/**
 * A staged rollout end to end: one hub, two kiosk services, kiosk A in the
 * group "canary" and B not. A release rolled out to the canary reaches A
 * through the hub's nudge alone, while B, asking itself, is told there is
 * nothing for it; widened to every kiosk, it reaches B.
 */

describe('a staged content rollout', () => {
  const hub = useTestHub('sqlite', { listen: true, tufWatchMs: 100 });
  let opened: UpdateRig | undefined;
  afterEach(() => opened?.close());

  it('reaches the canary kiosk soon after it is rolled out to its group, and the other only once it is rolled out to all', async () => {
    const rig = (opened = await startUpdateRig(hub));
    const { db } = hub.storage.storage;
    trustRoot(rig.kiosk.dataDir, rig.rootJson);
    const b = await rig.addKiosk('kiosk-b');
    const [updaterA, updaterB] = [rig.kiosk.service.updater!, b.kiosk.service.updater!];
    await addKioskToGroup(db, rig.kioskId, 'canary', 'hubctl', new Date());

    // Published and signed, but rolled out to nobody yet: neither kiosk takes it.
    const n = await rig.publish('2026.12.07-00000010', undefined, 'none');
    expect(await updaterA.check()).toEqual({ outcome: 'up-to-date', newest: 0 });
    expect(await updaterB.check()).toEqual({ outcome: 'up-to-date', newest: 0 });

    await changeRollout(db, n, { action: 'canary', group: 'canary' }, 'hubctl', new Date());
    // No check is called for A: the hub notices the rollout change and tells each kiosk what it may install.
    await waitFor(async () => (await rig.served()).includes(`number ${n}`), 60_000);
    expect(await rig.served()).toContain('2026.12.07-00000010');
    expect(await updaterB.check()).toEqual({ outcome: 'up-to-date', newest: 0 });
    expect(await b.served()).not.toContain(`number ${n}`);

    await changeRollout(db, n, { action: 'all' }, 'hubctl', new Date());
    await waitFor(async () => (await b.served()).includes(`number ${n}`), 60_000);
    // Both say so in their heartbeats: the hub counts two kiosks on the release.
    await waitFor(async () => (await kioskCountsPerRelease(db)).get(n)?.on === 2);
  });
});
