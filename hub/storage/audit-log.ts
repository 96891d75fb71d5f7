import type { Kysely } from 'kysely';
import type { HubDatabase } from './schema';

/**
 * The append-only audit log: every change of an account or setting, every
 * sign-in and refused sign-in, every schema migration (later: every view of
 * personal data). A row is written in the same transaction as the change it
 * records, so there is no change without its row and no row without its
 * change. The database refuses to update or delete rows (see the triggers
 * of migration 1).
 */

/** Who did it: a signed-in user, an enrolled kiosk, an operator at hubctl on the hub's machine, or the hub itself. */
export type AuditActor = { userId: number } | { kioskId: number } | 'hubctl' | 'system';

export type AuditDetails = Record<string, unknown>;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: string | null;
  details?: AuditDetails;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: AuditDetails;
}

export function actorText(actor: AuditActor): string {
  if (typeof actor === 'string') return actor;
  return 'userId' in actor ? userTarget(actor.userId) : kioskTarget(actor.kioskId);
}

export const userTarget = (id: number): string => `user:${id}`;
export const kioskTarget = (id: number): string => `kiosk:${id}`;

/**
 * Keys that say they hold a secret. The log is read by auditors and copied
 * into reports; a password, a hash of one, a TOTP secret or a token has no
 * place in it, so a details object naming one is a bug, refused loudly.
 */
const SECRET_KEY = /password|passphrase|passwd|hash|secret|token|totp|private.?key|credential/i;

export class AuditSecretError extends Error {}

function refuseSecrets(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) throw new AuditSecretError(`audit details may not hold a secret (${path}${key})`);
    refuseSecrets(v, `${path}${key}.`);
  }
}

/** Appends one row; call it with the transaction of the change it records. */
export async function appendAudit(db: Kysely<HubDatabase>, entry: AuditEntry, now: Date): Promise<number> {
  const details = entry.details ?? {};
  refuseSecrets(details, '');
  const row = await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor: actorText(entry.actor),
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(details),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest `limit` rows, newest first; with `beforeId`, the newest of those older than that row (the next page). */
export async function listAudit(
  db: Kysely<HubDatabase>,
  opts: { limit: number; beforeId?: number | undefined },
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (opts.beforeId !== undefined) query = query.where('id', '<', opts.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => ({ ...r, details: parseDetails(r.details) }));
}

function parseDetails(text: string): AuditDetails {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as AuditDetails)
      : { value: parsed };
  } catch {
    return { unreadable: text.slice(0, 200) };
  }
}
