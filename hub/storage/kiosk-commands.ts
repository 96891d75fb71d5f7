import { randomUUID } from 'node:crypto';
import type {
  CommandPayload,
  CommandState,
  FleetCommandKind,
  FleetCommandSummary,
  KioskCommand,
  KioskCommandResultRequest,
} from '../../common/hub/api/fleet-commands';
import { actorText, appendAudit, kioskTarget, type AuditActor } from './audit-log';
import type { HubDb, KioskCommandRow } from './schema';

/**
 * Commands sent to kiosks (migration 14). Sending is audited with the
 * change; delivery (push or heartbeat acknowledgement) takes what is open:
 * a command past its expiry that was never delivered is marked expired in
 * the same transaction and is never handed out; one delivered but not
 * reported is offered again until it expires (the socket may have died
 * under the push), and the kiosk runs each id once.
 */

/** Commands offered to a kiosk at one time; older ones wait for the next acknowledgement. */
export const MAX_OFFERED_COMMANDS = 20;

export function commandState(row: Pick<KioskCommandRow, 'result_status' | 'delivered_at'>): CommandState {
  if (row.result_status !== null) return row.result_status;
  return row.delivered_at === null ? 'pending' : 'delivered';
}

export function toCommandSummary(
  row: Omit<KioskCommandRow, 'payload'> & { payload_bytes: number | null },
): FleetCommandSummary {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    kind: row.kind,
    state: commandState(row),
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    deliveredAt: row.delivered_at,
    resultDetail: row.result_detail,
    resultAt: row.result_at,
    payloadKind: row.payload_kind,
    payloadBytes: row.payload_bytes,
  };
}

/** The payload's size as the kiosk sent it: text bytes, or the PNG's bytes under its base64. */
function payloadBytes(payload: CommandPayload): number {
  if (payload.kind === 'logs') return Buffer.byteLength(payload.text, 'utf8');
  return Buffer.from(payload.base64, 'base64').length;
}

export type SendOutcome =
  { outcome: 'sent'; command: FleetCommandSummary } | { outcome: 'not-approved' } | { outcome: 'no-such-kiosk' };

/** Records a command for an approved kiosk, audited; the caller pushes it once committed. */
export async function sendCommand(
  db: HubDb,
  input: { kioskId: number; kind: FleetCommandKind; expiresAt: Date },
  actor: AuditActor,
  now: Date,
): Promise<SendOutcome> {
  return db.transaction().execute(async (trx) => {
    const kiosk = await trx.selectFrom('kiosks').select('status').where('id', '=', input.kioskId).executeTakeFirst();
    if (kiosk === undefined) return { outcome: 'no-such-kiosk' };
    if (kiosk.status !== 'approved') return { outcome: 'not-approved' };
    const row: KioskCommandRow = {
      id: randomUUID(),
      kiosk_id: input.kioskId,
      kind: input.kind,
      created_by: actorText(actor),
      created_at: now.toISOString(),
      expires_at: input.expiresAt.toISOString(),
      delivered_at: null,
      result_status: null,
      result_detail: null,
      result_at: null,
      payload_kind: null,
      payload: null,
    };
    await trx.insertInto('kiosk_commands').values(row).execute();
    await appendAudit(
      trx,
      {
        actor,
        action: 'kiosk.command',
        target: kioskTarget(input.kioskId),
        details: { commandId: row.id, kind: row.kind, expiresAt: row.expires_at },
      },
      now,
    );
    return { outcome: 'sent', command: toCommandSummary({ ...row, payload_bytes: null }) };
  });
}

/**
 * What a kiosk should run now: its commands with no result that have not
 * expired, oldest first, marked delivered (the first delivery's time is
 * kept). Those that expired undelivered are marked expired on the way.
 */
export async function takeOpenCommands(db: HubDb, kioskId: number, now: Date): Promise<KioskCommand[]> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('kiosk_commands')
      .set({ result_status: 'expired', result_at: at })
      .where('kiosk_id', '=', kioskId)
      .where('result_status', 'is', null)
      .where('delivered_at', 'is', null)
      .where('expires_at', '<=', at)
      .execute();
    const open = await trx
      .selectFrom('kiosk_commands')
      .select(['id', 'kind', 'expires_at', 'delivered_at'])
      .where('kiosk_id', '=', kioskId)
      .where('result_status', 'is', null)
      .where('expires_at', '>', at)
      .orderBy('created_at')
      .orderBy('id')
      .limit(MAX_OFFERED_COMMANDS)
      .execute();
    const fresh = open.filter((c) => c.delivered_at === null).map((c) => c.id);
    if (fresh.length > 0)
      await trx
        .updateTable('kiosk_commands')
        .set({ delivered_at: at })
        .where('id', 'in', fresh)
        .where('delivered_at', 'is', null)
        .execute();
    return open.map((c) => ({ id: c.id, kind: c.kind, expiresAt: c.expires_at }));
  });
}

