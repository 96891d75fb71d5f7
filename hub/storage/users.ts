import type { CleanAccountFields, UserRole } from '../../common/hub/accounts';
import { appendAudit, userTarget, type AuditActor } from './audit-log';
import type { HubDb, UserRow } from './schema';

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
  createdAt: string;
  updatedAt: string;
}

export function toSummary(row: Omit<UserRow, 'password_hash' | 'totp_secret'>): UserSummary {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    disabledAt: row.disabled_at,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
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

/** Disables an account: it can no longer sign in; its history stays. */
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
    await appendAudit(trx, { actor, action: 'user.disable', target: userTarget(user.id), details: { login } }, now);
    return 'done';
  });
}

/**
 * Sets a new password hash and clears the lockout (the count of wrong
 * passwords and any lock), as an administrator does for someone locked out
 * or who forgot their password. A disabled account stays disabled.
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
    await appendAudit(
      trx,
      { actor, action: 'user.reset-password', target: userTarget(user.id), details: { login } },
      now,
    );
    return 'done';
  });
}
