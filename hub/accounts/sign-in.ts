import { normaliseLogin } from '../../common/hub/accounts';
import { err, ok, type Result } from '../../common/result';
import { appendAudit, userTarget } from '../storage/audit-log';
import type { HubDb, UserRow } from '../storage/schema';
import { findUserByLogin, toSummary, type UserSummary } from '../storage/users';
import { verifyDecoy, verifyPassword } from './passwords';

/** Wrong passwords in a row that lock an account (等保 2.0: lockout after failed attempts). */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a locked account stays locked. */
export const LOCKOUT_MS = 15 * 60 * 1000;

/** What sign-in needs to know of an account. */
export type SignInAccount = Pick<UserRow, 'password_hash' | 'disabled_at' | 'failed_sign_ins' | 'locked_until'>;

/**
 * Why a sign-in was refused. The sign-in page shows one message for
 * no-such-user and wrong-password (it must not tell which logins exist);
 * the reasons are for the audit log and for the page's lockout notice.
 */
export type SignInRefusal =
  | { reason: 'no-such-user' }
  | { reason: 'locked'; until: Date }
  | { reason: 'wrong-password'; locksUntil: Date | undefined }
  | { reason: 'disabled' };

/**
 * Decides a sign-in at `now`. A locked account is refused without looking
 * at the password, so guessing during a lockout learns nothing. The
 * password is checked before "disabled", so only someone who knows it
 * learns that the account is disabled. The fifth wrong password in a row
 * locks the account for LOCKOUT_MS; a lock that has run out is no lock.
 */
export async function checkSignIn(
  account: SignInAccount | undefined,
  password: string,
  now: Date,
): Promise<Result<void, SignInRefusal>> {
  if (account === undefined) {
    await verifyDecoy(password);
    return err({ reason: 'no-such-user' });
  }
  if (account.locked_until !== null && Date.parse(account.locked_until) > now.getTime())
    return err({ reason: 'locked', until: new Date(account.locked_until) });
  if (!(await verifyPassword(account.password_hash, password))) {
    const locks = account.failed_sign_ins + 1 >= MAX_FAILED_SIGN_INS;
    return err({ reason: 'wrong-password', locksUntil: locks ? new Date(now.getTime() + LOCKOUT_MS) : undefined });
  }
  if (account.disabled_at !== null) return err({ reason: 'disabled' });
  return ok(undefined);
}

/**
 * Signs in with a login name and password at `now`: decides with
 * checkSignIn, records the outcome on the account and in the audit log in
 * one transaction, and answers with the account (without its hash) or the
 * refusal. The count of wrong passwords is kept by the database
 * (`failed_sign_ins + 1`), so guesses sent in parallel are all counted.
 *
 * A login that does not exist is logged without the name typed: people
 * type their password into the login field, and the log must not keep it.
 */
export async function signIn(
  db: HubDb,
  login: string,
  password: string,
  now: Date,
): Promise<Result<UserSummary, SignInRefusal>> {
  const user = await findUserByLogin(db, normaliseLogin(login));
  const decision = await checkSignIn(user, password, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (user === undefined) {
      await appendAudit(
        trx,
        { actor: 'system', action: 'user.sign-in-refused', details: { reason: 'no-such-user' } },
        now,
      );
      return err({ reason: 'no-such-user' });
    }
    const actor = { userId: user.id };
    const target = userTarget(user.id);
    if (decision.ok) {
      await trx
        .updateTable('users')
        .set({ failed_sign_ins: 0, locked_until: null, updated_at: at })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, { actor, action: 'user.sign-in', target }, now);
      return ok(toSummary({ ...user, failed_sign_ins: 0, locked_until: null }));
    }
    const refusal = decision.error;
    if (refusal.reason === 'wrong-password') {
      const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
      const updated = await trx
        .updateTable('users')
        .set((eb) => ({
          // Both expressions read the row as it was: the fifth wrong
          // password locks and starts the count again for after the lock.
          failed_sign_ins: eb
            .case()
            .when(eb('failed_sign_ins', '>=', MAX_FAILED_SIGN_INS - 1))
            .then(0)
            .else(eb('failed_sign_ins', '+', 1))
            .end(),
          locked_until: eb
            .case()
            .when(eb('failed_sign_ins', '>=', MAX_FAILED_SIGN_INS - 1))
            .then(until)
            .else(eb.ref('locked_until'))
            .end(),
          updated_at: at,
        }))
        .where('id', '=', user.id)
        .returning(['locked_until', 'failed_sign_ins'])
        .executeTakeFirstOrThrow();
      const locked = updated.locked_until === until;
      await appendAudit(
        trx,
        { actor, action: 'user.sign-in-refused', target, details: { reason: 'wrong-password', locked } },
        now,
      );
      return err({ reason: 'wrong-password', locksUntil: locked ? new Date(until) : undefined });
    }
    await appendAudit(trx, { actor, action: 'user.sign-in-refused', target, details: { reason: refusal.reason } }, now);
    return decision;
  });
}
