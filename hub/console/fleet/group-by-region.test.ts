import { describe, expect, it } from 'vitest';
import type { KioskSummary } from '../../../common/hub/api/kiosks';
import { groupByRegion } from './group-by-region';

const kiosk = (id: number, regionCode: string, displayName: string): KioskSummary => ({
  id,
  terminalId: `t-${id}`,
  displayName,
  regionCode,
  site: null,
  status: 'pending',
  keyFingerprint: '0000:0000:0000:0000',
  enrolledAt: '2026-03-02T01:00:00.000Z',
  approvedAt: null,
  revokedAt: null,
  lastSeenAt: null,
  openAlerts: [],
  online: false,
  lastHeartbeatAt: null,
  appVersion: null,
  contentVersion: null,
  outboxDepth: null,
  outboxOldestWaitingSince: null,
});

describe('groupByRegion', () => {
  it('puts each kiosk under its region, regions in code order, kiosks by name', () => {
    const groups = groupByRegion([
      kiosk(1, '420111', '洪山 B'),
      kiosk(2, '110105', '朝阳'),
      kiosk(3, '420111', '洪山 A'),
    ]);
    expect(groups.map(([region, list]) => [region, list.map((k) => k.id)])).toEqual([
      ['110105', [2]],
      ['420111', [3, 1]],
    ]);
    expect(groupByRegion([])).toEqual([]);
  });
});
