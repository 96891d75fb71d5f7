import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { listAudit } from '../storage/audit-log';
import { HUB_SCHEMA_VERSION } from '../storage/migrate';
import { addUser, confirmTotp, disableUser, findUserByLogin, resetPassword, startTotp } from '../storage/users';
import { hashPassword, verifyPassword } from './passwords';
import { checkSignIn, LOCKOUT_MS, MAX_FAILED_SIGN_INS, signIn, type SecondFactor, type SignInAccount } from './sign-in';
import { matchTotp, newTotpSecret, totpCode, totpStep } from './totp';

const PASSWORD = 'Qiu-Ju-da-guan-si-1992';
const WRONG = 'Qiu-Ju-da-guan-si-1993';
const T0 = new Date('2026-03-01T08:00:00Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

describe('passwords', () => {
  it('are hashed with argon2id, salted, and verified', async () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, WRONG)).toBe(false);
    expect(await verifyPassword('not a hash', PASSWORD)).toBe(false);
  });
});

describe('checkSignIn', () => {
  const account = (over: Partial<SignInAccount> = {}): SignInAccount => ({
    password_hash: hash,
    disabled_at: null,
    failed_sign_ins: 0,
    locked_until: null,
    ...over,
  });

  it('lets the right password in and refuses a wrong one', async () => {
    expect(await checkSignIn(account(), PASSWORD, T0)).toEqual({ ok: true, value: undefined });
    expect(await checkSignIn(account(), WRONG, T0)).toEqual({
      ok: false,
      error: { reason: 'wrong-password', locksUntil: undefined },
    });
  });

  it('locks for 15 minutes at the fifth wrong password in a row', async () => {
    expect(await checkSignIn(account({ failed_sign_ins: MAX_FAILED_SIGN_INS - 2 }), WRONG, T0)).toMatchObject({
      error: { reason: 'wrong-password', locksUntil: undefined },
    });
    expect(await checkSignIn(account({ failed_sign_ins: MAX_FAILED_SIGN_INS - 1 }), WRONG, T0)).toEqual({
      ok: false,
      error: { reason: 'wrong-password', locksUntil: plus(15 * MINUTE) },
    });
  });

  it('refuses a locked account even with the right password, until the lock runs out', async () => {
    const locked = account({ locked_until: plus(LOCKOUT_MS).toISOString() });
    expect(await checkSignIn(locked, PASSWORD, plus(LOCKOUT_MS - 1))).toEqual({
      ok: false,
      error: { reason: 'locked', until: plus(LOCKOUT_MS) },
    });
    expect(await checkSignIn(locked, PASSWORD, plus(LOCKOUT_MS))).toEqual({ ok: true, value: undefined });
  });

  it('says an account is disabled only to someone who knows its password', async () => {
    const disabled = account({ disabled_at: T0.toISOString() });
    expect(await checkSignIn(disabled, PASSWORD, T0)).toEqual({ ok: false, error: { reason: 'disabled' } });
    expect(await checkSignIn(disabled, WRONG, T0)).toMatchObject({ error: { reason: 'wrong-password' } });
  });

  it('refuses a login that does not exist, after as much work as a wrong password', async () => {
    const started = performance.now();
    expect(await checkSignIn(undefined, PASSWORD, T0)).toEqual({ ok: false, error: { reason: 'no-such-user' } });
    const noSuchUser = performance.now() - started;
    const again = performance.now();
    await checkSignIn(undefined, PASSWORD, T0);
    // The decoy hash is made once; after that each answer costs one argon2 verification.
    expect(performance.now() - again).toBeGreaterThan(5);
    expect(noSuchUser).toBeGreaterThan(5);
  });
});

