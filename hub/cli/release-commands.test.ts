import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAudit } from '../storage/audit-log';
import { writeContentRelease } from '../testing/content-release-files';
import { runHubctl } from '../testing/programs';
import { insertApprovedKiosk } from '../testing/test-kiosks';
import { useTestStorage } from '../testing/test-storage';

const scratch = mkdtempSync(join(tmpdir(), 'hubctl-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const RELEASE = join(scratch, 'content.db');
writeContentRelease(RELEASE, { version: '2026.12.07-5e5e5e5e', rows: 20 });
const NOT_SQLITE = join(scratch, 'notes.txt');
writeFileSync(NOT_SQLITE, '这不是数据库。'.repeat(40));

// The commands over the storage functions that hub/releases/tuf-repository.test.ts runs on both engines;
// each run here is a process start (about a second on our machines), so on SQLite only.
describe.each(['sqlite'] as const)('hubctl tuf and release on %s', (engine) => {
  const t = useTestStorage(engine);
  const hubctl = (...args: string[]) => runHubctl(t.env(), args);

  it('makes the repository, uploads (refusing what is no release), publishes, lists, rotates the root and renews', async () => {
    const keys = join(scratch, `${engine}-offline`);
    const inside = await hubctl('tuf', 'init', '--keys', join(t.dataDir, 'offline'));
    expect(inside).toMatchObject({ code: 64, stderr: expect.stringContaining("is inside the hub's data directory") });
    expect(existsSync(join(t.dataDir, 'offline'))).toBe(false);

    const init = await hubctl('tuf', 'init', '--keys', keys);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(new RegExp(`^  root +[0-9a-f]{64}  ${join(keys, 'root.pem')}$`, 'm'));
    expect(init.stdout).toContain(`The root kiosks are installed with: ${join(keys, '1.root.json')}`);
    expect(JSON.parse(readFileSync(join(keys, '1.root.json'), 'utf8'))).toMatchObject({ signed: { version: 1 } });
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    expect(statSync(join(keys, 'targets.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(t.dataDir, 'keys', 'tuf', 'timestamp.pem')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(t.dataDir, 'keys', 'tuf', 'root.pem'))).toBe(false);

    expect(await hubctl('release', 'upload', NOT_SQLITE)).toMatchObject({
      code: 65,
      stderr: `${NOT_SQLITE} is not a SQLite database, so not a content release\n`,
    });
    const upload = await hubctl('release', 'upload', RELEASE, '--json');
    expect(upload.code).toBe(0);
    const { id } = JSON.parse(upload.stdout) as { id: number };
    const publish = await hubctl('release', 'publish', String(id), '--keys', keys, '--json');
    expect(publish.stderr).toBe('');
    expect(JSON.parse(publish.stdout)).toEqual({
      releaseNumber: 1,
      targetName: 'content-release-1.db',
      version: '2026.12.07-5e5e5e5e',
      targetsVersion: 2,
    });
    const list = await hubctl('release', 'list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject([{ id, version: '2026.12.07-5e5e5e5e', releaseNumber: 1 }]);

    const rotate = await hubctl('tuf', 'rotate-root', '--keys', keys, '--new-keys', join(scratch, `${engine}-next`));
    expect(rotate.stderr).toBe('');
    expect(rotate.stdout).toContain('root version 2 signed by');
    expect(existsSync(join(scratch, `${engine}-next`, '2.root.json'))).toBe(true);

    // The root key is in the new directory now, the targets key where it was.
    const renew = await hubctl('tuf', 'renew', '--keys', join(scratch, `${engine}-next`), '--targets-keys', keys);
    expect(renew).toMatchObject({ code: 0, stdout: 'root version 3 and targets version 3 signed, valid for a year\n' });

    const audit = await listAudit(t.storage.db, { limit: 6 });
    expect(audit.map((r) => [r.actor, r.action])).toEqual([
      ['hubctl', 'tuf.renew-targets'],
      ['hubctl', 'tuf.renew-root'],
      ['hubctl', 'tuf.rotate-root'],
      ['hubctl', 'release.publish'],
      ['hubctl', 'release.upload'],
      ['hubctl', 'tuf.init'],
    ]);

    // Release 1 was published without --all: it goes to nobody until its rollout starts.
    const kiosk = await insertApprovedKiosk(t.storage.db);
    expect(await hubctl('kiosk', 'group', 'add', String(kiosk), 'canary')).toMatchObject({
      code: 0,
      stdout: `kiosk ${kiosk} is now in group canary\n`,
    });
    expect(await hubctl('release', 'rollout', '1', '--canary', 'canary')).toMatchObject({
      code: 0,
      stdout: 'release 1: canary group canary, running\n',
    });
    expect(await hubctl('kiosk', 'pin', String(kiosk), '0')).toMatchObject({
      code: 0,
      stdout: `kiosk ${kiosk} stays at release 0\n`,
    });
    const status = await hubctl('release', 'status', '1', '--json');
    expect(JSON.parse(status.stdout)).toEqual({
      releaseNumber: 1,
      rollout: { releaseNumber: 1, stage: 'canary', canaryGroup: 'canary', percent: null, state: 'running' },
      on: 0,
      downloading: 0,
      failed: 0,
      rolledBack: 0,
    });
    expect((await listAudit(t.storage.db, { limit: 3 })).map((r) => [r.actor, r.action])).toEqual([
      ['hubctl', 'kiosk.pin'],
      ['hubctl', 'release.rollout'],
      ['hubctl', 'kiosk.group-add'],
    ]);
  }, 60_000);

  it('delegates content releases to the online releases key at init, and to a new one with `tuf delegate --new-key`', async () => {
    const keys = join(scratch, `${engine}-offline-delegate`);
    const onlineDir = join(t.dataDir, 'keys', 'tuf');
    expect(await hubctl('tuf', 'delegate', '--keys', keys)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`no targets key in ${keys}`),
    });
    const init = await hubctl('tuf', 'init', '--keys', keys);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(new RegExp(`^  releases +[0-9a-f]{64}  ${join(onlineDir, 'releases.pem')}$`, 'm'));
    expect(statSync(join(onlineDir, 'releases.pem')).mode & 0o777).toBe(0o600);
    const delegatedTo = async () => {
      const row = await t.storage.db
        .selectFrom('tuf_metadata')
        .select('body')
        .where('role', '=', 'targets')
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow();
      const targets = JSON.parse(row.body) as {
        signed: { version: number; delegations: { roles: { name: string; keyids: string[]; paths: string[] }[] } };
      };
      return targets.signed;
    };
    const first = await delegatedTo();
    expect(first.delegations.roles).toEqual([
      expect.objectContaining({ name: 'releases', paths: ['content-release-*'], keyids: [expect.any(String)] }),
    ]);
    const firstKey = first.delegations.roles[0]!.keyids[0]!;
    expect(init.stdout).toContain(`releases   ${firstKey}`);

    const rotated = await hubctl('tuf', 'delegate', '--keys', keys, '--new-key');
    expect(rotated.stderr).toBe('');
    expect(rotated.stdout).toContain('targets version 2 delegates content-release-* to ');
    const retired = join(onlineDir, `releases-retired-${firstKey.slice(0, 16)}.pem`);
    expect(rotated.stdout).toContain(`The previous key is retired to ${retired}`);
    expect(existsSync(retired)).toBe(true);
    const second = await delegatedTo();
    expect(second.version).toBe(2);
    const secondKey = second.delegations.roles[0]!.keyids[0]!;
    expect(secondKey).not.toBe(firstKey);
    expect(rotated.stdout).toContain(secondKey);
    const [audit] = await listAudit(t.storage.db, { limit: 1 });
    expect(audit).toMatchObject({
      actor: 'hubctl',
      action: 'tuf.delegate',
      target: 'tuf-targets:2',
      details: { releases: [secondKey], revoked: [firstKey], paths: ['content-release-*'], releasesVersion: 2 },
    });
  }, 60_000);
});
