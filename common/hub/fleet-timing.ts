/**
 * The rhythm kiosks and the hub agree on. A kiosk beats every half minute
 * (with jitter, see service/hub/heartbeat-sender); the hub calls it offline
 * once three beats in a row are missing, so one lost beat or a slow
 * reconnect never raises an alarm.
 */
export const HEARTBEAT_INTERVAL_MS = 30_000;
export const OFFLINE_AFTER_MS = 3 * HEARTBEAT_INTERVAL_MS;
