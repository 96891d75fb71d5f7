import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { ReleasesResponse } from '../../common/hub/api/releases';
import { openSession } from '../storage/sessions';
import { useTestHub, type TestHub } from '../testing/test-hub';

async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return openSession(hub.storage.storage.db, user.id, 'full', hub.now());
}

/** The heartbeat a kiosk serving `served` sends, for its acknowledgement's allowed release. */
const heartbeat = (served: number) => ({
  method: 'POST' as const,
  path: '/api/kiosk/heartbeat',
  body: {
    appVersion: '0.1.0',
    contentVersion: null,
    uptimeSeconds: 1,
    diskFreeBytes: 1,
    outboxDepth: 0,
    devices: [],
    lastCrash: null,
    clockOffsetMs: 0,
    contentRelease: { served, step: null, events: [] },
  },
});

// The routes over rollouts.ts (tested on both engines in hub/releases/rollouts.test.ts); who may call them: route-access.test.ts.
describe('releases and rollouts over HTTP', () => {
  const hub = useTestHub('sqlite');

  it('lists releases with the counts of the caller’s kiosks, changes a rollout, pins only kiosks of the caller’s regions', async () => {
    const db = hub.storage.storage.db;
    const at = hub.now().toISOString();
    await db
      .insertInto('content_releases')
      .values({
        sha256: 'a'.repeat(64),
        length: 1,
        version: '2026.12.07-1',
        schema_version: 1,
        uploaded_at: at,
        uploaded_by: 'hubctl',
        body: null,
        release_number: 1,
        published_at: at,
        published_by: 'hubctl',
      })
      .execute();
    const wuhan = await hub.addKiosk('approved', { regionCode: '420111' });
    const guangzhou = await hub.addKiosk('approved', { regionCode: '440111' });
    const admin = await sessionFor(hub, 'admin', 'administrator');
    const hubei = await sessionFor(hub, 'hubei', 'regional-administrator', '420000');
    const rollout = (body: object) => hub.call({ method: 'POST', path: '/api/releases/rollout', token: admin, body });

    // Both kiosks heard: nothing for them yet.
    for (const k of [wuhan, guangzhou])
      expect((await hub.kioskCall(k, heartbeat(0))).json()).toMatchObject({ allowedRelease: 0 });

    const all = await rollout({ releaseNumber: 1, change: { action: 'all' } });
    expect(all.json()).toEqual({
      rollout: { releaseNumber: 1, stage: 'all', canaryGroup: null, percent: null, state: 'done' },
    });
    const again = await rollout({ releaseNumber: 1, change: { action: 'percent', percent: 10 } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('release 1 goes to every kiosk already');
    expect((await hub.kioskCall(wuhan, heartbeat(1))).json()).toMatchObject({ allowedRelease: 1 });

    const list = await hub.call({ method: 'GET', path: '/api/releases', token: hubei });
    expect(list.json<ReleasesResponse>().releases).toEqual([
      {
        releaseNumber: 1,
        version: '2026.12.07-1',
        publishedAt: at,
        rollout: { releaseNumber: 1, stage: 'all', canaryGroup: null, percent: null, state: 'done' },
        // Only the Wuhan kiosk is Hubei's to count.
        counts: { on: 1, downloading: 0, failed: 0, rolledBack: 0 },
      },
    ]);

    const pin = (kioskId: number, releaseNumber: number | null) =>
      hub.call({ method: 'POST', path: '/api/kiosks/pin', token: hubei, body: { kioskId, releaseNumber } });
    expect((await pin(guangzhou.id, 0)).statusCode).toBe(404);
    expect((await pin(wuhan.id, 7)).statusCode).toBe(409);
    expect((await pin(wuhan.id, 0)).json()).toEqual({ kioskId: wuhan.id, pin: 0 });
    expect((await hub.kioskCall(wuhan, heartbeat(1))).json()).toMatchObject({ allowedRelease: 0 });
    expect((await hub.kioskCall(guangzhou, heartbeat(0))).json()).toMatchObject({ allowedRelease: 1 });
  });
});
