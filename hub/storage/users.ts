import type { CleanAccountFields, UserRole } from '../../common/hub/accounts';
import { appendAudit, userTarget, type AuditActor } from './audit-log';
import type { HubDb, UserRow } from './schema';
import { endUserSessions } from './sessions';

/**
 * The hub's accounts. Every change writes its audit row in the same
 * transaction. Nothing here hashes or checks a password (accounts/ does);
 * nothing that leaves this module for a listing carries the hash or the
 * TOTP secret (UserSummary has neither).
 */

/** An account as it may be shown: no password hash, no TOTP secret. */
export interface UserSummary {
  id: number;
  login: string;
  displayName: string | null;
  role: UserRole;
  regionCode: string | null;
  disabledAt: string | null;
  failedSignIns: number;
  lockedUntil: string | null;
  /** A confirmed TOTP second factor is asked at every sign-in. */
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toSummary(row: Pick<UserRow, (typeof SUMMARY_COLUMNS)[number]>): UserSummary {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    disabledAt: row.disabled_at,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
    totpEnabled: row.totp_confirmed_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a listing reads: never the hash or the TOTP secret. */
const SUMMARY_COLUMNS = [
  'id',
  'login',
  'display_name',
  'role',
  'region_code',
  'disabled_at',
  'failed_sign_ins',
  'locked_until',
  'totp_confirmed_at',
  'created_at',
  'updated_at',
] as const;

export class LoginTakenError extends Error {
  constructor(readonly login: string) {
    super(`there is already an account with the login name ${login}`);
  }
}

/** The whole row, hash included: for sign-in only. */
export async function findUserByLogin(db: HubDb, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
}

/** The whole row, hash and sealed TOTP secret included: for the server's own checks only. */
export async function findUserById(db: HubDb, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: HubDb): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').select(SUMMARY_COLUMNS).orderBy('login').execute();
  return rows.map(toSummary);
}

/** Adds an account with an already hashed password; a login name in use is a LoginTakenError. */
export async function addUser(
  db: HubDb,
  fields: CleanAccountFields & { passwordHash: string },
  actor: AuditActor,
  now: Date,
): Promise<UserSummary> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Asked first for a clear error; the UNIQUE constraint still guards
    // against two adds of one name racing past this check.
    const taken = await trx.selectFrom('users').select('id').where('login', '=', fields.login).executeTakeFirst();
    if (taken !== undefined) throw new LoginTakenError(fields.login);
    const row = await trx
      .insertInto('users')
      .values({
        login: fields.login,
        display_name: fields.displayName,
        role: fields.role,
        region_code: fields.regionCode,
        password_hash: fields.passwordHash,
        disabled_at: null,
        locked_until: null,
        totp_secret: null,
        created_at: at,
        updated_at: at,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        actor,
        action: 'user.add',
        target: userTarget(row.id),
        details: { login: row.login, role: row.role, regionCode: row.region_code },
      },
      now,
    );
    return toSummary(row);
  });
}

export type UserChange = 'done' | 'unchanged' | 'no-such-user';

/** Disables an account: it can no longer sign in, its sessions end at once; its history stays. */
export async function disableUser(db: HubDb, login: string, actor: AuditActor, now: Date): Promise<UserChange> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'disabled_at'])
      .where('login', '=', login)
      .executeTakeFirst();
    if (user === undefined) return 'no-such-user';
    if (user.disabled_at !== null) return 'unchanged';
    await trx.updateTable('users').set({ disabled_at: at, updated_at: at }).where('id', '=', user.id).execute();
    const sessionsEnded = await endUserSessions(trx, user.id);
    await appendAudit(
      trx,
      { actor, action: 'user.disable', target: userTarget(user.id), details: { login, sessionsEnded } },
      now,
    );
    return 'done';
  });
}

/**
 * Sets a new password hash and clears the lockout (the count of wrong
 * passwords and any lock), as an administrator does for someone locked out
 * or who forgot their password. Every session of the account ends: whoever
 * was signed in with the old password is not any more. A disabled account
 * stays disabled.
 */
export async function resetPassword(
  db: HubDb,
  login: string,
  passwordHash: string,
  actor: AuditActor,
  now: Date,
): Promise<UserChange> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (user === undefined) return 'no-such-user';
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: at })
      .where('id', '=', user.id)
      .execute();
    const sessionsEnded = await endUserSessions(trx, user.id);
    await appendAudit(
      trx,
      { actor, action: 'user.reset-password', target: userTarget(user.id), details: { login, sessionsEnded } },
      now,
    );
    return 'done';
  });
}

/**
 * Forgets an account's second factor, for someone who lost the phone it was
 * on: the secret and its last used step are cleared and every session of the
 * account ends. An administrator must then set a new one up at the next
 * sign-in before doing anything else, as at the first.
 */
export async function resetTotp(db: HubDb, login: string, actor: AuditActor, now: Date): Promise<UserChange> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'totp_secret'])
      .where('login', '=', login)
      .executeTakeFirst();
    if (user === undefined) return 'no-such-user';
    if (user.totp_secret === null) return 'unchanged';
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_confirmed_at: null, totp_last_step: null, updated_at: at })
      .where('id', '=', user.id)
      .execute();
    const sessionsEnded = await endUserSessions(trx, user.id);
    await appendAudit(
      trx,
      { actor, action: 'user.reset-totp', target: userTarget(user.id), details: { login, sessionsEnded } },
      now,
    );
    return 'done';
  });
}

/**
 * Keeps a new, not yet confirmed TOTP secret (sealed) for an account that
 * has no confirmed one; a secret from an earlier start that was never
 * confirmed is replaced. A confirmed second factor is never replaced here.
 */
export async function startTotp(
  db: HubDb,
  userId: number,
  sealedSecret: string,
  now: Date,
): Promise<'started' | 'already-set-up'> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ totp_secret: sealedSecret, updated_at: at })
      .where('id', '=', userId)
      .where('totp_confirmed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return 'already-set-up';
    await appendAudit(trx, { actor: { userId }, action: 'user.totp-start', target: userTarget(userId) }, now);
    return 'started';
  });
}

/**
 * Confirms the pending TOTP secret with the step of the code that proved
 * it: from now on every sign-in needs a code, and that code is spent.
 */
export async function confirmTotp(
  db: HubDb,
  userId: number,
  step: number,
  now: Date,
): Promise<'confirmed' | 'nothing-to-confirm'> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ totp_confirmed_at: at, totp_last_step: step, updated_at: at })
      .where('id', '=', userId)
      .where('totp_confirmed_at', 'is', null)
      .where('totp_secret', 'is not', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return 'nothing-to-confirm';
    await appendAudit(trx, { actor: { userId }, action: 'user.totp-confirm', target: userTarget(userId) }, now);
    return 'confirmed';
  });
}

/**
 * Spends a TOTP code's step: true when it is later than every step
 * accepted before for this account, false for a code used already (or an
 * older one). One conditional update, so two requests with the same code,
 * even on two hubs, cannot both succeed.
 */
export async function spendTotpStep(db: HubDb, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