export type ResultOutcome = 'stored' | 'already-reported' | 'no-such-command';

/**
 * The kiosk's result of one of its own commands. The first result stands:
 * a repeat (the kiosk did not hear the answer) is answered
 * `already-reported`. A result for a command marked expired is refused as
 * none: it was never delivered, so no kiosk ran it.
 */
export async function recordCommandResult(
  db: HubDb,
  kioskId: number,
  result: KioskCommandResultRequest,
  now: Date,
): Promise<ResultOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('kiosk_commands')
      .select(['result_status', 'delivered_at'])
      .where('id', '=', result.commandId)
      .where('kiosk_id', '=', kioskId)
      .executeTakeFirst();
    if (row === undefined || row.delivered_at === null) return 'no-such-command';
    if (row.result_status !== null) return 'already-reported';
    await trx
      .updateTable('kiosk_commands')
      .set({
        result_status: result.status,
        result_detail: result.detail,
        result_at: now.toISOString(),
        payload_kind: result.payload?.kind ?? null,
        payload:
          result.payload === undefined
            ? null
            : result.payload.kind === 'logs'
              ? result.payload.text
              : result.payload.base64,
      })
      .where('id', '=', result.commandId)
      .where('result_status', 'is', null)
      .execute();
    return 'stored';
  });
}

/** Columns of a summary: everything but the payload, and the payload's size. */
function summaries(db: HubDb) {
  return db
    .selectFrom('kiosk_commands')
    .select([
      'id',
      'kiosk_id',
      'kind',
      'created_by',
      'created_at',
      'expires_at',
      'delivered_at',
      'result_status',
      'result_detail',
      'result_at',
      'payload_kind',
    ])
    .select((eb) => eb.fn<number | null>('length', ['payload']).as('payload_length'));
}

function summaryOf(row: Omit<KioskCommandRow, 'payload'> & { payload_length: number | null }): FleetCommandSummary {
  // length() counts characters: a log's are not its bytes, a PNG's base64 is 4/3 of them; close enough for a list.
  const length = row.payload_length === null ? null : Number(row.payload_length);
  const bytes = length === null ? null : row.payload_kind === 'png' ? Math.floor((length * 3) / 4) : length;
  return toCommandSummary({ ...row, payload_bytes: bytes });
}

/** The latest commands, newest first, of the kiosks `kioskIds` names (all kiosks when undefined). */
export async function listCommands(
  db: HubDb,
  filter: { kioskIds?: readonly number[]; limit: number },
): Promise<FleetCommandSummary[]> {
  let query = summaries(db);
  if (filter.kioskIds !== undefined) {
    if (filter.kioskIds.length === 0) return [];
    query = query.where('kiosk_id', 'in', filter.kioskIds);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(summaryOf);
}

/** One command and its payload; undefined for none. */
export async function findCommand(
  db: HubDb,
  id: string,
): Promise<{ command: FleetCommandSummary; payload: CommandPayload | null } | undefined> {
  const row = await db.selectFrom('kiosk_commands').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const payload: CommandPayload | null =
    row.payload === null || row.payload_kind === null
      ? null
      : row.payload_kind === 'logs'
        ? { kind: 'logs', text: row.payload }
        : { kind: 'png', base64: row.payload };
  return {
    command: toCommandSummary({ ...row, payload_bytes: payload === null ? null : payloadBytes(payload) }),
    payload,
  };
}

/**
 * How long a command's result payload (the collected log lines, the
 * screenshot) is kept: long enough to look into what prompted it, not for
 * ever — a screenshot is up to 2 MB, and log lines, redacted as they are,
 * still say what citizens did at the kiosk. The command itself, its state
 * and who sent it stay, as the audit log does.
 */
export const COMMAND_PAYLOAD_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** Drops the payloads of results older than COMMAND_PAYLOAD_KEEP_MS: how many. */
export async function pruneCommandPayloads(db: HubDb, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - COMMAND_PAYLOAD_KEEP_MS).toISOString();
  const done = await db
    .updateTable('kiosk_commands')
    .set({ payload: null, payload_kind: null })
    .where('result_at', '<', cutoff)
    .where('payload', 'is not', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}
