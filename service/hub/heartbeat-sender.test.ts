import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { createLogger } from '../../server-kit/logger';
import { HEARTBEAT_MAX_BACKOFF_MS, HeartbeatSender, nextBeatDelay } from './heartbeat-sender';
import { HubUnreachableError } from './hub-client';
import { newKioskKeyPair, saveIdentity } from './hub-identity';

const report = (): Omit<KioskHeartbeat, 'clockOffsetMs'> => ({
  appVersion: '0.1.0',
  contentVersion: null,
  uptimeSeconds: 1,
  diskFreeBytes: 1,
  outboxDepth: 0,
  devices: [],
  lastCrash: null,
});

/** What `kioskctl hub enroll` leaves in the data directory. */
function enroll(dataDir: string): void {
  const keys = newKioskKeyPair();
  saveIdentity(dataDir, keys.privateKey, {
    hubUrl: 'https://hub.example.gov.cn',
    kioskId: 1,
    keyFingerprint: keys.fingerprint,
    enrolledAt: '2026-03-02T01:00:00.000Z',
    status: 'approved',
    checkedAt: '2026-03-02T01:00:00.000Z',
  });
}

describe('the heartbeat’s timing', () => {
  it('waits the interval with jitter, doubling after each failure up to ten minutes', () => {
    expect(nextBeatDelay(30_000, 0, 0)).toBe(15_000);
    expect(nextBeatDelay(30_000, 0, 0.999)).toBeLessThan(30_000);
    expect(nextBeatDelay(30_000, 1, 0)).toBe(30_000);
    expect(nextBeatDelay(30_000, 3, 0)).toBe(120_000);
    expect(nextBeatDelay(30_000, 50, 0.999)).toBeLessThanOrEqual(HEARTBEAT_MAX_BACKOFF_MS);
    expect(nextBeatDelay(30_000, 50, 0)).toBe(HEARTBEAT_MAX_BACKOFF_MS / 2);
  });
});

describe('the heartbeat sender', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('sends nothing before enrollment; then the report with the clock offset measured at the last answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-heartbeat-'));
    dirs.push(dataDir);
    const sent: KioskHeartbeat[] = [];
    let clock = 1_000_000;
    const sender = new HeartbeatSender({
      dataDir,
      logger: createLogger({ destination: { write: () => undefined } }),
      report,
      now: () => (clock += 100),
      // The hub's clock is 5 s behind ours.
      send: async (_identity, r) => {
        sent.push(r);
        return { receivedAt: new Date(clock - 5000).toISOString() };
      },
    });
    expect(await sender.beat()).toBe(true);
    expect(sent).toEqual([]);

    enroll(dataDir);
    expect(await sender.beat()).toBe(true);
    expect(await sender.beat()).toBe(true);
    sender.stop();
    // 5 s, and the hub read its clock 50 ms before the middle of the 100 ms round trip.
    expect(sent.map((r) => r.clockOffsetMs)).toEqual([0, 5050]);
    expect(sent[0]).toMatchObject(report());
  });

  it('a hub that does not answer is a failure, logged once, not an exception', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-heartbeat-'));
    dirs.push(dataDir);
    enroll(dataDir);
    const lines: string[] = [];
    const sender = new HeartbeatSender({
      dataDir,
      logger: createLogger({ destination: { write: (s: string) => void lines.push(s) } }),
      report,
      send: () => Promise.reject(new HubUnreachableError('the hub at https://hub.example.gov.cn does not answer')),
    });
    expect(await sender.beat()).toBe(false);
    expect(await sender.beat()).toBe(false);
    sender.stop();
    expect(lines.filter((l) => l.includes('heartbeat not taken'))).toHaveLength(1);
  });
});
