import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { openRecordsDb } from '../storage/records-db';
import { startInProcessKiosk } from '../testing/in-process-service';
import { heartbeatConditions } from '../../common/hub/alert-rules';
import { findByReference, insertOutboxRow, markDelivered } from '../outbox/outbox-store';
import { heartbeatReport } from './heartbeat-report';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the heartbeat a kiosk reports', () => {
  it('is what its health says, valid against the hub’s contract', async () => {
    const kiosk = await startInProcessKiosk({ start: false });
    dirs.push(kiosk.dataDir);
    const records = openRecordsDb(join(mkdtempSync(join(tmpdir(), 'kiosk-report-')), 'records.db'));
    try {
      const report = heartbeatReport(kiosk.service.health(), '2026.03.01-1', kiosk.dataDir, records);
      expect(KioskHeartbeat.parse({ ...report, clockOffsetMs: 0 })).toBeTruthy();
      expect(report).toMatchObject({
        contentVersion: '2026.03.01-1',
        outboxDepth: 0,
        outboxOldestWaitingSince: null,
        lastCrash: null,
      });
      expect(report.diskFreeBytes).toBeGreaterThan(0);
      expect(report.devices.map((d) => d.device)).toEqual(['id-reader', 'printer']);
      expect(report.appVersion).toBe(kiosk.service.health().version);

      // Submissions waiting for the hub: how many, and since when the oldest (delivered ones do not count).
      ['2026-03-03T08:00:00.000Z', '2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z'].forEach((at, n) =>
        insertOutboxRow(records, {
          kind: 'rating',
          reference: `R${n}`,
          idempotencyKey: `key-${n}`,
          payload: '{}',
          createdAt: at,
          receipt: null,
        }),
      );
      markDelivered(records, findByReference(records, 'R1')!.id, '2026-03-04T08:00:00.000Z', null);
      const waiting = heartbeatReport(kiosk.service.health(), null, kiosk.dataDir, records);
      expect(KioskHeartbeat.parse({ ...waiting, clockOffsetMs: 0 })).toBeTruthy();
      expect(waiting).toMatchObject({ outboxDepth: 2, outboxOldestWaitingSince: '2026-03-02T08:00:00.000Z' });
    } finally {
      records.close();
      await kiosk.service.stop();
    }
  });

  it('says a printer out of paper or with its cover open as the hub’s alerts read it', async () => {
    const kiosk = await startInProcessKiosk();
    dirs.push(kiosk.dataDir);
    const printer = kiosk.service.devices.simulated.printer!;
    const alertsNow = () =>
      [
        ...heartbeatConditions({
          ...heartbeatReport(kiosk.service.health(), null, kiosk.dataDir, undefined),
          clockOffsetMs: 0,
        }).keys(),
      ].filter((k) => k !== 'disk-low');
    try {
      await expect.poll(() => kiosk.service.health().subsystems.receiptPrinter.state, { timeout: 10_000 }).toBe('ok');
      expect(alertsNow()).toEqual([]);
      printer.set({ paper: 'out' });
      await expect.poll(alertsNow, { timeout: 10_000 }).toEqual(['printer-paper-out']);
      printer.set({ paper: 'ok', coverOpen: true });
      await expect.poll(alertsNow, { timeout: 10_000 }).toEqual(['printer-cover-open']);
      printer.set({ coverOpen: false });
      await expect.poll(alertsNow, { timeout: 10_000 }).toEqual([]);
    } finally {
      await kiosk.service.stop();
    }
  });
});
