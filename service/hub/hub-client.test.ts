import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubRefusedError, kioskStatusAtHub, MAX_HUB_ANSWER_BYTES, registerWithHub } from './hub-client';
import { newKioskKeyPair } from './hub-identity';

/**
 * A hub that is not ours (taken over, or a wrong URL typed at enrollment)
 * must not be able to make the kiosk's service read without end: every
 * answer is read up to MAX_HUB_ANSWER_BYTES and no further.
 */

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
});

/** A hub on loopback that answers every request with `size` bytes of JSON-ish text, counting what it got out. */
async function hostileHub(
  size: number,
  opts: { declareLength: boolean },
): Promise<{ url: string; written: () => number }> {
  let written = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(opts.declareLength ? { 'content-length': String(size) } : {}),
    });
    const pump = (): void => {
      while (written < size) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, written: () => written };
}

const identity = (hubUrl: string) => ({
  privateKey: newKioskKeyPair().privateKey,
  enrollment: {
    hubUrl,
    kioskId: 1,
    keyFingerprint: 'x',
    enrolledAt: '2026-03-02T01:00:00.000Z',
    status: 'approved' as const,
    checkedAt: '2026-03-02T01:00:00.000Z',
  },
});

describe('what the kiosk reads of a hub’s answer', () => {
  it('stops reading an answer larger than the limit, and says so', async () => {
    const size = 256 * 1024 * 1024;
    const hub = await hostileHub(size, { declareLength: false });
    const error = await kioskStatusAtHub(identity(hub.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRefusedError);
    expect((error as Error).message).toMatch(/larger than/);
    // Sent before the kiosk hung up: the limit and what the sockets' buffers hold, far from all of it.
    expect(hub.written()).toBeLessThan(32 * 1024 * 1024);
  });

  it('does not start reading an answer declared larger than the limit', async () => {
    const hub = await hostileHub(MAX_HUB_ANSWER_BYTES * 4, { declareLength: true });
    const error = await registerWithHub(hub.url, {
      code: 'AAAA-AAAA-AAAA-AAAA',
      publicKey: newKioskKeyPair().publicKey,
      terminalId: 'HB-0001',
      displayName: '测试终端',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRefusedError);
    expect((error as Error).message).toMatch(/larger than/);
  });
});
