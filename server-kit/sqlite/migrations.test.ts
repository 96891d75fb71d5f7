import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from './migrations';

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-db-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const addA: Migration = (db) => db.exec('CREATE TABLE a (x INTEGER)');
const addB: Migration = (db) => db.exec('CREATE TABLE b (y INTEGER)');

describe('migrate', () => {
  it('applies each version once, in order, and records it', () => {
    const db = new Database(tempFile('m.db'));
    expect(migrate(db, [addA])).toEqual({ from: 0, to: 1 });
    expect(migrate(db, [addA, addB])).toEqual({ from: 1, to: 2 });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 2 });
  });

  it('leaves the database at the last whole version when a migration fails', () => {
    const db = new Database(tempFile('m.db'));
    const broken: Migration = (d) => {
      d.exec('CREATE TABLE half (z INTEGER)');
      throw new Error('boom');
    };
    expect(() => migrate(db, [addA, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it('refuses a database newer than the code, saying which file and versions', () => {
    const file = tempFile('new.db');
    const db = new Database(file);
    db.pragma('user_version = 7');
    expect(() => migrate(db, [addA])).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, [addA])).toThrow(/new\.db has schema version 7, but this kiosk software supports up to 1/);
  });
});
