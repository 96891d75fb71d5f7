import { createHash, randomBytes } from 'node:crypto';
import type { UserRole } from '../../common/hub/accounts';
import type { HubDb, SessionScope } from './schema';

/**
 * Sign-in sessions. The browser holds an opaque random token in a cookie;
 * the database holds only its SHA-256, so whoever reads the database (a
 * backup, a replica, an operator) cannot use a session. A session ends at
 * sign-out, after SESSION_IDLE_MS without a request (等保 2.0: session
 * timeout), and all of an account's sessions end when it is disabled or
 * given a new password. Ending deletes the row: a session has no history
 * worth keeping beyond what the audit log says.
 */

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * last_seen_at is written at most this often, not on every request: a
 * console's polling would otherwise cost a synced write each time. The
 * session may so end up to this much before 30 minutes after the last
 * request, never after.
 */
export const SESSION_TOUCH_MS = 60 * 1000;

/** 256 random bits, as cookie-safe text. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Opens a session for an account and answers its token, which only the caller's cookie will hold. */
export async function openSession(db: HubDb, userId: number, scope: SessionScope, now: Date): Promise<string> {
  const token = newSessionToken();
  const at = now.toISOString();
  await db
    .insertInto('sessions')
    .values({ token_hash: sessionTokenHash(token), user_id: userId, scope, created_at: at, last_seen_at: at })
    .execute();
  return token;
}

/** A live session with what the guard needs to know of its account. */
export interface ActiveSession {
  id: number;
  scope: SessionScope;
  user: { id: number; login: string; role: UserRole; regionCode: string | null };
}

const idleCutoff = (now: Date): string => new Date(now.getTime() - SESSION_IDLE_MS).toISOString();

/**
 * The live session a token names at `now`, sliding its idle timeout; or
 * undefined for an unknown token, a session idle too long (which is
 * deleted), or a disabled account.
 */
export async function findSession(db: HubDb, token: string, now: Date): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as id',
      'sessions.scope as scope',
      'sessions.last_seen_at as lastSeenAt',
      'users.id as userId',
      'users.login as login',
      'users.role as role',
      'users.region_code as regionCode',
      'users.disabled_at as disabledAt',
    ])
    .where('sessions.token_hash', '=', sessionTokenHash(token))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.lastSeenAt <= idleCutoff(now) || row.disabledAt !== null) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return undefined;
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) >= SESSION_TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    id: row.id,
    scope: row.scope,
    user: { id: row.userId, login: row.login, role: row.role, regionCode: row.regionCode },
  };
}

/** Ends one session (sign-out). */
export async function endSession(db: HubDb, sessionId: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of an account (disabled, new password); call it in the change's transaction. Answers how many. */
export async function endUserSessions(db: HubDb, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A set-up-only session becomes a full one once the second factor is confirmed. */
export async function widenSession(db: HubDb, sessionId: number): Promise<void> {
  await db.updateTable('sessions').set({ scope: 'full' }).where('id', '=', sessionId).execute();
}

/** Deletes the sessions idle too long (they are refused anyway); run now and then so the table does not grow. */
export async function sweepIdleSessions(db: HubDb, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('last_seen_at', '<=', idleCutoff(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The ids of an account's sessions: whose live sockets close when they all end. */
export async function userSessionIds(db: HubDb, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

/**
 * Of these sessions, the ones still live at `now` — without sliding their
 * idle timeout, as findSession does: an open socket is no sign that
 * anyone is at the desk, so it must not keep a session alive.
 */
export async function liveSessionIds(db: HubDb, ids: readonly number[], now: Date): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('sessions.id as id')
    .where('sessions.id', 'in', ids)
    .where('sessions.last_seen_at', '>', idleCutoff(now))
    .where('users.disabled_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * A lawyer waiting for calls (在线接待) or in one is at the desk, not idle,
 * though they may ask for nothing for half an hour: a message on their
 * console's live socket (its ping every 25 s, the call's signaling) then
 * slides their session as a request does. Only then — in any other status
 * an open socket keeps nobody signed in — and only a session still live:
 * one that ended is not brought back. A lawyer who walked away from a page
 * left on 在线接待 is set to 暂离 once offers ring out unanswered
 * (CALL_MAX_UNANSWERED_OFFERS), and the timeout runs again from there.
 * Answers whether it slid.
 */
export async function slideSessionOnDuty(db: HubDb, sessionId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('last_seen_at', '>', idleCutoff(now))
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('lawyer_duty')
            .select('lawyer_duty.user_id')
            .whereRef('lawyer_duty.user_id', '=', 'sessions.user_id')
            .where('lawyer_duty.status', '=', 'available'),
        ),
        eb.exists(
          eb
            .selectFrom('calls')
            .select('calls.id')
            .whereRef('calls.lawyer_id', '=', 'sessions.user_id')
            .where('calls.state', '=', 'in-call'),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
