import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkAccountFields, USER_ROLES, type AccountFields, type CleanAccountFields } from '../../common/hub/accounts';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { listAudit } from './audit-log';
import { openSession } from './sessions';
import {
  addUser,
  confirmTotp,
  disableUser,
  findUserByLogin,
  listUsers,
  LoginTakenError,
  resetPassword,
  resetTotp,
  startTotp,
} from './users';

const NOW = new Date('2026-03-01T08:00:00Z');
const LATER = new Date('2026-03-01T09:30:00Z');
// Stand-ins: storage never looks inside a hash (accounts/passwords.ts makes real ones).
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
const NEW_HASH = '$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA';

function fields(f: AccountFields): CleanAccountFields {
  const checked = checkAccountFields(f);
  if (!checked.ok) throw new Error(checked.error.join());
  return checked.value;
}

describe.each(ENGINES)('accounts on %s', (engine) => {
  const t = useTestStorage(engine);

  it('adds an account, lists it without its hash, and writes the audit row', async () => {
    const { db } = t.storage;
    const added = await addUser(
      db,
      {
        ...fields({ login: 'Wang.Fang', role: 'case-officer', regionCode: '420111', displayName: '王芳' }),
        passwordHash: HASH,
      },
      'hubctl',
      NOW,
    );
    expect(added).toEqual({
      id: 1,
      login: 'wang.fang',
      displayName: '王芳',
      role: 'case-officer',
      regionCode: '420111',
      disabledAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      totpEnabled: false,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const listed = await listUsers(db);
    expect(listed).toEqual([added]);
    expect(JSON.stringify(listed)).not.toContain(HASH);
    expect((await findUserByLogin(db, 'wang.fang'))?.password_hash).toBe(HASH);

    const [audit] = await listAudit(db, { limit: 1 });
    expect(audit).toMatchObject({
      actor: 'hubctl',
      action: 'user.add',
      target: 'user:1',
      details: { login: 'wang.fang', role: 'case-officer', regionCode: '420111' },
    });
    expect(JSON.stringify(audit)).not.toContain(HASH);
  });

  it('keeps a missing name and region as NULL, never as an empty string', async () => {
    const { db } = t.storage;
    await addUser(
      db,
      { ...fields({ login: 'admin', role: 'administrator', displayName: ' ' }), passwordHash: HASH },
      'hubctl',
      NOW,
    );
    const row = await db
      .selectFrom('users')
      .select(['display_name', 'region_code', 'disabled_at', 'locked_until', 'totp_secret'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      display_name: null,
      region_code: null,
      disabled_at: null,
      locked_until: null,
      totp_secret: null,
    });
  });

  it('refuses a second account with the same login name, and the database refuses it too', async () => {
    const { db } = t.storage;
    const lawyer = { ...fields({ login: 'li.lei', role: 'lawyer' }), passwordHash: HASH };
    await addUser(db, lawyer, 'hubctl', NOW);
    await expect(addUser(db, lawyer, 'hubctl', NOW)).rejects.toThrow(LoginTakenError);
    await expect(
      db
        .insertInto('users')
        .values({ ...rawRow('li.lei'), role: 'lawyer' })
        .execute(),
    ).rejects.toThrow();
    expect(await listUsers(db)).toHaveLength(1);
    expect((await listAudit(db, { limit: 10 })).filter((r) => r.action === 'user.add')).toHaveLength(1);
  });

  it('takes every role and only those, in the database itself', async () => {
    const { db } = t.storage;
    for (const role of USER_ROLES)
      await db
        .insertInto('users')
        .values({ ...rawRow(`r-${role}`), role })
        .execute();
    await expect(
      sql`INSERT INTO users (login, role, password_hash, created_at, updated_at)
      VALUES ('root', 'root', 'x', 'now', 'now')`.execute(db),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('users')
        .values({ ...rawRow('bad-region'), role: 'lawyer', region_code: '4201' })
        .execute(),
    ).rejects.toThrow();
    expect(await listUsers(db)).toHaveLength(USER_ROLES.length);
  });

  it('disables an account once, and says when there is no such account', async () => {
    const { db } = t.storage;
    await addUser(db, { ...fields({ login: 'li.lei', role: 'lawyer' }), passwordHash: HASH }, 'hubctl', NOW);
    expect(await disableUser(db, 'li.lei', 'hubctl', LATER)).toBe('done');
    expect(await disableUser(db, 'li.lei', 'hubctl', LATER)).toBe('unchanged');
    expect(await disableUser(db, 'nobody', 'hubctl', LATER)).toBe('no-such-user');
    expect((await listUsers(db))[0]).toMatchObject({ disabledAt: LATER.toISOString(), updatedAt: LATER.toISOString() });
    expect((await listAudit(db, { limit: 10 })).filter((r) => r.action === 'user.disable')).toEqual([
      expect.objectContaining({ actor: 'hubctl', target: 'user:1', details: { login: 'li.lei', sessionsEnded: 0 } }),
    ]);
  });

  it('resets a password: new hash, lockout cleared, still disabled if it was', async () => {
    const { db } = t.storage;
    await addUser(db, { ...fields({ login: 'li.lei', role: 'lawyer' }), passwordHash: HASH }, 'hubctl', NOW);
    await disableUser(db, 'li.lei', 'hubctl', NOW);
    await db.updateTable('users').set({ failed_sign_ins: 3, locked_until: LATER.toISOString() }).execute();

    expect(await resetPassword(db, 'li.lei', NEW_HASH, { userId: 9 }, LATER)).toBe('done');
    expect(await resetPassword(db, 'nobody', NEW_HASH, { userId: 9 }, LATER)).toBe('no-such-user');
    const row = await findUserByLogin(db, 'li.lei');
    expect(row).toMatchObject({
      password_hash: NEW_HASH,
      failed_sign_ins: 0,
      locked_until: null,
      disabled_at: NOW.toISOString(),
    });
    const [audit] = await listAudit(db, { limit: 1 });
    expect(audit).toMatchObject({ actor: 'user:9', action: 'user.reset-password', target: 'user:1' });
    expect(JSON.stringify(audit)).not.toContain(NEW_HASH);
  });

  it('forgets a lost second factor: secret and last step cleared, sessions ended, once', async () => {
    const { db } = t.storage;
    const user = await addUser(
      db,
      { ...fields({ login: 'admin', role: 'administrator' }), passwordHash: HASH },
      'hubctl',
      NOW,
    );
    expect(await startTotp(db, user.id, 'sealed-secret', NOW)).toBe('started');
    expect(await confirmTotp(db, user.id, 1234, NOW)).toBe('confirmed');
    await openSession(db, user.id, 'full', NOW);

    expect(await resetTotp(db, 'admin', 'hubctl', LATER)).toBe('done');
    expect(await findUserByLogin(db, 'admin')).toMatchObject({
      totp_secret: null,
      totp_confirmed_at: null,
      totp_last_step: null,
    });
    expect((await listUsers(db))[0]).toMatchObject({ totpEnabled: false });
    const [audit] = await listAudit(db, { limit: 1 });
    expect(audit).toMatchObject({
      actor: 'hubctl',
      action: 'user.reset-totp',
      target: `user:${user.id}`,
      details: { login: 'admin', sessionsEnded: 1 },
    });
    expect(JSON.stringify(audit)).not.toContain('sealed-secret');
    expect(await resetTotp(db, 'admin', 'hubctl', LATER)).toBe('unchanged');
    expect(await resetTotp(db, 'nobody', 'hubctl', LATER)).toBe('no-such-user');
    // Set up again from the start, as at the first sign-in.
    expect(await startTotp(db, user.id, 'sealed-again', LATER)).toBe('started');
  });
});

function rawRow(login: string) {
  return {
    login,
    display_name: null,
    region_code: null,
    password_hash: HASH,
    disabled_at: null,
    locked_until: null,
    totp_secret: null,
    created_at: NOW.toISOString(),
    updated_at: NOW.toISOString(),
  };
}
