import { HEARTBEAT_INTERVAL_MS } from '../../common/hub/fleet-timing';

/** For end-to-end tests only: a heartbeat interval shorter than the fleet's half minute. */
export const TEST_HEARTBEAT_ENV = 'KIOSK_TEST_HEARTBEAT_MS';

/** Beats closer together than this would be load, not a test. */
const MIN_MS = 200;

/**
 * The heartbeat interval a test asks for in KIOSK_TEST_HEARTBEAT_MS
 * (whole milliseconds, 200 up to the fleet's interval), so a test sees a
 * beat reach the hub in a second instead of waiting up to half a minute.
 * Anything else, or nothing, leaves the fleet's rhythm
 * (common/hub/fleet-timing.ts): no production setting makes a kiosk beat
 * faster than the hub expects.
 */
export function testHeartbeatIntervalMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[TEST_HEARTBEAT_ENV];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const ms = Number(text);
  return ms >= MIN_MS && ms <= HEARTBEAT_INTERVAL_MS ? ms : undefined;
}
