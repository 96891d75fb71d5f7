import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishReleaseOnline, uploadRelease } from '../../hub/releases/content-releases';
import { makeTufKeys, signerOf, type TufSigner } from '../../hub/releases/tuf-keys';
import { delegateReleases } from '../../hub/releases/tuf-repository';
import { useTestHub } from '../../hub/testing/test-hub';
import type { UpdateFailure } from '../../service/content/updater/content-updater';
import { trustRoot } from '../../service/content/updater/trusted-root';
import { releaseVariant } from '../../service/testing/release-files';
import { startUpdateRig, waitFor, type UpdateRig } from './content-update-rig';

/**
 * Releases the hub signs itself, with the online key its offline targets
 * key delegates content releases to (what an approval in the console
 * publishes), against a real hub and a real kiosk service: such a release
 * installs like one signed offline; metadata of the delegated role signed
 * by any other key is refused, and so is the old key once `hubctl tuf
 * delegate` gave the role a new one; a name outside the delegation's
 * paths is not taken though the delegated key signed it.
 */

describe('content releases signed by the delegated online key', () => {
  // No nudges from the hub: each check is the test's own.
  const hub = useTestHub('sqlite', { listen: true, tufWatchMs: 3_600_000 });
  let opened: UpdateRig | undefined;
  afterEach(() => opened?.close());

  it('install on the kiosk beside offline ones; a foreign or revoked key and paths outside the delegation are refused', async () => {
    const rig = (opened = await startUpdateRig(hub, { delegated: true }));
    const updater = rig.kiosk.service.updater!;
    const { db } = hub.storage.storage;
    trustRoot(rig.kiosk.dataDir, rig.rootJson);

    // Offline-signed releases keep working beside the delegation.
    const offline = await rig.publish('2026.12.07-00000001');
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: offline });

    const online = await rig.publishOnline('2026.12.07.2-00000002');
    expect(online).toBe(offline + 1);
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: online });
    let served = online;
    expect(await rig.served()).toContain(`number ${served}`);
    // The role's metadata is served under its versioned name and named by the snapshot the kiosk trusts.
    const snapshot = JSON.parse((await rig.stored('snapshot', await rig.newest('snapshot'))).toString()) as {
      signed: { meta: Record<string, { version: number }> };
    };
    expect(snapshot.signed.meta['releases.json']?.version).toBe(await rig.newest('releases'));
    const kioskCopy = JSON.parse(readFileSync(join(rig.kiosk.dataDir, 'tuf', 'metadata', 'releases.json'), 'utf8')) as {
      signed: { targets: Record<string, unknown> };
    };
    expect(Object.keys(kioskCopy.signed.targets)).toEqual([`content-release-${online}.db`]);

    const refused = async (attack: string, reason: UpdateFailure) => {
      const outcome = await updater.check();
      expect(outcome, `${attack}: ${JSON.stringify(outcome)}`).toMatchObject({ outcome: 'failed', reason });
      await waitFor(async () => {
        const event = await db
          .selectFrom('kiosk_release_events')
          .select('id')
          .where('kiosk_id', '=', rig.kioskId)
          .where('reason', '=', reason)
          .executeTakeFirst();
        return event !== undefined;
      });
      expect(await rig.served(), attack).toContain(`number ${served}`);
    };
    const variant = (name: string, version: string) =>
      readFileSync(releaseVariant(join(rig.scratch, name), { version }));

    // A name outside `content-release-*`, though signed by the delegated key, is not taken from the role: were it
    // read, this path-like name would fail the whole check ('bad-target'); it is left out, and the check is clean.
    await rig.publishDelegatedRaw('other/content-release-91.db', variant('other-91.db', '2026.12.07.3-00000091'), {
      releaseNumber: 91,
      version: '2026.12.07.3-00000091',
      schemaVersion: 0,
    });
    expect(await updater.check()).toMatchObject({ outcome: 'up-to-date', newest: served });
    expect(await rig.served()).toContain(`number ${served}`);

    // `hubctl tuf delegate` with a new key (the old one stolen): the hub's own releases are carried over, nothing else.
    const fresh = makeTufKeys(join(rig.scratch, 'online-2'), ['releases']).releases;
    await delegateReleases(db, {
      targetsSigners: [rig.offline.targets],
      online: rig.online,
      releases: fresh,
      actor: 'hubctl',
      now: new Date(),
    });
    const carried = JSON.parse((await rig.stored('releases', await rig.newest('releases'))).toString()) as {
      signed: { targets: Record<string, unknown> };
    };
    expect(Object.keys(carried.signed.targets)).toEqual([`content-release-${online}.db`]);
    const publishWith = async (releases: TufSigner, version: string) => {
      const body = variant(`release-${version}.db`, version);
      const upload = await uploadRelease(db, { bytes: body, where: version }, 'hubctl', new Date());
      return publishReleaseOnline(db, upload.id, {
        online: { ...rig.online, releases },
        actor: 'hubctl',
        now: new Date(),
        toAll: true,
      });
    };
    const afterRotation = await publishWith(fresh, '2026.12.07.4-00000003');
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: afterRotation.releaseNumber });
    served = afterRotation.releaseNumber;
    // The revoked key cannot publish through the hub…
    await expect(publishWith(rig.onlineReleases!.releases, '2026.12.07.5-00000004')).rejects.toThrow(
      /not the one the TUF targets .* delegates to/,
    );

    // …nor by writing the role's metadata itself: the kiosk refuses it.
    await rig.publishDelegatedRaw(
      'content-release-92.db',
      variant('stolen-92.db', '2026.12.07.6-00000092'),
      { releaseNumber: 92, version: '2026.12.07.6-00000092', schemaVersion: 0 },
      rig.onlineReleases!.releases,
    );
    await refused('delegated metadata signed by the revoked key', 'bad-signature');
    // The hub will not sign again a list it did not write.
    await expect(publishWith(fresh, '2026.12.07.7-00000005')).rejects.toThrow(/not written by this hub/);

    // Nor is a key no delegation ever named taken.
    const stranger = signerOf(generateKeyPairSync('ed25519').privateKey);
    await rig.publishDelegatedRaw(
      'content-release-93.db',
      variant('forged-93.db', '2026.12.07.8-00000093'),
      { releaseNumber: 93, version: '2026.12.07.8-00000093', schemaVersion: 0 },
      stranger,
    );
    await refused('delegated metadata signed by an unknown key', 'bad-signature');
  });
});
