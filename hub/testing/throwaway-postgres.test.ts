import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPostgresBin, PostgresMissingError, startThrowawayPostgres } from './throwaway-postgres';

describe('the throwaway PostgreSQL', () => {
  it('says how to install PostgreSQL when its binaries are missing', () => {
    const lib = mkdtempSync(join(tmpdir(), 'hub-pg-lib-'));
    try {
      expect(() => findPostgresBin(join(lib, 'absent'))).toThrow(PostgresMissingError);
      expect(() => findPostgresBin(join(lib, 'absent'))).toThrow(/apt-get install postgresql/);
      // Too old, or a version directory without the server.
      mkdirSync(join(lib, '13', 'bin'), { recursive: true });
      writeFileSync(join(lib, '13', 'bin', 'initdb'), '');
      mkdirSync(join(lib, '16', 'bin'), { recursive: true });
      expect(() => findPostgresBin(lib)).toThrow(/apt-get install postgresql/);
      mkdirSync(join(lib, '15', 'bin'), { recursive: true });
      writeFileSync(join(lib, '15', 'bin', 'initdb'), '');
      expect(findPostgresBin(lib)).toBe(join(lib, '15', 'bin'));
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it('serves on its own socket only, and is gone after stop()', async () => {
    const server = await startThrowawayPostgres();
    const url = await server.createDatabase('hub_probe');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
    expect(rows).toEqual([{ listen_addresses: '' }]);
    await client.end();

    await server.stop();
    const after = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  }, 60_000);
});
