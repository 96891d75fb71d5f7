import type { Kysely } from 'kysely';
import {
  CaseStatusWithDetails,
  isFinalCaseStatus,
  type CaseKind,
  type CaseStatus,
  type KioskCaseStatus,
} from '../../common/hub/cases';
import { appendAudit } from './audit-log';
import type { HubDatabase, HubDb } from './schema';

/**
 * The cases at the hub: submissions of the case kinds with their status
 * (migration 9), its history (case_events, migration 10) and the
 * anonymous case_facts the figures read. Nothing here reads a payload:
 * the handlers open the few they need through the PayloadVault.
 */

export const caseTarget = (id: number): string => `case:${id}`;

/** The columns of a case the desk and the kiosks need, payload aside. */
export interface CaseRow {
  id: number;
  kind: CaseKind;
  kioskId: number;
  idempotencyKey: string;
  regionCode: string;
  reference: string;
  topic: string | null;
  createdAt: string;
  receivedAt: string;
  changedAt: string;
  current: CaseStatusWithDetails;
  kioskName: string;
}

const caseQuery = (db: Kysely<HubDatabase>) =>
  db
    .selectFrom('submissions')
    .innerJoin('kiosks', 'kiosks.id', 'submissions.kiosk_id')
    .leftJoin('case_facts', 'case_facts.submission_id', 'submissions.id')
    .select([
      'submissions.id',
      'submissions.kind',
      'submissions.kiosk_id',
      'submissions.idempotency_key',
      'submissions.region_code',
      'submissions.reference',
      'submissions.created_at',
      'submissions.received_at',
      'submissions.status_changed_at',
      'submissions.case_status',
      'submissions.case_details',
      'case_facts.topic',
      'kiosks.display_name',
      'kiosks.terminal_id',
    ])
    .where('submissions.case_status', 'is not', null);

type CaseQueryRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['execute']>>[number];

/** A status as stored, read back through its schema: a row the hub wrote itself, so a mismatch is a bug, said loudly. */
export function storedStatus(status: string | null, details: string | null, where: string): CaseStatusWithDetails {
  const parsed = CaseStatusWithDetails.safeParse({ status, details: JSON.parse(details ?? '{}') as unknown });
  if (!parsed.success) throw new Error(`${where}: stored case status is unreadable: ${parsed.error.message}`);
  return parsed.data;
}

function toCaseRow(r: CaseQueryRow): CaseRow {
  return {
    id: r.id,
    kind: r.kind as CaseKind,
    kioskId: r.kiosk_id,
    idempotencyKey: r.idempotency_key,
    regionCode: r.region_code,
    reference: r.reference,
    topic: r.topic ?? null,
    createdAt: r.created_at,
    receivedAt: r.received_at,
    changedAt: r.status_changed_at ?? r.received_at,
    current: storedStatus(r.case_status, r.case_details, caseTarget(r.id)),
    kioskName: r.display_name ?? r.terminal_id,
  };
}

/**
 * The cases of a kind, at a status if given, in the regions whose codes
 * start with one of `regionPrefixes` (null: every region), waiting longest
 * first, at most `limit`.
 */
export async function listCases(
  db: HubDb,
  filter: { kind: CaseKind; status?: CaseStatus | undefined; regionPrefixes: readonly string[] | null; limit: number },
): Promise<CaseRow[]> {
  let query = caseQuery(db).where('submissions.kind', '=', filter.kind);
  if (filter.status !== undefined) query = query.where('submissions.case_status', '=', filter.status);
  const prefixes = filter.regionPrefixes;
  if (prefixes !== null) {
    if (prefixes.length === 0) return [];
    query = query.where((eb) =>
      eb.or(prefixes.map((p) => eb('submissions.region_code', 'like', `${p.replace(/[%_]/g, '')}%`))),
    );
  }
  const rows = await query
    .orderBy('submissions.status_changed_at', 'asc')
    .orderBy('submissions.id', 'asc')
    .limit(filter.limit)
    .execute();
  return rows.map(toCaseRow);
}

