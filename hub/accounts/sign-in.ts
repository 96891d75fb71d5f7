import { normaliseLogin } from '../../common/hub/accounts';
import { needsTotp } from '../../common/hub/rights';
import { err, ok, type Result } from '../../common/result';
import { appendAudit, userTarget, type AuditDetails } from '../storage/audit-log';
import type { HubDb, UserRow } from '../storage/schema';
import { findUserByLogin, spendTotpStep, toSummary, type UserSummary } from '../storage/users';
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
 * `totp-required`: the password was right and the account has a second
 * factor, but no code came; `wrong-totp`: a code came that does not match,
 * or was used already (`replayed`) — counted like a wrong password.
 */
export type SignInRefusal =
  | { reason: 'no-such-user' }
  | { reason: 'locked'; until: Date }
  | { reason: 'wrong-password'; locksUntil: Date | undefined }
  | { reason: 'disabled' }
  | { reason: 'totp-required' }
  | { reason: 'wrong-totp'; locksUntil: Date | undefined; replayed: boolean };

/**
 * How the second factor stood at a sign-in that succeeded: checked, not
 * set up for an account that needs one (the session may then only set it
 * up), or neither set up nor needed.
 */
export type SecondFactorStanding = 'verified' | 'set-up-needed' | 'not-needed';

export interface SignedIn {
  user: UserSummary;
  secondFactor: SecondFactorStanding;
}

/** The second factor offered with a sign-in. */
export interface SecondFactor {
  /** The code typed, if one was. */
  code: string | undefined;
  /** The TOTP step the code matches for the account's confirmed secret at `now`, or null (see totp.ts matchTotp). */
  match(user: UserRow, code: string, now: Date): number | null;
}

/** What a sign-in asks. `from`, the client's address, goes into the audit rows. */
export interface SignInOptions {
  secondFactor?: SecondFactor;
  from?: string;
}

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
 * Signs in with a login name, password and, for an account with a
 * confirmed second factor, a TOTP code, at `now`: decides, records the
 * outcome on the account and in the audit log in one transaction, and
 * answers with the account (without its hash) or the refusal. Wrong
 * passwords and wrong or replayed codes are counted together by the
 * database (`failed_sign_ins + 1`), so guesses sent in parallel are all
 * counted and the fifth locks the account. A missing code is not counted:
 * the page asks for it after the password.
 *
 * A login that does not exist is logged without the name typed: people
 * type their password into the login field, and the log must not keep it.
 */
export async function signIn(
  db: HubDb,
  login: string,
  password: string,
  now: Date,
  opts: SignInOptions = {},
): Promise<Result<SignedIn, SignInRefusal>> {
  const user = await findUserByLogin(db, normaliseLogin(login));
  const decision = await checkSignIn(user, password, now);
  const from = opts.from === undefined ? {} : { from: opts.from };
  if (user === undefined) {
    await appendAudit(
      db,
      { actor: 'system', action: 'user.sign-in-refused', details: { reason: 'no-such-user', ...from } },
      now,
    );
    return err({ reason: 'no-such-user' });
  }
  const actor = { userId: user.id };
  const target = userTarget(user.id);
  const refuse = async (refusal: SignInRefusal, details: AuditDetails = {}) => {
    await appendAudit(
      db,
      { actor, action: 'user.sign-in-refused', target, details: { reason: refusal.reason, ...details, ...from } },
      now,
    );
    return err(refusal);
  };

  if (!decision.ok) {
    if (decision.error.reason !== 'wrong-password') return refuse(decision.error);
    const locksUntil = await countFailure(db, user.id, now, { reason: 'wrong-password', ...from });
    return err({ reason: 'wrong-password', locksUntil });
  }

  let secondFactor: SecondFactorStanding = needsTotp(user.role) ? 'set-up-needed' : 'not-needed';
  if (user.totp_confirmed_at !== null) {
    const code = opts.secondFactor?.code;
    if (code === undefined) return refuse({ reason: 'totp-required' });
    if (opts.secondFactor === undefined) throw new Error('a TOTP code came without a way to check it');
    const step = opts.secondFactor.match(user, code, now);
    const replayed = step !== null && !(await spendTotpStep(db, user.id, step));
    if (step === null || replayed) {
      const locksUntil = await countFailure(db, user.id, now, { reason: 'wrong-totp', replayed, ...from });
      return err({ reason: 'wrong-totp', locksUntil, replayed });
    }
    secondFactor = 'verified';
  }

  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, updated_at: at })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, { actor, action: 'user.sign-in', target, details: { secondFactor, ...from } }, now);
    return ok({ user: toSummary({ ...user, failed_sign_ins: 0, locked_until: null }), secondFactor });
  });
}

/**
 * Counts one failed attempt on the account in one statement, locking it
 * at the fifth in a row, and writes the refusal's audit row (with
 * `locked`), and the lock's when it locked, in the same transaction. Answers when the lock ends if this
 * attempt locked the account.
 */
async function countFailure(db: HubDb, userId: number, now: Date, details: AuditDetails): Promise<Date | undefined> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set((eb) => ({
        // Both expressions read the row as it was: the fifth failure locks
        // and starts the count again for after the lock.
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
      .where('id', '=', userId)
      .returning(['locked_until'])
      .executeTakeFirstOrThrow();
    const locked = updated.locked_until === until;
    const actor = { userId };
    const target = userTarget(userId);
    await appendAudit(trx, { actor, action: 'user.sign-in-refused', target, details: { ...details, locked } }, now);
    // A row of its own, so that an auditor finds every lockout without reading every refusal.
    if (locked) await appendAudit(trx, { actor, action: 'user.lock', target, details: { until } }, now);
    return locked ? new Date(until) : undefined;
  });
}
