import {
  ALERT_HISTORY_LIMIT,
  HEALTH_HISTORY_DAYS,
  HEALTH_HISTORY_LIMIT,
  type KioskDetailResponse,
} from '../../common/hub/api/alerts';
import { alertHistory, openAlertsOf } from '../storage/alerts';
import { healthHistory } from '../storage/health-samples';
import { latestHeartbeat, toKioskSummary } from '../storage/kiosks';
import { openingHoursOf } from '../storage/opening-hours';
import type { HubDb, KioskRow } from '../storage/schema';

/** Everything a kiosk's page shows, read from the database as it is now. */
export async function kioskDetail(db: HubDb, kiosk: KioskRow, now: Date): Promise<KioskDetailResponse> {
  const since = new Date(now.getTime() - HEALTH_HISTORY_DAYS * 24 * 60 * 60 * 1000);
  const [open, history, samples, latest] = await Promise.all([
    openAlertsOf(db, kiosk.id),
    alertHistory(db, kiosk.id, since, ALERT_HISTORY_LIMIT),
    healthHistory(db, kiosk.id, since, HEALTH_HISTORY_LIMIT),
    latestHeartbeat(db, kiosk.id),
  ]);
  const hours = openingHoursOf(kiosk);
  return {
    kiosk: toKioskSummary(
      {
        ...kiosk,
        received_at: latest?.receivedAt ?? null,
        report: latest === undefined ? null : JSON.stringify(latest.report),
      },
      now,
      open.map((a) => a.kind),
    ),
    openingHours: hours.hours,
    openingHoursAreDefault: hours.isDefault,
    latestHeartbeat: latest ?? null,
    openAlerts: open,
    alertHistory: history,
    healthHistory: samples,
  };
}
