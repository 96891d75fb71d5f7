import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../common/hub/password-policy';
import { verifyPassword } from '../../hub/accounts/passwords';
import { listAudit } from '../../hub/storage/audit-log';
import { registerKiosk } from '../../hub/storage/kiosks';
import { findUserByLogin, listUsers } from '../../hub/storage/users';
import { ENGINES, useTestStorage } from '../../hub/testing/test-storage';
import { DEMO_LOGINS, demoHubDataDir, newDemoPassword, seedDemoHub, type DemoTerminal } from './demo-hub';

const T0 = new Date('2026-03-02T01:00:00Z');
const TERMINAL: DemoTerminal = {
  id: 'demo-0001',
  displayName: '无人律所演示终端',
  regionCode: '420111',
  site: '湖北省武汉市洪山区',
};

/** The passwords the accounts file gives, by login (its English half). */
function passwordsIn(file: string): Record<string, string> {
  const english = readFileSync(file, 'utf8').split('\n----\n')[1] ?? '';
  const found: Record<string, string> = {};
  for (const m of english.matchAll(/Login: (\S+)\n\s+Password: (\S+)/g)) found[m[1]!] = m[2]!;
  return found;
}

const publicKey = () =>
  generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

describe('the demo hub’s passwords', () => {
  it('meet the hub’s policy, never contain the login, and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = newDemoPassword(DEMO_LOGINS.administrator);
      expect(checkPasswordPolicy(password, DEMO_LOGINS.administrator).ok, password).toBe(true);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });

  it('live next to the kiosk’s data directory', () => {
    expect(demoHubDataDir('/home/a/.local/share/wurenlvsuo-kiosk/')).toBe(
      '/home/a/.local/share/wurenlvsuo-kiosk-demo-hub',
    );
  });
});

describe.each(ENGINES)('seeding the demo hub on %s', (engine) => {
  const t = useTestStorage(engine);
  const seed = (kioskEnrolled: boolean, now = T0) =>
    seedDemoHub(t.storage, { hubDataDir: t.dataDir, terminal: TERMINAL, kioskEnrolled, now });

  it('the first start makes both accounts, their passwords only in an owner-only file, and a pre-approved code', async () => {
    const first = await seed(false);
    expect(first.accountsMade).toBe(true);
    expect(statSync(first.accountsFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(first.accountsFile, 'utf8');
    const passwords = passwordsIn(first.accountsFile);
    expect(Object.keys(passwords).sort()).toEqual(['demo-admin', 'demo-lawyer']);
    for (const [login, password] of Object.entries(passwords)) {
      // Both halves of the file give the same password.
      expect(text.split(password)).toHaveLength(3);
      expect(await verifyPassword((await findUserByLogin(t.storage.db, login))!.password_hash, password)).toBe(true);
    }
    expect(text).toContain('双因素验证');
    expect(text).toContain('two-factor sign-in');
    const users = await listUsers(t.storage.db);
    expect(users.map((u) => [u.login, u.role, u.regionCode, u.totpEnabled])).toEqual([
      ['demo-admin', 'administrator', null, false],
      ['demo-lawyer', 'lawyer', null, false],
    ]);

    // The code is the hub's own, pre-approved for the terminal's region: the kiosk registering with it is approved.
    const answer = await registerKiosk(
      t.storage.db,
      { code: first.enrollCode!, publicKey: publicKey(), terminalId: TERMINAL.id, displayName: TERMINAL.displayName },
      new Date(T0.getTime() + 60_000),
      '127.0.0.1',
    );
    expect(answer).toEqual({ outcome: 'registered', kioskId: expect.any(Number), status: 'approved' });

    // Each change has its audit row, by system (newest first, after the migrations); no row holds a password.
    const audit = await listAudit(t.storage.db, { limit: 20 });
    expect(audit.slice(0, 4).map((r) => [r.actor, r.action])).toEqual([
      ['kiosk:1', 'kiosk.enroll'],
      ['system', 'enroll-code.create'],
      ['system', 'user.add'],
      ['system', 'user.add'],
    ]);
    for (const password of Object.values(passwords)) expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('a later start changes nothing: the same file, the same accounts, no new code for an enrolled kiosk', async () => {
    const first = await seed(false);
    const text = readFileSync(first.accountsFile, 'utf8');
    const hashes = (await listUsers(t.storage.db)).map((u) => u.updatedAt);
    const auditRows = (await listAudit(t.storage.db, { limit: 100 })).length;

    const again = await seed(true, new Date(T0.getTime() + 3_600_000));
    expect(again).toEqual({
      accountsFile: first.accountsFile,
      accountsMade: false,
      enrollCode: undefined,
      revokedKioskIds: [],
    });
    expect(readFileSync(first.accountsFile, 'utf8')).toBe(text);
    expect((await listUsers(t.storage.db)).map((u) => u.updatedAt)).toEqual(hashes);
    expect(await listAudit(t.storage.db, { limit: 100 })).toHaveLength(auditRows);
  });

  it('a deleted accounts file gives both accounts new passwords; the old ones stop working', async () => {
    const first = await seed(true);
    const before = passwordsIn(first.accountsFile);
    rmSync(first.accountsFile);
    const again = await seed(true);
    expect(again.accountsMade).toBe(true);
    const after = passwordsIn(again.accountsFile);
    for (const login of Object.values(DEMO_LOGINS)) {
      const hash = (await findUserByLogin(t.storage.db, login))!.password_hash;
      expect(after[login]).not.toBe(before[login]);
      expect(await verifyPassword(hash, after[login]!)).toBe(true);
      expect(await verifyPassword(hash, before[login]!)).toBe(false);
    }
    expect((await listUsers(t.storage.db)).map((u) => u.login)).toEqual(['demo-admin', 'demo-lawyer']);
  });

  it('a kiosk whose data directory is gone: its former identity is revoked and a new code made', async () => {
    const first = await seed(false);
    const registered = await registerKiosk(
      t.storage.db,
      { code: first.enrollCode!, publicKey: publicKey(), terminalId: TERMINAL.id, displayName: TERMINAL.displayName },
      T0,
      '127.0.0.1',
    );
    const formerId = registered.outcome === 'registered' ? registered.kioskId : undefined;
    const again = await seed(false);
    expect(again.revokedKioskIds).toEqual([formerId]);
    const answer = await registerKiosk(
      t.storage.db,
      { code: again.enrollCode!, publicKey: publicKey(), terminalId: TERMINAL.id, displayName: TERMINAL.displayName },
      T0,
      '127.0.0.1',
    );
    expect(answer).toMatchObject({ outcome: 'registered', status: 'approved' });
  });
});
