import { statfsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Health, SubsystemState } from '../../common/api/health';
import { HEARTBEAT_DEVICES, type KioskHeartbeat } from '../../common/hub/api/kiosks';
import { countOutbox, oldestUndeliveredAt } from '../outbox/outbox-store';
import { usageForHeartbeat } from '../usage/usage-upload';
import { readLastCrash } from './last-crash';

/**
 * What the kiosk tells the hub of itself, from what its health already
 * says: its devices' states (with their reason codes, which the hub's
 * alerts read: paper out, cover open, reader missing), the submissions
 * its outbox still holds for the hub and since when the oldest of them
 * waits, and the free space where its
 * records live, and the last time a run of the service ended without
 * shutting down (see last-crash.ts), and the usage days the hub has not
 * confirmed yet (usage/usage-upload.ts).
 */
export function heartbeatReport(
  health: Health,
  contentVersion: string | null,
  dataDir: string,
  records: Database | undefined,
): Omit<KioskHeartbeat, 'clockOffsetMs'> {
  const device = (name: string, s: SubsystemState) => ({
    device: name,
    state: s.reason === undefined ? s.state : `${s.state}:${s.reason}`.slice(0, 32),
  });
  let diskFreeBytes = 0;
  try {
    const fs = statfsSync(dataDir);
    diskFreeBytes = fs.bavail * fs.bsize;
  } catch {
    // A data directory gone from under the service: none free, which the hub will call low.
  }
  return {
    appVersion: health.version,
    contentVersion,
    uptimeSeconds: Math.max(0, Math.floor(health.uptimeSeconds)),
    diskFreeBytes,
    outboxDepth: records === undefined ? 0 : countOutbox(records).undelivered,
    // The hub's fleet view shows how long the oldest has waited.
    outboxOldestWaitingSince: (records === undefined ? undefined : oldestUndeliveredAt(records)) ?? null,
    ...usageOf(records),
    devices: [
      device(HEARTBEAT_DEVICES.idReader, health.subsystems.idCardReader),
      device(HEARTBEAT_DEVICES.printer, health.subsystems.receiptPrinter),
    ],
    lastCrash: readLastCrash(dataDir),
  };
}

function usageOf(records: Database | undefined): Pick<KioskHeartbeat, 'usage'> {
  const usage = records === undefined ? undefined : usageForHeartbeat(records);
  return usage === undefined ? {} : { usage };
}