describe.each(ENGINES)('signIn on %s', (engine) => {
  const t = useTestStorage(engine);

  const addLawyer = () =>
    addUser(
      t.storage.db,
      { login: 'li.lei', role: 'lawyer', regionCode: null, displayName: null, passwordHash: hash },
      'hubctl',
      T0,
    );
  const actions = async () => (await listAudit(t.storage.db, { limit: 50 })).reverse().map((r) => r.action);

  it('five wrong passwords lock the account for 15 minutes; then the right one works and the count starts again', async () => {
    const { db } = t.storage;
    await addLawyer();
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      expect(await signIn(db, 'li.lei', WRONG, plus(i * MINUTE))).toEqual({
        ok: false,
        error: { reason: 'wrong-password', locksUntil: undefined },
      });
    }
    expect((await findUserByLogin(db, 'li.lei'))?.failed_sign_ins).toBe(MAX_FAILED_SIGN_INS - 1);
    const fifth = plus(5 * MINUTE);
    expect(await signIn(db, 'li.lei', WRONG, fifth)).toEqual({
      ok: false,
      error: { reason: 'wrong-password', locksUntil: new Date(fifth.getTime() + LOCKOUT_MS) },
    });
    expect(await signIn(db, 'li.lei', PASSWORD, plus(6 * MINUTE))).toEqual({
      ok: false,
      error: { reason: 'locked', until: new Date(fifth.getTime() + LOCKOUT_MS) },
    });

    const signedIn = await signIn(db, 'LI.LEI ', PASSWORD, new Date(fifth.getTime() + LOCKOUT_MS));
    expect(signedIn).toMatchObject({
      ok: true,
      value: { user: { login: 'li.lei', failedSignIns: 0, lockedUntil: null }, secondFactor: 'not-needed' },
    });
    expect(await findUserByLogin(db, 'li.lei')).toMatchObject({ failed_sign_ins: 0, locked_until: null });

    const audit = await listAudit(db, { limit: 50 });
    expect(audit.filter((r) => r.action === 'user.sign-in-refused').map((r) => r.details)).toEqual([
      { reason: 'locked' },
      { reason: 'wrong-password', locked: true },
      ...Array.from({ length: MAX_FAILED_SIGN_INS - 1 }, () => ({ reason: 'wrong-password', locked: false })),
    ]);
    expect(audit[0]).toMatchObject({ actor: 'user:1', action: 'user.sign-in', target: 'user:1' });
    expect(audit.filter((r) => r.action === 'user.lock')).toEqual([
      expect.objectContaining({
        actor: 'user:1',
        target: 'user:1',
        details: { until: new Date(fifth.getTime() + LOCKOUT_MS).toISOString() },
      }),
    ]);
  });

  it('counts wrong passwords sent at the same time, every one', async () => {
    const { db } = t.storage;
    await addLawyer();
    await Promise.all([1, 2, 3].map(() => signIn(db, 'li.lei', WRONG, T0)));
    expect((await findUserByLogin(db, 'li.lei'))?.failed_sign_ins).toBe(3);
  });

  it('a password reset clears the lock at once', async () => {
    const { db } = t.storage;
    await addLawyer();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await signIn(db, 'li.lei', WRONG, T0);
    expect(await signIn(db, 'li.lei', PASSWORD, plus(MINUTE))).toMatchObject({ error: { reason: 'locked' } });
    const NEW = 'Xin-de-mi-ma-2026!';
    await resetPassword(db, 'li.lei', await hashPassword(NEW), 'hubctl', plus(MINUTE));
    expect(await signIn(db, 'li.lei', NEW, plus(2 * MINUTE))).toMatchObject({ ok: true });
    expect(await signIn(db, 'li.lei', PASSWORD, plus(3 * MINUTE))).toMatchObject({
      error: { reason: 'wrong-password' },
    });
  });

  it('refuses a disabled account and a login that does not exist, logging neither the password nor the name typed', async () => {
    const { db } = t.storage;
    await addLawyer();
    await disableUser(db, 'li.lei', 'hubctl', T0);
    expect(await signIn(db, 'li.lei', PASSWORD, T0)).toEqual({ ok: false, error: { reason: 'disabled' } });
    // Someone typed their password into the login field.
    expect(await signIn(db, PASSWORD, PASSWORD, T0)).toEqual({ ok: false, error: { reason: 'no-such-user' } });
    expect(await actions()).toEqual([
      ...Array<string>(HUB_SCHEMA_VERSION).fill('schema.migrate'),
      'user.add',
      'user.disable',
      'user.sign-in-refused',
      'user.sign-in-refused',
    ]);
    const log = JSON.stringify(await listAudit(db, { limit: 50 }));
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(PASSWORD.toLowerCase());
    expect(log).not.toContain(hash);
  });
});

