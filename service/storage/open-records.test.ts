import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server-kit/logger';
import { openRecords } from './open-records';
import { openRecordsDb } from './records-db';

const PAGE = 4096;
const dirs: string[] = [];
const dbs: Database.Database[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-records-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A logger whose lines the test can read. */
function captureLogger(): {
  logger: ReturnType<typeof createLogger>;
  lines: () => { level: string; msg: string; detail?: string }[];
} {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger({ destination: sink }),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: string; msg: string }),
  };
}

/** A real records.db with a few hundred submissions, closed (so everything is in the main file). */
function recordsWithRows(dir: string): string {
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
  return file;
}

function open(file: string) {
  const log = captureLogger();
  const opened = openRecords(file, log.logger);
  if (opened.db !== undefined) dbs.push(opened.db);
  return { ...opened, log: log.lines };
}

describe('a damaged records.db', () => {
  const damages: [string, (file: string) => void][] = [
    ['not a database at all', (file) => writeFileSync(file, Buffer.alloc(32 * PAGE, 0x37))],
    ['cut short', (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)))],
    [
      'garbled in the middle',
      (file) => {
        const fd = openSync(file, 'r+');
        const pages = Math.floor(statSync(file).size / PAGE);
        for (let p = Math.floor(pages / 3); p < Math.floor(pages / 3) + 4; p++)
          writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, p * PAGE);
        closeSync(fd);
      },
    ],
  ];

  it.each(damages)('%s: storage is unavailable with a reason, and the file is left as it was', (_what, damage) => {
    const dir = tempDir();
    const file = recordsWithRows(dir);
    damage(file);
    const before = readFileSync(file);
    const { db, state, log } = open(file);
    expect(db).toBeUndefined();
    expect(state).toMatchObject({
      state: 'unavailable',
      reason: 'records-damaged',
      detail: expect.stringContaining(file),
    });
    expect(log()).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'records database unavailable; submissions are off' }),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a sound one opens with nothing to report', () => {
    const { db, state } = open(recordsWithRows(tempDir()));
    expect(state).toBeUndefined();
    expect(db!.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 400 });
  });
});

describe('a zero-length records.db', () => {
  it('is started afresh, logged, and reported as degraded', () => {
    const dir = tempDir();
    const file = join(dir, 'records.db');
    writeFileSync(file, '');
    const { db, state, log } = open(file);
    expect(state).toMatchObject({
      state: 'degraded',
      reason: 'records-recreated',
      detail: expect.stringContaining('was empty (0 bytes)'),
    });
    expect(log()).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'records database was empty; started afresh' }),
    );
    expect(db!.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('keeps a write-ahead log that was beside it aside, owner-only, instead of replaying it', () => {
    const dir = tempDir();
    const file = join(dir, 'records.db');
    writeFileSync(file, '');
    writeFileSync(`${file}-wal`, Buffer.alloc(3 * PAGE, 0x11), { mode: 0o644 });
    chmodSync(`${file}-wal`, 0o644);
    const { state } = open(file);
    const aside = readdirSync(dir).filter((f) => f.startsWith('records.db-wal.set-aside-'));
    expect(aside).toHaveLength(1);
    expect(statSync(join(dir, aside[0]!)).size).toBe(3 * PAGE);
    expect(statSync(join(dir, aside[0]!)).mode & 0o777).toBe(0o600);
    expect(state?.detail).toContain(aside[0]);
  });

  it('a missing one is simply created: a first start is nothing to report', () => {
    const { db, state } = open(join(tempDir(), 'records.db'));
    expect(db).toBeDefined();
    expect(state).toBeUndefined();
  });
});

describe('records.db at rest', () => {
  it('is owner-only, its log and index too, whatever modes they had', () => {
    const dir = tempDir();
    const file = recordsWithRows(dir);
    chmodSync(file, 0o644);
    const { db } = open(file);
    db!.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
  });

  it('overwrites what is deleted: secure_delete is on, and a deleted row’s text is gone from the file', () => {
    const dir = tempDir();
    const file = join(dir, 'records.db');
    const marker = 'DELETED-PHONE-13912345678-MARKER';
    const first = openRecordsDb(file);
    expect(first.pragma('secure_delete', { simple: true })).toBe(1);
    first
      .prepare(
        "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('rating', 'R1', 'k1', ?, 'now')",
      )
      .run(JSON.stringify({ note: marker }));
    first.close();
    expect(readFileSync(file).includes(marker)).toBe(true);

    const second = openRecordsDb(file);
    second.prepare("DELETE FROM outbox WHERE reference = 'R1'").run();
    second.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(readFileSync(file).includes(marker)).toBe(false);
  });
});
