import type { KioskHeartbeat } from './api/kiosks';

/**
 * Heartbeats as a kiosk sends them, for the hub's tests and the demo: one
 * with nothing wrong, and the same with its devices in other states.
 */

/** A kiosk's heartbeat with nothing wrong: both devices ok, 20 GB free, its clock right. */
export const HEALTHY_HEARTBEAT: KioskHeartbeat = {
  appVersion: '0.1.0',
  contentVersion: '2026.03.01-1',
  uptimeSeconds: 600,
  diskFreeBytes: 20 * 1024 ** 3,
  outboxDepth: 0,
  devices: [
    { device: 'id-reader', state: 'ok' },
    { device: 'printer', state: 'ok' },
  ],
  lastCrash: null,
  clockOffsetMs: 0,
};

/** The healthy heartbeat with its devices in these states (as the kiosk reports them, e.g. `unavailable:paper-out`). */
export function heartbeatWithDevices(reader: string, printer: string): KioskHeartbeat {
  return {
    ...HEALTHY_HEARTBEAT,
    devices: [
      { device: 'id-reader', state: reader },
      { device: 'printer', state: printer },
    ],
  };
}
