import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../server-kit/sqlite/migrations';
import { openRecordsDb, RECORDS_MIGRATIONS } from './records-db';

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-db-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('records.db', () => {
  it('opens in WAL mode with synchronous=FULL at the current schema', () => {
    const db = openRecordsDb(tempFile('records.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion(db)).toBe(RECORDS_MIGRATIONS.length);
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (kind, reference, idempotency_key, payload, created_at) VALUES ('x', 'R1', 'k1', 'not json', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
