import type { AlertKind } from './api/alert-kinds';
import { HEARTBEAT_DEVICES, type KioskHeartbeat, type KioskStatus } from './api/kiosks';
import { OFFLINE_AFTER_MS } from './fleet-timing';
import { isOpenAt, type OpeningHours } from './opening-hours';

/**
 * Which alerts a kiosk has now, as pure rules over what the hub knows of
 * it: its latest heartbeat and when it came, its standing, its opening
 * hours and the time. The hub opens what these say and clears what they no
 * longer say (hub/fleet/alert-evaluation.ts), so an alert lasts exactly as
 * long as its cause. Pure and shared, so a console may use the same ones.
 */

/** A clock this far off breaks signed requests soon and dates receipts wrong now: 等保 asks for one time source. */
export const CLOCK_OFF_AFTER_MS = 60_000;

/**
 * Below this, a content update (downloaded beside the release in use before
 * it switches) may no longer fit, and a full disk makes the records
 * database refuse writes: citizens' submissions would fail. 1 GiB leaves
 * days of warning at a kiosk's rate of writing.
 */
export const DISK_LOW_BYTES = 1024 ** 3;

/** The kinds a heartbeat decides; `offline` is the sweep's, from the time since the last one. */
export const HEARTBEAT_ALERT_KINDS = [
  'printer-paper-out',
  'printer-cover-open',
  'reader-missing',
  'clock-off',
  'disk-low',
] as const satisfies readonly AlertKind[];

/** What is alerting, each with its detail (see common/hub/api/alerts.ts). */
export type AlertConditions = Map<AlertKind, string>;

/** A device's state and reason code, as `state` or `state:reason` in the heartbeat. */
function deviceState(
  report: KioskHeartbeat,
  device: string,
): { state: string; reason: string | undefined } | undefined {
  const entry = report.devices.find((d) => d.device === device);
  if (entry === undefined) return undefined;
  const [state = '', reason] = entry.state.split(':', 2);
  return { state, reason };
}

/** The conditions a heartbeat shows by itself. */
export function heartbeatConditions(report: KioskHeartbeat): AlertConditions {
  const found: AlertConditions = new Map();
  const printer = deviceState(report, HEARTBEAT_DEVICES.printer);
  const printerState = printer === undefined ? '' : `${printer.state}:${printer.reason ?? ''}`;
  if (printer?.reason === 'paper-out') found.set('printer-paper-out', printerState);
  if (printer?.reason === 'cover-open') found.set('printer-cover-open', printerState);
  // Missing: unplugged, or plugged in and not answering. A kiosk configured
  // without a reader (off:not-configured) is not missing one.
  const reader = deviceState(report, HEARTBEAT_DEVICES.idReader);
  if (reader?.reason === 'disconnected' || reader?.reason === 'not-responding')
    found.set('reader-missing', `${reader.state}:${reader.reason}`);
  if (Math.abs(report.clockOffsetMs) > CLOCK_OFF_AFTER_MS) found.set('clock-off', String(report.clockOffsetMs));
  if (report.diskFreeBytes < DISK_LOW_BYTES) found.set('disk-low', String(report.diskFreeBytes));
  return found;
}

export interface OfflineFacts {
  status: KioskStatus;
  /** When its last heartbeat came; undefined if it never sent one (not activated yet). */
  lastHeartbeatAt: Date | undefined;
  hours: OpeningHours;
  now: Date;
}

/**
 * Offline: an approved kiosk that has heartbeated at least once, silent for
 * OFFLINE_AFTER_MS, while its site is open. A kiosk never activated is
 * not offline (it was never on), and one silent outside its hours is
 * simply closed: no alarm at night, and one open at closing time clears.
 */
export function isOffline(facts: OfflineFacts): boolean {
  if (facts.status !== 'approved' || facts.lastHeartbeatAt === undefined) return false;
  if (facts.now.getTime() - facts.lastHeartbeatAt.getTime() <= OFFLINE_AFTER_MS) return false;
  return isOpenAt(facts.hours, facts.now);
}

/** Every condition of a kiosk now: what its latest heartbeat shows, and whether it is offline. Revoked kiosks have none. */
export function alertConditions(facts: OfflineFacts & { lastHeartbeat: KioskHeartbeat | undefined }): AlertConditions {
  if (facts.status === 'revoked') return new Map();
  const found = facts.lastHeartbeat === undefined ? new Map() : heartbeatConditions(facts.lastHeartbeat);
  if (isOffline(facts)) found.set('offline', facts.lastHeartbeatAt!.toISOString());
  return found;
}
