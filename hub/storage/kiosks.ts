import type { KioskHeartbeat, KioskSummary, RegisterKioskResponse } from '../../common/hub/api/kiosks';
import { OFFLINE_AFTER_MS } from '../../common/hub/fleet-timing';
import { keyFingerprint, parseKioskPublicKey } from '../../server-kit/kiosk-identity/kiosk-key';
import { KIOSK_CLOCK_WINDOW_MS } from '../../server-kit/kiosk-identity/request-signature';
import { enrollCodeHash, normaliseEnrollCode } from '../kiosks/enrollment-code';
import type { AlertKind } from '../../common/hub/api/alert-kinds';
import { clearAllAlerts, openAlertKindsByKiosk } from './alerts';
import { appendAudit, kioskTarget, type AuditActor } from './audit-log';
import { enrollCodeTarget } from './enrollment-codes';
import type { HubDb, KioskRow } from './schema';
import { isUniqueViolation } from './unique-violation';

/**
 * The fleet's kiosks: registered with a one-time code, approved by an
 * administrator (or at once by a pre-approving code), revoked — never
 * deleted. Every change writes its audit row in the same transaction.
 */

export interface KioskRegistration {
  code: string;
  publicKey: string;
  terminalId: string;
  displayName: string;
}

/** Thrown inside the registration's transaction so that a refusal leaves the code unspent. */
class Refused extends Error {
  constructor(readonly reason: Extract<RegisterKioskResponse, { outcome: 'refused' }>['reason']) {
    super(reason);
  }
}

/**
 * Registers a kiosk with an unused, unexpired code: its region and site
 * come from the code, its status is `pending` (or `approved` when the code
 * pre-approves), and the code is spent — all in one transaction, the code
 * spent only if still unused, so one code enrolls one kiosk however many
 * race with it. A refusal is audited (with where it came from) and leaves
 * the code as it was.
 */
