import { existsSync, readdirSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { describeReleaseState, kioskReleaseStates, kiosksPerRelease } from '../../hub/fleet/kiosk-release-reports';
import { useTestHub } from '../../hub/testing/test-hub';
import { RootNotValidError, trustRoot, tufDirs } from '../../service/content/updater/trusted-root';
import { startUpdateRig, waitFor, type UpdateRig } from './content-update-rig';

/**
 * The kiosk's content updater (service/content/updater/) in a real kiosk
 * service, against a real hub's TUF repository behind a proxy that can cut a
 * download off: the trusted root, the hub's nudge over the live socket, and a
 * download cut off midway continued where it stopped (a Range request the
 * hub answers in part).
 */

describe('the kiosk’s content updater', () => {
  const hub = useTestHub('sqlite', { listen: true, tufWatchMs: 100 });
  let opened: UpdateRig | undefined;
  afterEach(() => opened?.close());

  // One hub per test (useTestHub): the steps share it, in order.
  it('trusts only a root signed by its own keys, installs what the hub nudges it to, and resumes a cut download', async () => {
    const rig = (opened = await startUpdateRig(hub));
    const updater = rig.kiosk.service.updater!;
    // Nothing without a trusted root; then only a root signed by its own keys.
    expect(await updater.check()).toMatchObject({ outcome: 'failed', reason: 'no-trusted-root' });
    const forged = JSON.parse(rig.rootJson) as { signed: { expires: string } };
    forged.signed.expires = '2099-01-01T00:00:00Z';
    expect(() => trustRoot(rig.kiosk.dataDir, JSON.stringify(forged))).toThrow(RootNotValidError);
    expect(() => trustRoot(rig.kiosk.dataDir, '{"signed":')).toThrow(/not a TUF root/);

    const trusted = trustRoot(rig.kiosk.dataDir, rig.rootJson);
    expect(trusted).toMatchObject({ version: 1, rootKeyIds: [rig.offline.root.keyId], threshold: 1 });
    expect(() => trustRoot(rig.kiosk.dataDir, rig.rootJson)).toThrow(/trusted already/);
    expect(await updater.check()).toEqual({ outcome: 'up-to-date', newest: 0 });

    // A release the hub publishes is installed as soon as the hub nudges the kiosk, and served.
    const n = await rig.publish('2026.12.07-00000001');
    // No check is called here: the hub sees the new timestamp and tells the kiosk over its socket.
    await waitFor(async () => (await rig.served()).includes(`number ${n}`), 20_000);
    expect(await rig.served()).toContain('2026.12.07-00000001');
    // A second nudge (the socket opening, the timestamp) may be checking again meanwhile: it finds nothing newer.
    await waitFor(() => updater.status()?.step !== 'checking');
    expect(updater.status()).toMatchObject({ step: 'installed', releaseNumber: n, reason: null });
    // The kiosk's heartbeat tells the hub, which counts it among the kiosks serving release n.
    await waitFor(async () => (await kiosksPerRelease(hub.storage.storage.db)).some((r) => r.releaseNumber === n));
    const states = await kioskReleaseStates(hub.storage.storage.db);
    expect(describeReleaseState(states.get(rig.kioskId)!)).toBe(`serves release ${n}`);

    // A download cut off midway is continued from where it stopped.
    rig.proxy.tamper = (path) => (path.includes('.content-release-') ? 'cut' : undefined);
    const m = await rig.publish('2026.12.07-00000002');
    // The hub's nudge makes the check (one that the test made too would only race it).
    await waitFor(() => updater.status()?.step === 'failed');
    expect(updater.status()).toMatchObject({ step: 'failed', reason: 'unreachable', releaseNumber: m });
    await waitFor(async () =>
      describeReleaseState((await kioskReleaseStates(hub.storage.storage.db)).get(rig.kioskId)!).includes(
        `update failed release ${m} (unreachable)`,
      ),
    );
    const [partial] = readdirSync(tufDirs(rig.kiosk.dataDir).downloads);
    const kept = statSync(`${tufDirs(rig.kiosk.dataDir).downloads}/${partial}`).size;
    expect(kept).toBeGreaterThan(0);

    rig.proxy.tamper = undefined;
    rig.proxy.requests.length = 0;
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: m });
    expect(rig.proxy.requests.filter((r) => r.path.includes('.content-release-'))).toEqual([
      { path: expect.stringContaining(`content-release-${m}.db`) as string, range: `bytes=${kept}-` },
    ]);
    expect(await rig.served()).toContain('2026.12.07-00000002');
    expect(existsSync(`${tufDirs(rig.kiosk.dataDir).downloads}/${partial}`)).toBe(false);
  });
});
