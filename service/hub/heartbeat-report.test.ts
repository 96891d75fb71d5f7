import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { openRecordsDb } from '../storage/records-db';
import { startInProcessKiosk } from '../testing/in-process-service';
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
      expect(report).toMatchObject({ contentVersion: '2026.03.01-1', outboxDepth: 0, lastCrash: null });
      expect(report.diskFreeBytes).toBeGreaterThan(0);
      expect(report.devices.map((d) => d.device)).toEqual(['id-reader', 'printer']);
      expect(report.appVersion).toBe(kiosk.service.health().version);
    } finally {
      records.close();
      await kiosk.service.stop();
    }
  });
});
