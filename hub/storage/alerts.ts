import { sql } from 'kysely';
import type { AlertKind, FleetAlert, KioskAlert } from '../../common/hub/api/alerts';
import type { HubDb, KioskAlertsTable } from './schema';
import type { Selectable } from 'kysely';

/**
 * The fleet's alerts in storage. An alert is opened by a conditional
 * insert that the partial unique index (migration 5) settles: however many
 * evaluations of one kiosk race, on one hub instance or two, one alert of
 * a kind is open at a time, and the losers insert nothing without an
 * error. Clearing sets `cleared_at` once; nothing is ever deleted.
 *
 * Opening and clearing are not audited: they are the hub's findings, not
 * a person's act, and their history is this table.
 */

type AlertRow = Selectable<KioskAlertsTable>;

export function toKioskAlert(row: AlertRow): KioskAlert {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    kind: row.kind,
    detail: row.detail,
    openedAt: row.opened_at,
    clearedAt: row.cleared_at,
  };
}

export interface OpenAlert {
  kioskId: number;
  kind: AlertKind;
  detail: string | null;
  at: Date;
  /**
   * Opened only if the kiosk's last heartbeat is still older than this: a
   * sweep that read a stale kiosk must not open `offline` after the
   * kiosk's next beat committed.
   */
  onlyIfSilentSince?: Date;
}

/** Opens the alert unless one of its kind is open for the kiosk, or the kiosk is not approved: true if this call opened it. */
export async function openAlert(db: HubDb, alert: OpenAlert): Promise<boolean> {
  const detail = alert.detail === null || alert.detail === '' ? null : alert.detail.slice(0, 200);
  const silentSince = alert.onlyIfSilentSince?.toISOString();
  const done = await db
    .insertInto('kiosk_alerts')
    .columns(['kiosk_id', 'kind', 'detail', 'opened_at'])
    .expression((eb) =>
      eb
        .selectFrom('kiosks')
        .select([
          'kiosks.id',
          // Typed for PostgreSQL, which cannot tell a bare parameter's type in a SELECT list.
          sql<string>`CAST(${alert.kind} AS TEXT)`.as('kind'),
          sql<string | null>`CAST(${detail} AS TEXT)`.as('detail'),
          sql<string>`CAST(${alert.at.toISOString()} AS TEXT)`.as('opened_at'),
        ])
        .where('kiosks.id', '=', alert.kioskId)
        .where('kiosks.status', '=', 'approved')
        .$if(silentSince !== undefined, (q) =>
          q.where((w) =>
            w.exists(
              w
                .selectFrom('kiosk_heartbeats')
                .select('kiosk_heartbeats.kiosk_id')
                .whereRef('kiosk_heartbeats.kiosk_id', '=', 'kiosks.id')
                .where('kiosk_heartbeats.received_at', '<', silentSince!),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Clears the kiosk's open alert of this kind: true if this call cleared it. */
export async function clearAlert(db: HubDb, kioskId: number, kind: AlertKind, at: Date): Promise<boolean> {
  const done = await db
    .updateTable('kiosk_alerts')
    .set({ cleared_at: at.toISOString() })
    .where('kiosk_id', '=', kioskId)
    .where('kind', '=', kind)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

/** Clears every open alert of the kiosk (it was revoked): how many. */
export async function clearAllAlerts(db: HubDb, kioskId: number, at: Date): Promise<number> {
  const done = await db
    .updateTable('kiosk_alerts')
    .set({ cleared_at: at.toISOString() })
    .where('kiosk_id', '=', kioskId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}

/** The kiosk's open alerts, oldest first. */
export async function openAlertsOf(db: HubDb, kioskId: number): Promise<KioskAlert[]> {
  const rows = await db
    .selectFrom('kiosk_alerts')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .where('cleared_at', 'is', null)
    .orderBy('opened_at')
    .orderBy('id')
    .execute();
  return rows.map(toKioskAlert);
}

export interface AlertChanges {
  opened: AlertKind[];
  cleared: AlertKind[];
}

/**
 * Brings the kiosk's open alerts of the kinds in `scope` to `wanted`:
 * opens those wanted and not open, clears those open and not wanted.
 * Kinds outside `scope` are left as they are (a heartbeat does not decide
 * `offline`'s opening; the sweep decides nothing else).
 */
export async function reconcileAlerts(
  db: HubDb,
  kioskId: number,
  scope: readonly AlertKind[],
  wanted: ReadonlyMap<AlertKind, string>,
  at: Date,
): Promise<AlertChanges> {
  const open = new Set((await openAlertsOf(db, kioskId)).map((a) => a.kind));
  const changes: AlertChanges = { opened: [], cleared: [] };
  for (const kind of scope) {
    const detail = wanted.get(kind);
    if (detail !== undefined && !open.has(kind)) {
      if (await openAlert(db, { kioskId, kind, detail, at })) changes.opened.push(kind);
    } else if (detail === undefined && open.has(kind)) {
      if (await clearAlert(db, kioskId, kind, at)) changes.cleared.push(kind);
    }
  }
  return changes;
}

/** Every open alert of the fleet with its kiosk, by region, kiosk, then oldest first. */
export async function listOpenAlerts(db: HubDb): Promise<FleetAlert[]> {
  const rows = await db
    .selectFrom('kiosk_alerts')
    .innerJoin('kiosks', 'kiosks.id', 'kiosk_alerts.kiosk_id')
    .selectAll('kiosk_alerts')
    .select(['kiosks.terminal_id', 'kiosks.display_name', 'kiosks.region_code', 'kiosks.site'])
    .where('kiosk_alerts.cleared_at', 'is', null)
    .orderBy('kiosks.region_code')
    .orderBy('kiosk_alerts.kiosk_id')
    .orderBy('kiosk_alerts.opened_at')
    .orderBy('kiosk_alerts.id')
    .execute();
  return rows.map((r) => ({
    ...toKioskAlert(r),
    terminalId: r.terminal_id,
    displayName: r.display_name,
    regionCode: r.region_code,
    site: r.site,
  }));
}

/** Each kiosk's open alert kinds, for the fleet's list. */
export async function openAlertKindsByKiosk(db: HubDb): Promise<Map<number, AlertKind[]>> {
  const rows = await db
    .selectFrom('kiosk_alerts')
    .select(['kiosk_id', 'kind'])
    .where('cleared_at', 'is', null)
    .orderBy('kiosk_id')
    .orderBy('kind')
    .execute();
  const byKiosk = new Map<number, AlertKind[]>();
  for (const r of rows) byKiosk.set(r.kiosk_id, [...(byKiosk.get(r.kiosk_id) ?? []), r.kind]);
  return byKiosk;
}

/** The kiosk's alerts opened since `since` or still open, newest first, at most `limit`. */
export async function alertHistory(db: HubDb, kioskId: number, since: Date, limit: number): Promise<KioskAlert[]> {
  const rows = await db
    .selectFrom('kiosk_alerts')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .where((w) => w.or([w('opened_at', '>=', since.toISOString()), w('cleared_at', 'is', null)]))
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toKioskAlert);
}
