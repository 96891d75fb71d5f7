import { describe, expect, it } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../common/hub/fleet-timing';
import { testHeartbeatIntervalMs } from './test-heartbeat-interval';

describe('the heartbeat interval a test may ask for', () => {
  it('is taken in whole milliseconds from 200 up to the fleet’s interval, and anything else is ignored', () => {
    expect(testHeartbeatIntervalMs({})).toBeUndefined();
    expect(testHeartbeatIntervalMs({ KIOSK_TEST_HEARTBEAT_MS: '1000' })).toBe(1000);
    expect(testHeartbeatIntervalMs({ KIOSK_TEST_HEARTBEAT_MS: String(HEARTBEAT_INTERVAL_MS) })).toBe(
      HEARTBEAT_INTERVAL_MS,
    );
    for (const text of ['', '199', '0', '-5', '1e3', '1000ms', ' 1000', String(HEARTBEAT_INTERVAL_MS + 1)])
      expect(testHeartbeatIntervalMs({ KIOSK_TEST_HEARTBEAT_MS: text }), text).toBeUndefined();
  });
});