export async function registerKiosk(
  db: HubDb,
  reg: KioskRegistration,
  now: Date,
  from: string | undefined,
): Promise<RegisterKioskResponse> {
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const normalised = normaliseEnrollCode(reg.code);
      const code =
        normalised === undefined
          ? undefined
          : await trx
              .selectFrom('enrollment_codes')
              .selectAll()
              .where('code_hash', '=', enrollCodeHash(normalised))
              .where('used_at', 'is', null)
              .where('expires_at', '>', at)
              .executeTakeFirst();
      if (code === undefined) throw new Refused('code-not-valid');
      if (parseKioskPublicKey(reg.publicKey) === undefined) throw new Refused('key-not-valid');
      const keyTaken = await trx
        .selectFrom('kiosks')
        .select('id')
        .where('public_key', '=', reg.publicKey)
        .executeTakeFirst();
      if (keyTaken !== undefined) throw new Refused('key-not-valid');
      const live = await trx
        .selectFrom('kiosks')
        .select('id')
        .where('terminal_id', '=', reg.terminalId)
        .where('status', '<>', 'revoked')
        .executeTakeFirst();
      if (live !== undefined) throw new Refused('terminal-enrolled');

      const status = code.pre_approved === 1 ? 'approved' : 'pending';
      const kiosk = await insertKiosk(() =>
        trx
          .insertInto('kiosks')
          .values({
            terminal_id: reg.terminalId,
            display_name: reg.displayName,
            region_code: code.region_code,
            site: code.site,
            public_key: reg.publicKey,
            status,
            enrolled_at: at,
            approved_at: status === 'approved' ? at : null,
            revoked_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      const spent = await trx
        .updateTable('enrollment_codes')
        .set({ used_at: at, kiosk_id: kiosk.id })
        .where('id', '=', code.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw new Refused('code-not-valid');
      await appendAudit(
        trx,
        {
          actor: { kioskId: kiosk.id },
          action: 'kiosk.enroll',
          target: kioskTarget(kiosk.id),
          details: {
            terminalId: reg.terminalId,
            displayName: reg.displayName,
            regionCode: code.region_code,
            site: code.site,
            status,
            keyFingerprint: keyFingerprint(reg.publicKey),
            enrollCode: enrollCodeTarget(code.id),
            from: from ?? null,
          },
        },
        now,
      );
      return { outcome: 'registered' as const, kioskId: kiosk.id, status };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await appendAudit(
      db,
      {
        actor: 'system',
        action: 'kiosk.enroll-refused',
        details: { reason: error.reason, terminalId: reg.terminalId, from: from ?? null },
      },
      now,
    );
    return { outcome: 'refused', reason: error.reason };
  }
}

/**
 * The insert, with a race lost to another registration of the same terminal
 * or key (the checks above saw neither) refused as those checks refuse it,
 * not answered with a 500.
 */
async function insertKiosk<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // PostgreSQL names the constraint, SQLite the column; only the key and the live terminal are unique.
    throw new Refused(/public_key/.test(uniqueTarget(error)) ? 'key-not-valid' : 'terminal-enrolled');
  }
}

function uniqueTarget(error: unknown): string {
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return `${typeof constraint === 'string' ? constraint : ''} ${typeof message === 'string' ? message : ''}`;
}

/** A kiosk's latest heartbeat as stored: when, and the report as JSON text. */
type HeartbeatColumns = { received_at: string | null; report: string | null };

/** Whether the kiosk counts as online at `now` (see KioskSummary.online). */
export function isOnline(
  row: Pick<KioskRow, 'status' | 'last_seen_at'>,
  lastHeartbeatAt: string | null,
  now: Date,
): boolean {
  if (row.status !== 'approved') return false;
  const heard = Math.max(...[row.last_seen_at, lastHeartbeatAt].map((at) => (at === null ? 0 : Date.parse(at))));
  return now.getTime() - heard < OFFLINE_AFTER_MS;
}

export function toKioskSummary(
  row: KioskRow & HeartbeatColumns,
  now: Date,
  openAlerts: AlertKind[] = [],
): KioskSummary {
  const report = row.report === null ? undefined : (JSON.parse(row.report) as KioskHeartbeat);
  return {
    id: row.id,
    terminalId: row.terminal_id,
    displayName: row.display_name,
    regionCode: row.region_code,
    site: row.site,
    status: row.status,
    keyFingerprint: keyFingerprint(row.public_key),
    enrolledAt: row.enrolled_at,
    approvedAt: row.approved_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    openAlerts,
    online: isOnline(row, row.received_at, now),
    lastHeartbeatAt: row.received_at,
    appVersion: report?.appVersion ?? null,
    contentVersion: report?.contentVersion ?? null,
    outboxDepth: report?.outboxDepth ?? null,
    outboxOldestWaitingSince: report?.outboxOldestWaitingSince ?? null,
  };
}

/** The ids of the revoked enrollments of `terminalId`: what it sealed under them still opens after it enrolled again. */
export async function revokedEnrollmentsOf(db: HubDb, terminalId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('kiosks')
    .select('id')
    .where('terminal_id', '=', terminalId)
    .where('status', '=', 'revoked')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

export async function findKiosk(db: HubDb, id: number): Promise<KioskRow | undefined> {
  return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every kiosk, revoked ones too (their history stays), by region then id, with its latest heartbeat and whether it is online at `now`. */
export async function listKiosks(db: HubDb, now: Date): Promise<KioskSummary[]> {
  const rows = await db
    .selectFrom('kiosks')
    .leftJoin('kiosk_heartbeats', 'kiosk_heartbeats.kiosk_id', 'kiosks.id')
    .selectAll('kiosks')
    .select(['kiosk_heartbeats.received_at', 'kiosk_heartbeats.report'])
    .orderBy('kiosks.region_code')
    .orderBy('kiosks.id')
    .execute();
  const alerts = await openAlertKindsByKiosk(db);
  return rows.map((row) => toKioskSummary(row, now, alerts.get(row.id)));
}

export type ApproveOutcome = 'approved' | 'already-approved' | 'revoked' | 'no-such-kiosk';

/** Approves a pending kiosk; a revoked one stays revoked (it enrolls again with a new code and a new key). */
export async function approveKiosk(db: HubDb, id: number, actor: AuditActor, now: Date): Promise<ApproveOutcome> {
  return db.transaction().execute(async (trx) => {
    const kiosk = await trx.selectFrom('kiosks').select(['status']).where('id', '=', id).executeTakeFirst();
    if (kiosk === undefined) return 'no-such-kiosk';
    if (kiosk.status !== 'pending') return kiosk.status === 'approved' ? 'already-approved' : 'revoked';
    // Conditional, so an approval racing a revocation cannot bring a revoked kiosk back.
    const done = await trx
      .updateTable('kiosks')
      .set({ status: 'approved', approved_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return 'revoked';
    await appendAudit(trx, { actor, action: 'kiosk.approve', target: kioskTarget(id) }, now);
    return 'approved';
  });
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'no-such-kiosk';

/** Revokes a kiosk, pending or approved: refused from its next request on; its row and history stay. */
export async function revokeKiosk(db: HubDb, id: number, actor: AuditActor, now: Date): Promise<RevokeOutcome> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('kiosks')
      .set({ status: 'revoked', revoked_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '<>', 'revoked')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) {
      await appendAudit(trx, { actor, action: 'kiosk.revoke', target: kioskTarget(id) }, now);
      // Nothing of a revoked kiosk is waiting to be fixed; its alert history stays.
      await clearAllAlerts(trx, id, now);
      return 'revoked';
    }
    const exists = await trx.selectFrom('kiosks').select('id').where('id', '=', id).executeTakeFirst();
    return exists === undefined ? 'no-such-kiosk' : 'already-revoked';
  });
}

/**
 * Nonces are kept this long: a request is accepted only within the clock
 * window either side of the hub's time, so one seen this long ago can
 * no longer be replayed (its time is out of the window by then).
 */
export const NONCE_KEEP_MS = 3 * KIOSK_CLOCK_WINDOW_MS;

/**
 * Takes a signed request's nonce, if the kiosk has not used it lately,
 * and notes the kiosk as seen: false for a replay. One transaction, and
 * the primary key decides, so a replay racing its original on another
 * hub instance is refused too.
 */
export async function acceptKioskNonce(db: HubDb, kioskId: number, nonce: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('kiosk_nonces')
      .where('seen_at', '<', new Date(now.getTime() - NONCE_KEEP_MS).toISOString())
      .execute();
    const taken = await trx
      .insertInto('kiosk_nonces')
      .values({ kiosk_id: kioskId, nonce, seen_at: at })
      .onConflict((oc) => oc.columns(['kiosk_id', 'nonce']).doNothing())
      .executeTakeFirst();
    if (Number(taken.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await trx.updateTable('kiosks').set({ last_seen_at: at }).where('id', '=', kioskId).execute();
    return true;
  });
}

/**
 * Keeps a kiosk's latest heartbeat in place of the one before; without its
 * usage days, which are kept in kiosk_usage_daily (figures/usage-days.ts).
 */
export async function recordHeartbeat(db: HubDb, kioskId: number, report: KioskHeartbeat, now: Date): Promise<void> {
  const at = now.toISOString();
  const { usage: _usage, ...kept } = report;
  const text = JSON.stringify(kept);
  await db
    .insertInto('kiosk_heartbeats')
    .values({ kiosk_id: kioskId, received_at: at, report: text })
    .onConflict((oc) => oc.column('kiosk_id').doUpdateSet({ received_at: at, report: text }))
    .execute();
}

/** A kiosk's latest heartbeat and when it came, if it sent one. */
export async function latestHeartbeat(
  db: HubDb,
  kioskId: number,
): Promise<{ receivedAt: string; report: KioskHeartbeat } | undefined> {
  const row = await db.selectFrom('kiosk_heartbeats').selectAll().where('kiosk_id', '=', kioskId).executeTakeFirst();
  return row === undefined
    ? undefined
    : { receivedAt: row.received_at, report: JSON.parse(row.report) as KioskHeartbeat };
}
