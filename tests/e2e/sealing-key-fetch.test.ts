import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskStatusResponse } from '../../common/hub/api/kiosks';
import { T0, useTestHub, type TestHub, type TestKiosk } from '../../hub/testing/test-hub';
import { createLogger } from '../../server-kit/logger';
import { kioskStatusAtHub } from '../../service/hub/hub-client';
import { readEnrollment, saveIdentity } from '../../service/hub/hub-identity';
import { SealingKeyFetch } from '../../service/hub/sealing-key-fetch';
import { startInProcessKiosk } from '../../service/testing/in-process-service';
import { freePort } from './hub-proxy';

/**
 * A kiosk enrolled before its hub gave out a sealing key learns it by
 * itself (service/hub/sealing-key-fetch.ts), against a real hub listening
 * on loopback in this process: the key the hub's kioskStatus gives lands
 * in hub/enrollment.json, and the running service does it at start and
 * when its socket to the hub opens.
 */

const ID_NUMBER = '420111199001011234';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data directory enrolled as `kiosk` with `hub` before the hub had a sealing key: none in enrollment.json. */
function enrolledWithoutKey(
  hub: TestHub,
  kiosk: TestKiosk,
  status: 'approved' | 'revoked' = 'approved',
  hubUrl = `http://127.0.0.1:${hub.server.port}`,
): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-sealing-'));
  dirs.push(dataDir);
  saveIdentity(dataDir, kiosk.privateKey, {
    hubUrl,
    kioskId: kiosk.id,
    keyFingerprint: 'test',
    enrolledAt: T0.toISOString(),
    status,
    checkedAt: T0.toISOString(),
  });
  return dataDir;
}

/** Relays every TCP connection to 127.0.0.1:`port` on to the hub's `hubPort`: HTTP and the kiosk's socket alike. */
function relayTo(hubPort: number, port: number): Server {
  const server = createServer((incoming) => {
    const outgoing = connect(hubPort, '127.0.0.1');
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('error', () => outgoing.destroy());
    outgoing.on('error', () => incoming.destroy());
  });
  server.listen(port, '127.0.0.1');
  return server;
}

async function until(what: string, done: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function logged(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ destination: { write: (s: string) => void lines.push(s) } }) };
}

/** The key the hub gives any kiosk that asks where it stands. */
async function hubSealingKey(hub: TestHub, kiosk: TestKiosk) {
  const res = await hub.kioskCall(kiosk, { method: 'GET', path: '/api/kiosk/status' });
  expect(res.statusCode, res.body).toBe(200);
  return KioskStatusResponse.parse(res.json()).sealingKey;
}

