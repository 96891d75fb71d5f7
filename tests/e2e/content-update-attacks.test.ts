import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SCHEMA_VERSION } from '../../content/schema/content-schema';
import { signerOf } from '../../hub/releases/tuf-keys';
import { useTestHub } from '../../hub/testing/test-hub';
import type { UpdateFailure } from '../../service/content/updater/content-updater';
import { trustRoot } from '../../service/content/updater/trusted-root';
import { garblePages, pagesOf, releaseVariant } from '../../service/testing/release-files';
import { startUpdateRig, waitFor, type UpdateRig } from './content-update-rig';

/**
 * Issue 16's attacks on content updates, each against a real hub and a real
 * kiosk service with a tampering proxy between them (or, for what only a
 * compromised key could sign, the hub's own repository signing it): each is
 * refused, the kiosk's report to the hub names it (checked in the hub's
 * database), and the kiosk keeps serving the release it had.
 */

describe('content updates under attack', () => {
  // No nudges from the hub: each case's check is the test's own.
  const hub = useTestHub('sqlite', { listen: true, tufWatchMs: 3_600_000 });
  let opened: UpdateRig | undefined;
  afterEach(() => opened?.close());

  it('refuses replayed, frozen, tampered, foreign-signed, mixed, endless, path-named and damaged updates, says so to the hub, and keeps serving', async () => {
    const rig = (opened = await startUpdateRig(hub));
    const updater = rig.kiosk.service.updater!;
    const { db } = hub.storage.storage;
    trustRoot(rig.kiosk.dataDir, rig.rootJson);
    const first = await rig.publish('2026.12.07-00000001');
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: first });
    let served = first;
    expect(await rig.served()).toContain(`number ${served}`);
    const second = await rig.publish('2026.12.07-00000002');

    /** One attack: the check fails for `reason`, the hub has it from the kiosk's heartbeat, and release 1 is still served. */
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
      const state = await db
        .selectFrom('kiosk_release_states')
        .selectAll()
        .where('kiosk_id', '=', rig.kioskId)
        .executeTakeFirstOrThrow();
      expect(state, attack).toMatchObject({ served_release: served, step: 'failed', reason });
      expect(await rig.served(), attack).toContain(`number ${served}`);
      rig.proxy.tamper = undefined;
    };
    const metadata = (path: string, role: string) => path.startsWith('/tuf/metadata/') && path.endsWith(role);

    // Rollback: the timestamp of before release 1, replayed.
    const replayed = await rig.stored('timestamp', 1);
    rig.proxy.tamper = (path) => (metadata(path, 'timestamp.json') ? replayed : undefined);
    await refused('replayed old timestamp', 'rollback');

    // Freeze: a timestamp whose signature is good but whose time is over.
    const expired = await rig.forgeTimestamp((signed) => {
      signed['version'] = Number(signed['version']) + 1;
      signed['expires'] = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}/, '');
    });
    rig.proxy.tamper = (path) => (metadata(path, 'timestamp.json') ? expired : undefined);
    await refused('expired timestamp', 'expired');

    // A timestamp signed by a key the root does not name.
    const stranger = signerOf(generateKeyPairSync('ed25519').privateKey);
    const foreign = await rig.forgeTimestamp((signed) => {
      signed['version'] = Number(signed['version']) + 1;
    }, stranger);
    rig.proxy.tamper = (path) => (metadata(path, 'timestamp.json') ? foreign : undefined);
    await refused('metadata signed by an unknown key', 'bad-signature');

    // Mix-and-match: the targets metadata of the version before, served under the current one's name.
    const targetsNow = await rig.newest('targets');
    const olderTargets = await rig.stored('targets', targetsNow - 1);
    rig.proxy.tamper = (path) => (metadata(path, `${targetsNow}.targets.json`) ? olderTargets : undefined);
    await refused('snapshot and targets of different versions', 'mix-and-match');

    // The release file changed on the way, same length.
    rig.proxy.tamper = (path, bytes) => {
      if (!path.includes(`.content-release-${second}.db`)) return undefined;
      const changed = Buffer.from(bytes);
      changed[changed.length - 100] = changed[changed.length - 100]! ^ 0xff;
      return changed;
    };
    await refused('tampered release file', 'hash-mismatch');

    // A release file that never ends: cut off at the length the targets metadata gives.
    rig.proxy.tamper = (path) => (path.includes(`.content-release-${second}.db`) ? 'endless' : undefined);
    await refused('endless response', 'too-long');

    // Correctly signed, not a sound SQLite file: the kiosk's own checks refuse it; its store's event reaches the hub.
    const damaged = releaseVariant(join(rig.scratch, 'damaged.db'), { version: '2026.12.07-00000003' });
    garblePages(damaged, pagesOf(damaged, 'faq'));
    const third = second + 1;
    await rig.publishRaw(`content-release-${third}.db`, readFileSync(damaged), {
      releaseNumber: third,
      version: '2026.12.07-00000003',
      schemaVersion: CONTENT_SCHEMA_VERSION,
    });
    await refused('a signed release failing quick_check', 'refused');
    // Acknowledged by the hub, so marked reported in records.db and not sent again.
    const records = new Database(join(rig.kiosk.dataDir, 'records.db'), { readonly: true });
    try {
      await waitFor(() => {
        const rows = records.prepare('SELECT reported_at FROM content_release_events').all() as {
          reported_at: string | null;
        }[];
        return rows.length > 0 && rows.every((r) => r.reported_at !== null);
      });
    } finally {
      records.close();
    }
    const stored = await db
      .selectFrom('kiosk_release_events')
      .select(['kind', 'release_number', 'reason'])
      .where('kiosk_id', '=', rig.kioskId)
      .where('kind', '=', 'refused')
      .execute();
    expect(stored[0]).toMatchObject({ kind: 'refused', release_number: third, reason: 'damaged' });

    // The refused file is not fetched again: the release below it, sound, is taken instead.
    rig.proxy.requests.length = 0;
    expect(await updater.check()).toMatchObject({ outcome: 'installed', releaseNumber: second });
    expect(rig.proxy.requests.some((r) => r.path.includes(`.content-release-${third}.db`))).toBe(false);
    served = second;
    expect(await rig.served()).toContain(`number ${served}`);

    // A correctly signed target whose name is a path.
    await rig.publishRaw('../content-release-99.db', Buffer.from('x'), {
      releaseNumber: 99,
      version: '2026.12.07-00000099',
      schemaVersion: CONTENT_SCHEMA_VERSION,
    });
    await refused('a target named with ../', 'bad-target');
  });
});
