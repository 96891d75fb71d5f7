import { appendAudit, type AuditActor } from './audit-log';
import { PayloadKeyError, PayloadKeyring, payloadKeyIdOf, payloadsUnderKey, SEALED_PAYLOADS } from './payload-keyring';
import type { HubDb } from './schema';

/**
 * The payload keys as the database uses them: how many rows each key
 * holds, moving rows onto the current key (rotation, and sealing the rows
 * of a hub that kept payloads in clear before), and the checks a hub makes
 * on its keys before it serves.
 */

export interface PayloadKeyUsage {
  current: string | undefined;
  /** Every key of the directory, oldest first, with the rows sealed under it. */
  keys: { id: string; rows: number; current: boolean }[];
  /** Rows kept in clear (written before payloads were encrypted at rest). */
  clearRows: number;
  /** Rows sealed under a key the directory does not have. */
  rowsUnderMissingKeys: number;
}

export async function payloadKeyUsage(db: HubDb, ring: PayloadKeyring): Promise<PayloadKeyUsage> {
  const current = ring.currentId();
  const count = async (pattern: string | undefined): Promise<number> => {
    let query = db.selectFrom('submissions').select((eb) => eb.fn.countAll<number | string>().as('n'));
    query = pattern === undefined ? query : query.where('payload', 'like', pattern);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const keys = [];
  for (const id of ring.ids()) keys.push({ id, rows: await count(payloadsUnderKey(id)), current: id === current });
  const total = await count(undefined);
  const sealed = await count(SEALED_PAYLOADS);
  return {
    current,
    keys,
    clearRows: total - sealed,
    rowsUnderMissingKeys: sealed - keys.reduce((sum, k) => sum + k.rows, 0),
  };
}

export interface ReencryptProgress {
  /** Rows moved onto the current key in this batch. */
  moved: number;
  /** The highest row id looked at so far. */
  upTo: number;
}

/**
 * Moves every row not sealed under the current key onto it (with
 * `onlyClear`, only the rows kept in clear), `batchSize` rows per
 * transaction, each batch audit-logged in its own transaction. Resumable:
 * stopped at any point, a second run finds what is left. A row changed
 * meanwhile (another hub moving it too) is left as the other wrote it.
 */
export async function reencryptPayloads(
  db: HubDb,
  ring: PayloadKeyring,
  opts: {
    actor: AuditActor;
    now: () => Date;
    batchSize?: number;
    onlyClear?: boolean;
    onBatch?: (progress: ReencryptProgress) => void;
  },
): Promise<{ moved: number; keyId: string }> {
  const keyId = ring.currentId();
  if (keyId === undefined) throw new PayloadKeyError(`no current payload key in ${ring.dir}`);
  const batchSize = opts.batchSize ?? 500;
  let after = 0;
  let moved = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('submissions')
        .select(['id', 'kiosk_id', 'idempotency_key', 'payload'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize);
      query = opts.onlyClear
        ? query.where('payload', 'not like', SEALED_PAYLOADS)
        : query.where('payload', 'not like', payloadsUnderKey(keyId));
      const rows = await query.execute();
      let changed = 0;
      const from = new Set<string>();
      for (const row of rows) {
        const context = { kioskId: row.kiosk_id, idempotencyKey: row.idempotency_key };
        const old = payloadKeyIdOf(row.payload);
        // A clear payload is the JSON itself (a hub before encryption at rest).
        const json = old === undefined ? row.payload : ring.open(row.payload, context);
        const result = await trx
          .updateTable('submissions')
          .set({ payload: ring.seal(json, context) })
          .where('id', '=', row.id)
          .where('payload', '=', row.payload)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) {
          changed++;
          from.add(old ?? 'clear');
        }
      }
      if (changed > 0)
        await appendAudit(
          trx,
          {
            actor: opts.actor,
            action: 'payload-keys.reencrypted',
            target: `payload-key:${keyId}`,
            details: { rows: changed, from: [...from].sort(), upToSubmission: rows.at(-1)?.id },
          },
          opts.now(),
        );
      return { count: rows.length, changed, upTo: rows.at(-1)?.id ?? after };
    });
    moved += batch.changed;
    after = batch.upTo;
    opts.onBatch?.({ moved: batch.changed, upTo: after });
    if (batch.count < batchSize) return { moved, keyId };
  }
}

/**
 * The keyring a starting hub seals payloads with. A directory with no key
 * gets one (owner-only) — but only for a database holding no sealed row: a
 * new key would open none of them, so a lost or misplaced keys directory
 * stops the start, saying so. Rows kept in clear by an older hub are
 * sealed before the hub serves.
 */
export async function preparePayloadKeyring(db: HubDb, dir: string, now: () => Date): Promise<PayloadKeyring> {
  const ring = PayloadKeyring.open(dir);
  if (ring.currentId() === undefined) {
    const sealed = await db
      .selectFrom('submissions')
      .select('id')
      .where('payload', 'like', SEALED_PAYLOADS)
      .limit(1)
      .executeTakeFirst();
    // Key files without a current one and no row sealed: a first start cut short between the two writes; a new key is as good.
    if (sealed !== undefined)
      throw new PayloadKeyError(
        `the payload keys directory ${dir} has no current key, and the database holds payloads sealed with one: restore the directory from its backup (every hub on one database needs the same one)`,
      );
    const id = ring.addKey(now());
    await appendAudit(db, { actor: 'system', action: 'payload-keys.added', target: `payload-key:${id}` }, now());
  }
  const usage = await payloadKeyUsage(db, ring);
  if (usage.rowsUnderMissingKeys > 0)
    throw new PayloadKeyError(
      `${usage.rowsUnderMissingKeys} submissions are sealed with payload keys that are not in ${dir}: restore the missing key files from the keys' backup`,
    );
  if (usage.clearRows > 0) await reencryptPayloads(db, ring, { actor: 'system', now, onlyClear: true });
  return ring;
}