export async function findCase(db: Kysely<HubDatabase>, id: number): Promise<CaseRow | undefined> {
  const row = await caseQuery(db).where('submissions.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toCaseRow(row);
}

/** The case's stored payload (sealed as the vault keeps it), to open through the vault. */
export async function casePayload(db: HubDb, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('submissions').select('payload').where('id', '=', id).executeTakeFirst();
  return row?.payload;
}

export interface CaseHistoryEntry {
  at: string;
  current: CaseStatusWithDetails;
  by: string | null;
}

/** Every status the case had, oldest first: the receipt (new), then each change. */
export async function caseHistory(db: HubDb, c: CaseRow): Promise<CaseHistoryEntry[]> {
  const events = await db
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.by_user_id')
    .select([
      'case_events.at',
      'case_events.status',
      'case_events.details',
      'case_events.id',
      'users.display_name',
      'users.login',
    ])
    .where('case_events.submission_id', '=', c.id)
    .orderBy('case_events.id', 'asc')
    .execute();
  return [
    { at: c.receivedAt, current: { status: 'new', details: {} }, by: null },
    ...events.map((e) => ({
      at: e.at,
      current: storedStatus(e.status, e.details, caseTarget(c.id)),
      by: e.display_name ?? e.login ?? null,
    })),
  ];
}

/** Where a case stands as a kiosk shows it (no personal data). */
export function kioskCaseStatusOf(c: CaseRow): KioskCaseStatus {
  return {
    reference: c.reference,
    kind: c.kind,
    receivedAt: c.receivedAt,
    changedAt: c.changedAt,
    current: c.current,
  };
}

export type ChangeOutcome =
  | { outcome: 'changed'; case: CaseRow }
  /** The case was no longer at `from`: another officer moved it first. */
  | { outcome: 'moved-on'; current: CaseStatus }
  | { outcome: 'no-such-case' };

/**
 * Moves a case from `from` to `to` in one transaction: the status (only if
 * it is still `from`: one conditional update, so of two officers racing on
 * any number of instances exactly one wins), its history, the anonymous
 * case facts (accepted, assigned, closed and the outcome) and the audit
 * row. The caller has checked the move is allowed and the officer's region.
 */
export async function changeCaseStatus(
  db: HubDb,
  change: { caseId: number; from: CaseStatus; to: CaseStatusWithDetails; userId: number },
  now: Date,
): Promise<ChangeOutcome> {
  const at = now.toISOString();
  const details = JSON.stringify(change.to.details);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('submissions')
      .set({ case_status: change.to.status, case_details: details, status_changed_at: at })
      .where('id', '=', change.caseId)
      .where('case_status', '=', change.from)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const now = await trx
        .selectFrom('submissions')
        .select('case_status')
        .where('id', '=', change.caseId)
        .executeTakeFirst();
      return now?.case_status == null ? { outcome: 'no-such-case' } : { outcome: 'moved-on', current: now.case_status };
    }
    await trx
      .insertInto('case_events')
      .values({ submission_id: change.caseId, status: change.to.status, details, by_user_id: change.userId, at })
      .execute();
    const c = await findCase(trx, change.caseId);
    if (c === undefined) throw new Error(`${caseTarget(change.caseId)} vanished inside its own change`);
    const status = change.to.status;
    const facts = trx.updateTable('case_facts').where('submission_id', '=', change.caseId);
    // The first time counts: a case asked again for materials and accepted later is accepted once.
    if (status === 'accepted') await facts.set({ accepted_at: at }).where('accepted_at', 'is', null).execute();
    if (status === 'lawyer-assigned') await facts.set({ assigned_at: at }).where('assigned_at', 'is', null).execute();
    if (isFinalCaseStatus(c.kind, status))
      await facts.set({ closed_at: at, outcome: status as 'refused' | 'closed' | 'settled' | 'not-settled' }).execute();
    await appendAudit(
      trx,
      {
        actor: { userId: change.userId },
        action: 'case.status-change',
        target: caseTarget(change.caseId),
        details: { reference: c.reference, kind: c.kind, from: change.from, to: status },
      },
      now,
    );
    return { outcome: 'changed', case: c };
  });
}

/** Writes that the user opened the case's personal data. */
export async function auditCaseReveal(db: HubDb, c: CaseRow, userId: number, now: Date): Promise<void> {
  await appendAudit(
    db,
    {
      actor: { userId },
      action: 'case.reveal',
      target: caseTarget(c.id),
      details: { reference: c.reference, kind: c.kind },
    },
    now,
  );
}

/** The case submissions with this reference, any kiosk (references are unique per kiosk only). */
export async function casesByReference(db: HubDb, reference: string): Promise<(CaseRow & { payload: string })[]> {
  const rows = await caseQuery(db)
    .select('submissions.payload')
    .where('submissions.reference', '=', reference)
    .execute();
  return rows.map((r) => ({ ...toCaseRow(r), payload: r.payload }));
}
