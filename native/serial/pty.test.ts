import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from './pty';

function open(p: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: p, baudRate: 115200 }, (error) => (error ? reject(error) : resolve(port)));
  });
}

function receive(port: SerialPort, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (b: Buffer) => {
      chunks.push(b);
      if (Buffer.concat(chunks).length >= bytes) {
        port.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    port.on('data', onData);
  });
}

const closeQuietly = (port: SerialPort) =>
  new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));

let pair: PtyPair | undefined;
const ports: SerialPort[] = [];
afterEach(async () => {
  for (const p of ports.splice(0)) await closeQuietly(p);
  await pair?.stop();
  pair = undefined;
});

describe('socat pty pair', () => {
  it('carries bytes both ways between the two ends', async () => {
    pair = await startPtyPair();
    const [a, b] = await Promise.all([open(pair.a), open(pair.b)]);
    ports.push(a, b);
    const payload = Buffer.from(Array.from({ length: 2000 }, (_, i) => i & 0xff));
    const atB = receive(b, payload.length);
    a.write(payload);
    expect(await atB).toEqual(payload);
    const atA = receive(a, 3);
    b.write(Buffer.from([1, 2, 3]));
    expect(await atA).toEqual(Buffer.from([1, 2, 3]));
  });

  it('restart() unplugs open ports and replugs on the same paths', async () => {
    pair = await startPtyPair();
    const a = await open(pair.a);
    ports.push(a);
    // Node's stream machinery emits a bare 'close' first; serialport's own close carries `disconnected`.
    const disconnected = new Promise<unknown>((resolve) =>
      a.on('close', (e?: { disconnected?: boolean }) => e?.disconnected && resolve(e)),
    );
    a.on('error', () => {});
    const before = pair.a;
    await pair.restart();
    expect(pair.a).toBe(before);
    // The kernel reports the lost peer on the next write.
    a.write(Buffer.from([0]));
    expect(await disconnected).toMatchObject({ disconnected: true });
    expect(a.isOpen).toBe(false);

    const [a2, b2] = await Promise.all([open(pair.a), open(pair.b)]);
    ports.push(a2, b2);
    const atB = receive(b2, 4);
    a2.write(Buffer.from('ping'));
    expect((await atB).toString()).toBe('ping');
  });

  it('stop() removes the links and its own folder but not a folder it was given', async () => {
    pair = await startPtyPair();
    const dir = path.dirname(pair.a);
    await pair.stop();
    pair = undefined;
    expect(existsSync(dir)).toBe(false);

    const mine = await mkdtemp(path.join(tmpdir(), 'pty-test-'));
    try {
      const given = await startPtyPair({ dir: mine });
      expect(given.a).toBe(path.join(mine, 'a'));
      await given.stop();
      expect(existsSync(given.a)).toBe(false);
      expect(existsSync(mine)).toBe(true);
    } finally {
      await rm(mine, { recursive: true, force: true });
    }
  });

  it('explains a socat that cannot start, leaving no folder behind', async () => {
    // A private TMPDIR, so pairs made by other test files cannot be mistaken for a leak.
    const scratch = await mkdtemp(path.join(tmpdir(), 'pty-test-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await expect(startPtyPair({ socatPath: '/nonexistent/socat' })).rejects.toThrow(/cannot start socat/);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await rm(scratch, { recursive: true, force: true });
    }
    await expect(startPtyPair({ dir: '/tmp/has,comma' })).rejects.toThrow(/cannot take a link path/);
  });
});
