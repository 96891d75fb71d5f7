import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEnrollCode } from '../../hub/storage/enrollment-codes';
import { approveKiosk, latestHeartbeat, revokeKiosk } from '../../hub/storage/kiosks';
import { ENGINES, useTestStorage } from '../../hub/testing/test-storage';
import { createLogger } from '../../server-kit/logger';
import { HeartbeatSender } from '../../service/hub/heartbeat-sender';
import { sendHeartbeat } from '../../service/hub/hub-client';
import { readIdentity } from '../../service/hub/hub-identity';
import { kioskctl, startHubProcess } from './hub-processes';

/**
 * A kiosk joins the fleet for real: `npm run hub` in its own process,
 * `kioskctl hub enroll` and `kioskctl hub status` in theirs, talking HTTP;
 * the administrator's side (codes, approval, revocation) straight on the
 * hub's storage, which its own tests cover over HTTP.
 */

describe.each(ENGINES)('a kiosk enrolls with a running hub on %s', (engine) => {
  const t = useTestStorage(engine);

  it('kioskctl hub enroll registers and waits; hub status follows approval and revocation; a signed heartbeat is kept', async () => {
    const hub = startHubProcess(t.dataDir, t.env());
    const kioskDir = join(t.dataDir, 'kiosk');
    try {
      const url = await hub.url;
      const { db } = t.storage;
      const made = await createEnrollCode(
        db,
        {
          regionCode: '420111',
          site: '洪山区街道中心',
          preApproved: false,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
        'hubctl',
        new Date(),
      );

      // Refused before anything is made: a plain-HTTP hub elsewhere, a wrong code.
      const plain = await kioskctl(kioskDir, [
        'hub',
        'enroll',
        '--hub',
        'http://hub.example.gov.cn',
        '--code',
        made.code,
      ]);
      expect(plain).toMatchObject({ code: 64, stderr: expect.stringContaining('https://') });
      const wrong = await kioskctl(kioskDir, ['hub', 'enroll', '--hub', url, '--code', 'AB12-CD34-EF56-GH78']);
      expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('refused the enrollment code') });
      expect(existsSync(join(kioskDir, 'hub'))).toBe(false);
      expect((await kioskctl(kioskDir, ['hub', 'status'])).code).toBe(2);

      const enrolled = await kioskctl(kioskDir, [
        'hub',
        'enroll',
        '--hub',
        `${url}/`,
        '--code',
        made.code.toLowerCase(),
      ]);
      expect(enrolled.code, enrolled.stderr).toBe(0);
      expect(enrolled.stdout).toContain(`enrolled terminal demo-0001 with ${url} as kiosk 1`);
      expect(enrolled.stdout).toContain('waits for an administrator to approve it');
      const keyPath = join(kioskDir, 'hub', 'kiosk-key.pem');
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
      const privatePem = readFileSync(keyPath, 'utf8');
      expect(privatePem).toContain('BEGIN PRIVATE KEY');

      expect((await kioskctl(kioskDir, ['hub', 'enroll', '--hub', url, '--code', made.code])).code).toBe(2);
      const pending = await kioskctl(kioskDir, ['hub', 'status', '--json']);
      expect(pending.code).toBe(0);
      expect(JSON.parse(pending.stdout)).toMatchObject({ hubUrl: url, kioskId: 1, status: 'pending', answered: true });

      expect(await approveKiosk(db, 1, 'hubctl', new Date())).toBe('approved');
      const approved = await kioskctl(kioskDir, ['hub', 'status']);
      expect(approved).toMatchObject({ code: 0, stdout: expect.stringContaining('is approved') });

      // The kiosk's own client, signing with the key kioskctl kept.
      const identity = readIdentity(kioskDir)!;
      const report = {
        appVersion: '0.1.0',
        contentVersion: null,
        uptimeSeconds: 42,
        diskFreeBytes: 1e9,
        outboxDepth: 0,
        devices: [{ device: 'printer', state: 'ok' }],
        lastCrash: null,
        clockOffsetMs: 0,
      };
      expect(await sendHeartbeat(identity, report)).toMatchObject({ receivedAt: expect.any(String) });
      expect((await latestHeartbeat(db, 1))!.report).toEqual(report);
      // The service's sender, as it runs every half minute: it reads the identity kioskctl kept.
      const sender = new HeartbeatSender({
        dataDir: kioskDir,
        logger: createLogger({ destination: { write: () => undefined } }),
        report: () => ({ ...report, uptimeSeconds: 99 }),
      });
      expect(await sender.beat()).toBe(true);
      sender.stop();
      expect((await latestHeartbeat(db, 1))!.report.uptimeSeconds).toBe(99);

      expect(await revokeKiosk(db, 1, 'hubctl', new Date())).toBe('revoked');
      const revoked = await kioskctl(kioskDir, ['hub', 'status']);
      expect(revoked).toMatchObject({ code: 1, stdout: expect.stringContaining('was revoked') });
      await expect(sendHeartbeat(identity, report)).rejects.toThrow(/revoked/);

      // Neither the private key nor the code in anything the hub or kioskctl printed.
      const printed = [hub.logs.join(''), plain, wrong, enrolled, pending, approved, revoked].map((x) =>
        typeof x === 'string' ? x : x.stdout + x.stderr,
      );
      const keyBody = privatePem.split('\n')[1]!;
      expect(printed.filter((p) => p.includes(keyBody) || p.includes(made.code))).toEqual([]);
    } finally {
      // Stopped before the test's storage is removed under it.
      await hub.stop();
    }
  });
});
