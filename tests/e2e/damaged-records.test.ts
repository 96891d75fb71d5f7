import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Health } from '../../common/api/health';
import { openRecordsDb } from '../../service/storage/records-db';
import { kioskctl, startKiosk, type RunningKiosk, apiAnswer } from './harness';

const PAGE = 4096;
const work = mkdtempSync(join(tmpdir(), 'kiosk-damaged-records-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const health = async (kiosk: RunningKiosk): Promise<Health> =>
  Health.parse((await apiAnswer(kiosk, '/api/health')).json);
const rate = (kiosk: RunningKiosk) =>
  apiAnswer(kiosk, '/api/submissions', {
    kind: 'rating',
    payload: { subject: 'overall', score: 5 },
    idempotencyKey: randomUUID(),
  });

async function doctorCheck(kiosk: RunningKiosk, name: string): Promise<{ status: string; detail: string } | undefined> {
  const { stdout } = await kioskctl('doctor', '--data-dir', kiosk.dataDir, '--json');
  return (JSON.parse(stdout) as { name: string; status: string; detail: string }[]).find((c) => c.name === name);
}

/** A data directory whose records.db holds a few hundred submissions, written by the service's own code and closed. */
function dataDirWithRecords(name: string): { dir: string; file: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  const file = join(dir, 'records.db');
  const db = openRecordsDb(file);
  const insert = db.prepare(
    "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('rating', ?, ?, ?, '2025-03-14T08:00:00.000Z')",
  );
  db.transaction(() => {
    for (let i = 0; i < 400; i++)
      insert.run(`R${i}`, `key-${i}`, JSON.stringify({ subject: 'overall', score: 5, note: '满意'.repeat(100) }));
  })();
  db.close();
  return { dir, file };
}

const damages: [string, (file: string) => void][] = [
  ['garbage', (file) => writeFileSync(file, Buffer.alloc(32 * PAGE, 0x37))],
  ['truncated', (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)))],
  [
    'garbled',
    (file) => {
      const fd = openSync(file, 'r+');
      const pages = Math.floor(statSync(file).size / PAGE);
      for (let p = Math.floor(pages / 3); p < Math.floor(pages / 3) + 4; p++)
        writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, p * PAGE);
      closeSync(fd);
    },
  ],
];

describe.each(damages)('a %s records.db', (name, damage) => {
  it('makes storage unavailable with a reason from the start: submissions answer 503, doctor fails it, the rest serves', async () => {
    const { dir, file } = dataDirWithRecords(name);
    damage(file);
    const kiosk = await startKiosk({ dataDir: dir });
    try {
      expect((await health(kiosk)).subsystems.storage).toMatchObject({
        state: 'unavailable',
        reason: 'records-damaged',
        detail: expect.stringContaining(file),
      });
      const r = await rate(kiosk);
      expect(r.status).toBe(503);
      expect(JSON.stringify(r.json)).toContain('damaged');
      expect((await apiAnswer(kiosk, '/api/content/topics')).status).toBe(200);
      expect(await doctorCheck(kiosk, 'service: storage')).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('unavailable — records-damaged'),
      });
    } finally {
      await kiosk.stop();
    }
  });
});

describe('a zero-length records.db', () => {
  it('is created afresh, and health and doctor say so', async () => {
    const dir = join(work, 'zero-length');
    mkdirSync(dir);
    writeFileSync(join(dir, 'records.db'), '');
    const kiosk = await startKiosk({ dataDir: dir });
    try {
      expect((await health(kiosk)).subsystems.storage).toMatchObject({
        state: 'degraded',
        reason: 'records-recreated',
      });
      expect(kiosk.stdout.join('\n')).toContain('records database was empty; started afresh');
      expect((await rate(kiosk)).status).toBe(200);
      expect(await doctorCheck(kiosk, 'service: storage')).toMatchObject({
        detail: expect.stringContaining('degraded — records-recreated'),
      });
    } finally {
      await kiosk.stop();
    }
  });
});

describe('files the service keeps', () => {
  it('are owner-only, even where a directory and files were there before with open modes', async () => {
    const { dir, file } = dataDirWithRecords('modes');
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'service.json'), '{}');
    for (const d of [dir, join(dir, 'run')]) chmodSync(d, 0o755);
    for (const f of [file, join(dir, 'run', 'service.json')]) chmodSync(f, 0o644);
    const kiosk = await startKiosk({ dataDir: dir });
    try {
      expect((await rate(kiosk)).status).toBe(200);
      const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);
      expect({ dir: mode(dir), run: mode(join(dir, 'run')) }).toEqual({ dir: '700', run: '700' });
      for (const f of [file, `${file}-wal`, `${file}-shm`, join(dir, 'run', 'service.json')])
        expect(mode(f), f).toBe('600');
      // Anything else it creates is owner-only from the start.
      expect(readFileSync(`/proc/${kiosk.child.pid}/status`, 'utf8')).toMatch(/^Umask:\s+0077$/m);
    } finally {
      await kiosk.stop();
    }
  });
});