describe('a hub that gives out a sealing key', () => {
  const hub = useTestHub('sqlite', { listen: true, keys: true });
  // The kiosk signs with its own clock: the hub's must be today's.
  beforeEach(() => hub.advance(Date.now() - T0.getTime()));

  it('is asked for it once by a kiosk without one, which keeps it in enrollment.json and says so in its log', async () => {
    const kiosk = await hub.addKiosk('approved');
    const dataDir = enrolledWithoutKey(hub, kiosk);
    const { lines, logger } = logged();
    let asked = 0;
    const fetch = new SealingKeyFetch({
      dataDir,
      logger,
      ask: (identity) => {
        asked += 1;
        return kioskStatusAtHub(identity);
      },
    });

    // Two at once (start and the link opening together) are one question.
    expect(await Promise.all([fetch.check(), fetch.check()])).toEqual(['learned', 'learned']);
    const key = await hubSealingKey(hub, kiosk);
    expect(key).toBeDefined();
    const enrollment = readEnrollment(dataDir)!;
    expect(enrollment.sealingKey).toEqual(key);
    expect(enrollment.status).toBe('approved');
    expect(enrollment.kioskId).toBe(kiosk.id);
    expect(lines.join('')).toContain(key!.keyId);
    expect(lines.join('')).toContain('sealing key');

    // Once it has the key, the hub is not asked again.
    expect(await fetch.check()).toBe('not-needed');
    expect(asked).toBe(1);
  });

  it('is not asked by a revoked kiosk, and an unreachable hub leaves the enrollment as it was', async () => {
    const kiosk = await hub.addKiosk('approved');
    const revokedDir = enrolledWithoutKey(hub, kiosk, 'revoked');
    const { logger } = logged();
    expect(await new SealingKeyFetch({ dataDir: revokedDir, logger }).check()).toBe('not-needed');
    expect(readEnrollment(revokedDir)!.sealingKey).toBeUndefined();

    const dataDir = enrolledWithoutKey(hub, kiosk);
    const before = readEnrollment(dataDir);
    const { lines, logger: warned } = logged();
    const away = new SealingKeyFetch({
      dataDir,
      logger: warned,
      // A port nothing listens on: refused at once.
      ask: (identity) =>
        kioskStatusAtHub({ ...identity, enrollment: { ...identity.enrollment, hubUrl: 'http://127.0.0.1:9' } }),
    });
    expect(await away.check()).toBe('failed');
    expect(readEnrollment(dataDir)).toEqual(before);
    expect(lines.join('')).toContain('could not ask the hub for its sealing key');
  });

  it('is asked by the running service at start, and what the kiosk stores afterwards is sealed', async () => {
    const kiosk = await hub.addKiosk('approved');
    const dataDir = enrolledWithoutKey(hub, kiosk);
    const service = await startInProcessKiosk({ dataDir });
    try {
      await until('the key learned', () => readEnrollment(dataDir)!.sealingKey !== undefined);
      expect(readEnrollment(dataDir)!.sealingKey).toEqual(await hubSealingKey(hub, kiosk));
      expect(service.logs().some((l) => String(l['msg']).includes('sealing key'))).toBe(true);
      // From now on an application waits in the outbox sealed: its ID number is nowhere in records.db's row.
      const { reference } = await service.ok('submit', {
        kind: 'legal-aid-application',
        idempotencyKey: randomUUID(),
        payload: {
          applicant: { name: '张三丰', idNumber: ID_NUMBER, phone: '13812345678', idSource: 'typed' },
          matter: { category: 'labour-wages', summary: '拖欠工资三个月。' },
          consent: { agreed: true, noticeVersion: 'legal-aid-notice-1', at: new Date().toISOString() },
        },
      });
      const db = new Database(join(dataDir, 'records.db'), { readonly: true });
      try {
        const row = db.prepare('SELECT payload FROM outbox WHERE reference = ?').get(reference) as { payload: string };
        expect(row.payload).not.toContain(ID_NUMBER);
      } finally {
        db.close();
      }
    } finally {
      await service.stop();
    }
  });
  it('is asked when the socket to the hub opens, after the hub was out of reach at start', async () => {
    const kiosk = await hub.addKiosk('approved');
    // The kiosk knows the hub at a port where nothing answers yet.
    const port = await freePort();
    const dataDir = enrolledWithoutKey(hub, kiosk, 'approved', `http://127.0.0.1:${port}`);
    const service = await startInProcessKiosk({ dataDir });
    let forwarder: Server | undefined;
    try {
      const said = (text: string) => service.logs().some((l) => String(l['msg']).includes(text));
      await until('the start’s question to have failed', () => said('could not ask the hub for its sealing key'));
      expect(readEnrollment(dataDir)!.sealingKey).toBeUndefined();

      // The hub reachable there now (a plain TCP relay to it): the link reconnects, and its opening asks again.
      forwarder = relayTo(hub.server.port, port);
      await until('the key learned', () => readEnrollment(dataDir)!.sealingKey !== undefined, 30_000);
      expect(readEnrollment(dataDir)!.sealingKey).toEqual(await hubSealingKey(hub, kiosk));
      expect(said('learned the hub’s sealing key')).toBe(true);
    } finally {
      await service.stop();
      forwarder?.close();
    }
  }, 60_000);
});

describe('a hub that gives out no sealing key', () => {
  const hub = useTestHub('sqlite', { listen: true });
  beforeEach(() => hub.advance(Date.now() - T0.getTime()));

  it('leaves the kiosk without one, saying so', async () => {
    const kiosk = await hub.addKiosk('approved');
    const dataDir = enrolledWithoutKey(hub, kiosk);
    const { lines, logger } = logged();
    expect(await new SealingKeyFetch({ dataDir, logger }).check()).toBe('not-given');
    expect(readEnrollment(dataDir)!.sealingKey).toBeUndefined();
    expect(lines.join('')).toContain('the hub gave no sealing key');
  });
});
