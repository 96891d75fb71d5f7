import { describe, expect, it } from 'vitest';
import type { KioskHeartbeat } from './api/kiosks';
import { OFFLINE_AFTER_MS } from './fleet-timing';
import { DEFAULT_OPENING_HOURS } from './opening-hours';
import { HEALTHY_HEARTBEAT, heartbeatWithDevices } from './sample-heartbeats';
import { alertConditions, DISK_LOW_BYTES, heartbeatConditions, isOffline } from './alert-rules';

const healthy = HEALTHY_HEARTBEAT;
const withDevices = heartbeatWithDevices;
const kinds = (report: KioskHeartbeat) => [...heartbeatConditions(report).keys()];

/** Monday 2026-03-02, 10:00 in Beijing: inside the default hours. */
const OPEN = new Date('2026-03-02T02:00:00Z');
/** The same Monday, 22:00 in Beijing. */
const NIGHT = new Date('2026-03-02T14:00:00Z');

describe('alerts from a heartbeat', () => {
  it('a healthy kiosk has none; a degraded printer with paper near its end is not yet an alert', () => {
    expect(kinds(healthy)).toEqual([]);
    expect(kinds(withDevices('ok', 'degraded:paper-near-end'))).toEqual([]);
  });

  it('printer out of paper, cover open: with the state the kiosk reported', () => {
    expect(heartbeatConditions(withDevices('ok', 'unavailable:paper-out'))).toEqual(
      new Map([['printer-paper-out', 'unavailable:paper-out']]),
    );
    expect(heartbeatConditions(withDevices('ok', 'unavailable:cover-open'))).toEqual(
      new Map([['printer-cover-open', 'unavailable:cover-open']]),
    );
    // An unplugged printer or a cutter error is shown on the kiosk's page, not one of these alerts.
    expect(kinds(withDevices('ok', 'unavailable:disconnected'))).toEqual([]);
  });

  it('reader missing when unplugged or not answering, not when the kiosk has none configured', () => {
    expect(kinds(withDevices('unavailable:disconnected', 'ok'))).toEqual(['reader-missing']);
    expect(heartbeatConditions(withDevices('unavailable:not-responding', 'ok')).get('reader-missing')).toBe(
      'unavailable:not-responding',
    );
    expect(kinds(withDevices('off:not-configured', 'off:not-configured'))).toEqual([]);
    expect(kinds({ ...healthy, devices: [] })).toEqual([]);
  });

  it('clock off by more than a minute either way', () => {
    expect(kinds({ ...healthy, clockOffsetMs: 60_000 })).toEqual([]);
    expect(kinds({ ...healthy, clockOffsetMs: -60_000 })).toEqual([]);
    expect(heartbeatConditions({ ...healthy, clockOffsetMs: 60_001 })).toEqual(new Map([['clock-off', '60001']]));
    expect(kinds({ ...healthy, clockOffsetMs: -3_600_000 })).toEqual(['clock-off']);
  });

  it('disk low below 1 GiB free, and with none known', () => {
    expect(kinds({ ...healthy, diskFreeBytes: DISK_LOW_BYTES })).toEqual([]);
    expect(heartbeatConditions({ ...healthy, diskFreeBytes: DISK_LOW_BYTES - 1 })).toEqual(
      new Map([['disk-low', String(DISK_LOW_BYTES - 1)]]),
    );
    expect(kinds({ ...healthy, diskFreeBytes: 0 })).toEqual(['disk-low']);
  });

  it('several at once', () => {
    expect(kinds({ ...withDevices('unavailable:disconnected', 'unavailable:paper-out'), diskFreeBytes: 0 })).toEqual([
      'printer-paper-out',
      'reader-missing',
      'disk-low',
    ]);
  });
});

describe('offline', () => {
  const silentFor = (ms: number, now = OPEN) => new Date(now.getTime() - ms);
  const facts = { status: 'approved' as const, hours: DEFAULT_OPENING_HOURS, now: OPEN };

  it('an approved kiosk silent for longer than three beats, inside its hours', () => {
    expect(isOffline({ ...facts, lastHeartbeatAt: silentFor(OFFLINE_AFTER_MS) })).toBe(false);
    expect(isOffline({ ...facts, lastHeartbeatAt: silentFor(OFFLINE_AFTER_MS + 1) })).toBe(true);
  });

  it('never a kiosk that has not sent a heartbeat yet, nor a pending or revoked one', () => {
    expect(isOffline({ ...facts, lastHeartbeatAt: undefined })).toBe(false);
    expect(isOffline({ ...facts, status: 'pending', lastHeartbeatAt: silentFor(86_400_000) })).toBe(false);
    expect(isOffline({ ...facts, status: 'revoked', lastHeartbeatAt: silentFor(86_400_000) })).toBe(false);
  });

  it('never outside its hours', () => {
    expect(isOffline({ ...facts, now: NIGHT, lastHeartbeatAt: silentFor(3_600_000, NIGHT) })).toBe(false);
    expect(
      isOffline({ ...facts, hours: { ...DEFAULT_OPENING_HOURS, mon: [] }, lastHeartbeatAt: silentFor(3_600_000) }),
    ).toBe(false);
  });

  it('all together: the heartbeat’s conditions and offline with when it was last heard', () => {
    const last = silentFor(OFFLINE_AFTER_MS + 1);
    expect(
      alertConditions({ ...facts, lastHeartbeatAt: last, lastHeartbeat: withDevices('ok', 'unavailable:paper-out') }),
    ).toEqual(
      new Map([
        ['printer-paper-out', 'unavailable:paper-out'],
        ['offline', last.toISOString()],
      ]),
    );
    expect(
      alertConditions({
        ...facts,
        status: 'revoked',
        lastHeartbeatAt: last,
        lastHeartbeat: withDevices('ok', 'unavailable:paper-out'),
      }),
    ).toEqual(new Map());
  });
});
