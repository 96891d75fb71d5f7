import type { Logger } from 'pino';
import { ALERT_KINDS } from '../../common/hub/api/alert-kinds';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { OFFLINE_AFTER_MS } from '../../common/hub/fleet-timing';
import type { LiveBus } from '../live/live-bus';
import { clearAlert, clearAllAlerts, openAlert, reconcileAlerts } from '../storage/alerts';
import { sampleHealth, pruneHealthSamples } from '../storage/health-samples';
import { pruneCommandPayloads } from '../storage/kiosk-commands';
import { recordHeartbeat } from '../storage/kiosks';
import { openingHoursOf } from '../storage/opening-hours';
import type { HubDb } from '../storage/schema';
import { heartbeatConditions, isOffline } from '../../common/hub/alert-rules';

/**
 * When the hub works out its kiosks' alerts (the rules are alert-rules.ts):
 *  - on every heartbeat, in the transaction that records it, so a kiosk
 *    told "received" has its alerts committed with it: the device, clock
 *    and disk alerts follow the report, and a beat ends `offline`;
 *  - every SWEEP_EVERY_MS in each hub instance, for `offline`, which is
 *    the absence of heartbeats and so has no request to hang on.
 * Every write is conditional (see storage/alerts.ts), so two instances
 * sweeping at once, or a sweep racing a heartbeat, open an alert once and
 * clear it once. After a change commits, `alerts-changed` tells every
 * instance's live screens.
 */

/** A sweep a few times per heartbeat interval: an outage shows within OFFLINE_AFTER_MS plus this. */
export const SWEEP_EVERY_MS = 15_000;

export interface AlertsChanged {
  kioskId: number;
  regionCode: string;
}

/**
 * Records a heartbeat of an approved kiosk, brings its alerts up to date
 * and keeps a health sample if one is due, all in one transaction. Answers
 * the kiosk's region if its alerts changed.
 */
export async function takeHeartbeat(
  db: HubDb,
  kioskId: number,
  report: KioskHeartbeat,
  now: Date,
): Promise<AlertsChanged | undefined> {
  return db.transaction().execute((trx) => takeHeartbeatIn(trx, kioskId, report, now));
}

/** takeHeartbeat's work inside a transaction the caller holds (several heartbeats share one in heartbeat-committer.ts). */
export async function takeHeartbeatIn(
  trx: HubDb,
  kioskId: number,
  report: KioskHeartbeat,
  now: Date,
): Promise<AlertsChanged | undefined> {
  {
    await recordHeartbeat(trx, kioskId, report, now);
    const kiosk = await trx
      .selectFrom('kiosks')
      .select(['status', 'region_code'])
      .where('id', '=', kioskId)
      .executeTakeFirst();
    // Revoked between the guard and here: the beat is kept (history), no alert opens for it.
    if (kiosk?.status !== 'approved') return undefined;
    await sampleHealth(trx, kioskId, report, now);
    // `offline` is in scope and never wanted: it has just been heard from.
    const changes = await reconcileAlerts(trx, kioskId, ALERT_KINDS, heartbeatConditions(report), now);
    return changes.opened.length + changes.cleared.length > 0 ? { kioskId, regionCode: kiosk.region_code } : undefined;
  }
}

/**
 * One sweep: opens `offline` for approved kiosks silent for longer than
 * OFFLINE_AFTER_MS inside their opening hours, clears it for those heard
 * from again or now outside their hours, clears whatever a revoked kiosk
 * still has open (an alert a heartbeat opened while the revocation was
 * committing), and prunes old health samples. Answers the kiosks whose
 * alerts it changed.
 */
export async function sweepAlerts(db: HubDb, now: Date): Promise<AlertsChanged[]> {
  const silentSince = new Date(now.getTime() - OFFLINE_AFTER_MS);
  const changed = new Map<number, AlertsChanged>();
  const note = (kioskId: number, regionCode: string) => changed.set(kioskId, { kioskId, regionCode });

  // Only kiosks silent long enough are read, and kiosks with an open offline alert:
  // in the daytime, a healthy fleet costs one indexed read.
  const silent = await db
    .selectFrom('kiosks')
    .innerJoin('kiosk_heartbeats', 'kiosk_heartbeats.kiosk_id', 'kiosks.id')
    .select(['kiosks.id', 'kiosks.region_code', 'kiosks.opening_hours', 'kiosk_heartbeats.received_at'])
    .where('kiosks.status', '=', 'approved')
    .where('kiosk_heartbeats.received_at', '<', silentSince.toISOString())
    .execute();
  const offlineNow = new Map<number, string>();
  for (const k of silent) {
    const lastHeartbeatAt = new Date(k.received_at);
    if (isOffline({ status: 'approved', lastHeartbeatAt, hours: openingHoursOf(k).hours, now }))
      offlineNow.set(k.id, k.received_at);
  }

  const open = await db
    .selectFrom('kiosk_alerts')
    .innerJoin('kiosks', 'kiosks.id', 'kiosk_alerts.kiosk_id')
    .select(['kiosk_alerts.kiosk_id', 'kiosk_alerts.kind', 'kiosks.status', 'kiosks.region_code'])
    .where('kiosk_alerts.cleared_at', 'is', null)
    .where((w) => w.or([w('kiosk_alerts.kind', '=', 'offline'), w('kiosks.status', '=', 'revoked')]))
    .execute();
  const openOffline = new Set<number>();
  for (const a of open) {
    if (a.status === 'revoked') {
      if ((await clearAllAlerts(db, a.kiosk_id, now)) > 0) note(a.kiosk_id, a.region_code);
    } else if (a.kind === 'offline') {
      openOffline.add(a.kiosk_id);
      if (!offlineNow.has(a.kiosk_id) && (await clearAlert(db, a.kiosk_id, 'offline', now)))
        note(a.kiosk_id, a.region_code);
    }
  }

  for (const k of silent) {
    const since = offlineNow.get(k.id);
    if (since === undefined || openOffline.has(k.id)) continue;
    if (await openAlert(db, { kioskId: k.id, kind: 'offline', detail: since, at: now, onlyIfSilentSince: silentSince }))
      note(k.id, k.region_code);
  }

  await pruneHealthSamples(db, now);
  await pruneCommandPayloads(db, now);
  return [...changed.values()];
}

export interface AlertSweep {
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>;
}

/** Sweeps every SWEEP_EVERY_MS until stopped, telling the bus what changed; a failed sweep is logged and the next one tries again. */
export function startAlertSweep(opts: {
  db: HubDb;
  now: () => Date;
  bus: LiveBus;
  logger: Logger;
  everyMs?: number;
}): AlertSweep {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    try {
      for (const c of await sweepAlerts(opts.db, opts.now()))
        await opts.bus.publish({ type: 'alerts-changed', kioskId: c.kioskId, regionCode: c.regionCode });
    } catch (error) {
      opts.logger.error({ err: error }, 'alert sweep failed; the next one tries again');
    }
  };
  const timer = setInterval(() => {
    // A sweep slower than the interval is not stacked on itself.
    running ??= sweep().finally(() => (running = undefined));
  }, opts.everyMs ?? SWEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
