import { describe, expect, it } from 'vitest';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { listAudit } from './audit-log';
import {
  endSession,
  findSession,
  openSession,
  SESSION_IDLE_MS,
  SESSION_TOUCH_MS,
  sessionTokenHash,
  sweepIdleSessions,
  widenSession,
} from './sessions';
import { addUser, disableUser, resetPassword } from './users';

const T0 = new Date('2026-03-01T08:00:00Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe.each(ENGINES)('sessions on %s', (engine) => {
  const t = useTestStorage(engine);

  const addLawyer = (login = 'li.lei') =>
    addUser(
      t.storage.db,
      { login, role: 'lawyer', regionCode: null, displayName: null, passwordHash: 'x' },
      'hubctl',
      T0,
    );

  it('keeps only the hash of the token, and finds the session by the token', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    const token = await openSession(db, user.id, 'full', T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.selectFrom('sessions').selectAll().execute();
    expect(rows).toEqual([
      {
        id: 1,
        token_hash: sessionTokenHash(token),
        user_id: user.id,
        scope: 'full',
        created_at: T0.toISOString(),
        last_seen_at: T0.toISOString(),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await findSession(db, token, T0)).toEqual({
      id: 1,
      scope: 'full',
      user: { id: user.id, login: 'li.lei', role: 'lawyer', regionCode: null },
    });
    expect(await findSession(db, `${token}x`, T0)).toBeUndefined();
    expect(await findSession(db, sessionTokenHash(token), T0)).toBeUndefined();
  });

  it('ends after 30 idle minutes, sliding with every request', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    const token = await openSession(db, user.id, 'full', T0);
    // A request every 20 minutes keeps it for two hours.
    for (let minutes = 20; minutes <= 120; minutes += 20)
      expect(await findSession(db, token, plus(minutes * MINUTE)), `${minutes} min`).toBeDefined();
    const last = plus(120 * MINUTE);
    expect(await findSession(db, token, new Date(last.getTime() + SESSION_IDLE_MS - 1))).toBeDefined();
    // Touched again just now: 30 minutes from this request.
    const touched = new Date(last.getTime() + SESSION_IDLE_MS - 1);
    expect(await findSession(db, token, new Date(touched.getTime() + SESSION_IDLE_MS))).toBeUndefined();
    // Gone for good, not only refused once.
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(await findSession(db, token, touched)).toBeUndefined();
  });

  it('writes last-seen at most once a minute, and never lets the idle timeout run past 30 minutes', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    const token = await openSession(db, user.id, 'full', T0);
    await findSession(db, token, plus(SESSION_TOUCH_MS - 1));
    const lastSeen = async () =>
      (await db.selectFrom('sessions').select('last_seen_at').executeTakeFirst())?.last_seen_at;
    expect(await lastSeen()).toBe(T0.toISOString());
    await findSession(db, token, plus(SESSION_TOUCH_MS));
    expect(await lastSeen()).toBe(plus(SESSION_TOUCH_MS).toISOString());
    // A request 59 s after that one is not written: the session ends 30 minutes after the written time.
    await findSession(db, token, plus(2 * SESSION_TOUCH_MS - 1000));
    expect(await findSession(db, token, plus(SESSION_TOUCH_MS + SESSION_IDLE_MS))).toBeUndefined();
  });

  it('ends at sign-out; the other sessions of the account go on', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    const first = await openSession(db, user.id, 'full', T0);
    const second = await openSession(db, user.id, 'full', T0);
    const found = await findSession(db, first, T0);
    await endSession(db, found!.id);
    expect(await findSession(db, first, T0)).toBeUndefined();
    expect(await findSession(db, second, T0)).toBeDefined();
  });

  it('all of an account’s sessions end when it is disabled or given a new password, and only its own', async () => {
    const { db } = t.storage;
    const lawyer = await addLawyer();
    const other = await addLawyer('wang.fang');
    const tokens = [await openSession(db, lawyer.id, 'full', T0), await openSession(db, lawyer.id, 'totp-setup', T0)];
    const others = await openSession(db, other.id, 'full', T0);

    expect(await resetPassword(db, 'li.lei', 'new-hash', { userId: 9 }, plus(MINUTE))).toBe('done');
    for (const token of tokens) expect(await findSession(db, token, plus(MINUTE))).toBeUndefined();
    expect(await findSession(db, others, plus(MINUTE))).toBeDefined();

    const again = await openSession(db, lawyer.id, 'full', plus(2 * MINUTE));
    expect(await disableUser(db, 'li.lei', 'hubctl', plus(3 * MINUTE))).toBe('done');
    expect(await findSession(db, again, plus(3 * MINUTE))).toBeUndefined();
    expect(await findSession(db, others, plus(3 * MINUTE))).toBeDefined();

    const audit = await listAudit(db, { limit: 3 });
    expect(audit.map((r) => [r.action, r.details['sessionsEnded']])).toEqual([
      ['user.disable', 1],
      ['user.reset-password', 2],
      ['user.add', undefined],
    ]);
  });

  it('a set-up-only session becomes a full one when widened', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    const token = await openSession(db, user.id, 'totp-setup', T0);
    const found = await findSession(db, token, T0);
    expect(found?.scope).toBe('totp-setup');
    await widenSession(db, found!.id);
    expect((await findSession(db, token, T0))?.scope).toBe('full');
  });

  it('sweeps the sessions idle too long and keeps the rest', async () => {
    const { db } = t.storage;
    const user = await addLawyer();
    await openSession(db, user.id, 'full', T0);
    const fresh = await openSession(db, user.id, 'full', plus(20 * MINUTE));
    expect(await sweepIdleSessions(db, plus(SESSION_IDLE_MS))).toBe(1);
    expect(await findSession(db, fresh, plus(SESSION_IDLE_MS))).toBeDefined();
  });
});
