import type { KioskReleaseReport } from '../../common/hub/api/kiosks';
import type { HubDb } from '../storage/schema';

/**
 * The content-release part of a kiosk's heartbeat, stored in the
 * heartbeat's commit: its state replaced, its new events appended. The
 * updater's failures are events too, so the history says why a kiosk lags
 * after its next successful check has replaced the state.
 */

/** Updater steps kept in the history as well as in the state. */
const EVENT_STEPS = new Set(['failed', 'rolled-back']);

/** Stores the report; answers the ids of the store events now held (stored now or before). */
export async function storeReleaseReport(
  trx: HubDb,
  kioskId: number,
  report: KioskReleaseReport | undefined,
  at: Date,
): Promise<number[]> {
  if (report === undefined) return [];
  const receivedAt = at.toISOString();
  const step = report.step;
  await trx
    .insertInto('kiosk_release_states')
    .values({
      kiosk_id: kioskId,
      served_release: report.served,
      step: step?.step ?? null,
      release_number: step?.releaseNumber ?? null,
      reason: step?.reason ?? null,
      step_at: step?.at ?? null,
      reported_at: receivedAt,
    })
    .onConflict((oc) =>
      oc.column('kiosk_id').doUpdateSet((eb) => ({
        served_release: eb.ref('excluded.served_release'),
        step: eb.ref('excluded.step'),
        release_number: eb.ref('excluded.release_number'),
        reason: eb.ref('excluded.reason'),
        step_at: eb.ref('excluded.step_at'),
        reported_at: eb.ref('excluded.reported_at'),
      })),
    )
    .execute();
  const rows = report.events.map((e) => ({
    kiosk_id: kioskId,
    at: e.at,
    kind: e.kind,
    release_number: e.releaseNumber,
    reason: e.reason,
    detail: e.detail,
    received_at: receivedAt,
  }));
  if (step !== null && EVENT_STEPS.has(step.step))
    rows.push({
      kiosk_id: kioskId,
      at: step.at,
      kind: `update-${step.step}`,
      release_number: step.releaseNumber,
      reason: step.reason ?? 'unknown',
      detail: step.detail ?? '',
      received_at: receivedAt,
    } as (typeof rows)[number]);
  if (rows.length > 0)
    await trx
      .insertInto('kiosk_release_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['kiosk_id', 'at', 'kind', 'release_number']).doNothing())
      .execute();
  return report.events.map((e) => e.id);
}

export interface KioskReleaseEventRow {
  at: string;
  kind: string;
  releaseNumber: number | null;
  reason: string;
  detail: string;
}

/** A kiosk's release history, newest first. */
export async function kioskReleaseEvents(db: HubDb, kioskId: number, limit = 50): Promise<KioskReleaseEventRow[]> {
  const rows = await db
    .selectFrom('kiosk_release_events')
    .select(['at', 'kind', 'release_number', 'reason', 'detail'])
    .where('kiosk_id', '=', kioskId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    kind: r.kind,
    releaseNumber: r.release_number,
    reason: r.reason,
    detail: r.detail,
  }));
}

/** How many kiosks serve each release: what a rollout view counts. */
export async function kiosksPerRelease(db: HubDb): Promise<{ releaseNumber: number; kiosks: number }[]> {
  const rows = await db
    .selectFrom('kiosk_release_states')
    .select(['served_release', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('served_release')
    .orderBy('served_release', 'desc')
    .execute();
  return rows.map((r) => ({ releaseNumber: r.served_release, kiosks: Number(r.n) }));
}

export interface KioskReleaseState {
  served: number;
  step: string | null;
  releaseNumber: number | null;
  reason: string | null;
  stepAt: string | null;
  reportedAt: string;
}

/** Every kiosk's latest release state, by kiosk id. */
export async function kioskReleaseStates(db: HubDb): Promise<Map<number, KioskReleaseState>> {
  const rows = await db.selectFrom('kiosk_release_states').selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.kiosk_id,
      {
        served: r.served_release,
        step: r.step,
        releaseNumber: r.release_number,
        reason: r.reason,
        stepAt: r.step_at,
        reportedAt: r.reported_at,
      },
    ]),
  );
}

/** One line for an administrator: what the kiosk serves, and its updater's last step when that is news. */
export function describeReleaseState(s: KioskReleaseState): string {
  const served = s.served === 0 ? 'the shipped release' : `release ${s.served}`;
  const news = s.step !== null && s.step !== 'checking' && s.step !== 'up-to-date';
  if (!news || (s.step === 'installed' && s.releaseNumber === s.served)) return `serves ${served}`;
  const about = s.releaseNumber === null ? '' : ` release ${s.releaseNumber}`;
  return `serves ${served}; update ${s.step}${about}${s.reason === null ? '' : ` (${s.reason})`} at ${s.stepAt ?? '?'}`;
}

export interface ReleaseKioskCounts {
  /** Serving it. */
  on: number;
  /** Their updater's last step is downloading or verifying it. */
  downloading: number;
  /** Their updater's last step with it failed. */
  failed: number;
  /** They installed it and went back to the one before. */
  rolledBack: number;
}

const DOWNLOADING_STEPS = new Set(['downloading', 'verifying']);

/**
 * Per release, how many kiosks are on it, downloading it, failed with it, or
 * rolled it back, from their latest states (`kioskIds`: only those kiosks,
 * for an account that sees some regions).
 */
export async function kioskCountsPerRelease(
  db: HubDb,
  kioskIds?: ReadonlySet<number>,
): Promise<Map<number, ReleaseKioskCounts>> {
  const counts = new Map<number, ReleaseKioskCounts>();
  const of = (n: number): ReleaseKioskCounts => {
    let c = counts.get(n);
    if (c === undefined) counts.set(n, (c = { on: 0, downloading: 0, failed: 0, rolledBack: 0 }));
    return c;
  };
  for (const [kioskId, s] of await kioskReleaseStates(db)) {
    if (kioskIds !== undefined && !kioskIds.has(kioskId)) continue;
    of(s.served).on++;
    if (s.releaseNumber === null || s.step === null) continue;
    if (DOWNLOADING_STEPS.has(s.step)) of(s.releaseNumber).downloading++;
    else if (s.step === 'failed') of(s.releaseNumber).failed++;
    else if (s.step === 'rolled-back') of(s.releaseNumber).rolledBack++;
  }
  return counts;
}