describe.each(ENGINES)('the second factor at sign-in on %s', (engine) => {
  const t = useTestStorage(engine);
  const SECRET = newTotpSecret();
  /** In these tests the secret is kept in clear; the hub seals it (secret-box.ts). */
  const withCode = (code: string | undefined): { secondFactor: SecondFactor } => ({
    secondFactor: { code, match: (_user, typed, now) => matchTotp(SECRET, typed, now) },
  });

  const add = async (login: string, role: 'administrator' | 'lawyer', totp: boolean) => {
    const user = await addUser(
      t.storage.db,
      { login, role, regionCode: null, displayName: null, passwordHash: hash },
      'hubctl',
      T0,
    );
    if (totp) {
      await startTotp(t.storage.db, user.id, 'sealed-elsewhere', T0);
      await confirmTotp(t.storage.db, user.id, totpStep(T0), T0);
    }
    return user;
  };

  it('lets an administrator without TOTP in only to set it up, and a lawyer without it in fully', async () => {
    const { db } = t.storage;
    await add('admin', 'administrator', false);
    await add('li.lei', 'lawyer', false);
    expect(await signIn(db, 'admin', PASSWORD, T0)).toMatchObject({
      ok: true,
      value: { secondFactor: 'set-up-needed' },
    });
    expect(await signIn(db, 'li.lei', PASSWORD, T0)).toMatchObject({ ok: true, value: { secondFactor: 'not-needed' } });
  });

  it('asks for the code after the right password, without counting that as a failure', async () => {
    const { db } = t.storage;
    await add('admin', 'administrator', true);
    const now = plus(MINUTE);
    expect(await signIn(db, 'admin', PASSWORD, now, withCode(undefined))).toEqual({
      ok: false,
      error: { reason: 'totp-required' },
    });
    expect((await findUserByLogin(db, 'admin'))?.failed_sign_ins).toBe(0);
    // A wrong password is refused as such: the code is asked for only after the right one.
    expect(await signIn(db, 'admin', WRONG, now, withCode(totpCode(SECRET, now)))).toMatchObject({
      error: { reason: 'wrong-password' },
    });
    const signedIn = await signIn(db, 'admin', PASSWORD, now, withCode(totpCode(SECRET, now)));
    expect(signedIn).toMatchObject({ ok: true, value: { secondFactor: 'verified', user: { totpEnabled: true } } });
  });

  it('refuses a code used once already, and an older one, even within the window', async () => {
    const { db } = t.storage;
    await add('admin', 'administrator', true);
    const now = plus(10 * MINUTE);
    const code = totpCode(SECRET, now);
    expect(await signIn(db, 'admin', PASSWORD, now, withCode(code))).toMatchObject({ ok: true });
    expect(await signIn(db, 'admin', PASSWORD, now, withCode(code))).toEqual({
      ok: false,
      error: { reason: 'wrong-totp', locksUntil: undefined, replayed: true },
    });
    const earlier = totpCode(SECRET, new Date(now.getTime() - 30_000));
    expect(await signIn(db, 'admin', PASSWORD, now, withCode(earlier))).toMatchObject({
      error: { reason: 'wrong-totp', replayed: true },
    });
    const next = new Date(now.getTime() + 30_000);
    expect(await signIn(db, 'admin', PASSWORD, next, withCode(totpCode(SECRET, next)))).toMatchObject({ ok: true });
    const refusals = (await listAudit(db, { limit: 50 })).filter((r) => r.action === 'user.sign-in-refused');
    expect(refusals.map((r) => r.details)).toEqual([
      { reason: 'wrong-totp', replayed: true, locked: false },
      { reason: 'wrong-totp', replayed: true, locked: false },
    ]);
  });

  it('counts wrong codes with wrong passwords: the fifth failure locks the account', async () => {
    const { db } = t.storage;
    await add('admin', 'administrator', true);
    const now = plus(20 * MINUTE);
    for (let i = 0; i < 3; i++) await signIn(db, 'admin', WRONG, now, withCode(undefined));
    expect(await signIn(db, 'admin', PASSWORD, now, withCode('000000'))).toMatchObject({
      error: { reason: 'wrong-totp', locksUntil: undefined },
    });
    expect(await signIn(db, 'admin', PASSWORD, now, withCode('999999'))).toEqual({
      ok: false,
      error: { reason: 'wrong-totp', locksUntil: new Date(now.getTime() + LOCKOUT_MS), replayed: false },
    });
    // Locked: even the right password and code are refused until the lock ends.
    expect(await signIn(db, 'admin', PASSWORD, now, withCode(totpCode(SECRET, now)))).toMatchObject({
      error: { reason: 'locked' },
    });
  });
});
