import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OFFLINE_AFTER_MS } from '../common/hub/fleet-timing';
import { createLogger } from '../server-kit/logger';
import type { LiveEvent } from './live/live-bus';
import { startHub } from './start-hub';
import { openAlertsOf } from './storage/alerts';
import { ENGINES, useTestStorage } from './testing/test-storage';

/** Monday 2026-03-02, 09:00 in Beijing: inside the default opening hours. */
const T0 = new Date('2026-03-02T01:00:00Z');

describe.each(ENGINES)('a started hub on %s', (engine) => {
  const t = useTestStorage(engine);

  it('sweeps for offline kiosks on a timer and tells its bus', async () => {
    const { db } = t.storage;
    const publicKey = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    const kiosk = await db
      .insertInto('kiosks')
      .values({
        terminal_id: 'HB-0001',
        display_name: '洪山区街道终端',
        region_code: '420111',
        site: null,
        public_key: publicKey,
        status: 'approved',
        enrolled_at: T0.toISOString(),
        approved_at: T0.toISOString(),
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('kiosk_heartbeats')
      .values({ kiosk_id: kiosk.id, received_at: T0.toISOString(), report: '{}' })
      .execute();

    const hub = await startHub(
      {
        storage: t.target,
        dataDir: t.dataDir,
        host: '127.0.0.1',
        port: 8740,
        publicOrigin: undefined,
        trustedProxies: [],
        tls: undefined,
        totpKeyFile: undefined,
        totpIssuer: '无人律所',
      },
      {
        logger: createLogger({ service: 'hub', level: 'silent' }),
        now: () => new Date(T0.getTime() + OFFLINE_AFTER_MS + 1),
        listen: false,
        alertSweepEveryMs: 20,
      },
    );
    const events: LiveEvent[] = [];
    hub.bus.subscribe((e) => events.push(e));
    try {
      await expect
        .poll(() => events, { timeout: 5_000 })
        .toEqual([{ type: 'alerts-changed', kioskId: kiosk.id, regionCode: '420111' }]);
    } finally {
      await hub.stop();
    }
    expect((await openAlertsOf(db, kiosk.id)).map((a) => a.kind)).toEqual(['offline']);
  });
});
