import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../server-kit/sqlite/migrations';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { listAudit } from './audit-log';
import { HUB_SCHEMA_VERSION, migrateHub, requireCurrentSchema, SchemaBehindError, schemaVersion } from './migrate';
import { HUB_MIGRATIONS } from './migrations/hub-migrations';
import { runStatements, type HubMigration } from './migrations/migration';
import { openHubStorage } from './open-storage';
import type { HubDb } from './schema';

const tableNames = async (db: HubDb) => (await db.introspection.getTables()).map((t) => t.name).sort();

describe.each(ENGINES)('hub schema migrations on %s', (engine) => {
  const t = useTestStorage(engine, { migrate: false });

  it('bring a new database to the current version, each step in the audit log', async () => {
    expect(await schemaVersion(t.storage.db)).toBe(0);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(SchemaBehindError);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(
      /has schema version 0, this hub software needs version 1: run `npm run hubctl -- migrate`/,
    );

    const outcome = await migrateHub(t.storage, { actor: 'hubctl', now: () => new Date('2026-03-01T08:00:00Z') });
    expect(outcome).toEqual({ from: 0, to: HUB_SCHEMA_VERSION, applied: [1] });
    expect(await schemaVersion(t.storage.db)).toBe(HUB_SCHEMA_VERSION);
    await requireCurrentSchema(t.storage);
    expect(await tableNames(t.storage.db)).toEqual(['audit_log', 'hub_schema', 'users']);
    expect(await listAudit(t.storage.db, { limit: 10 })).toEqual([
      {
        id: 1,
        at: '2026-03-01T08:00:00.000Z',
        actor: 'hubctl',
        action: 'schema.migrate',
        target: 'schema',
        details: { version: 1, name: 'users and audit log', engine },
      },
    ]);
  });

  it('do nothing on a database that is current', async () => {
    await migrateHub(t.storage, { actor: 'system' });
    expect(await migrateHub(t.storage, { actor: 'system' })).toEqual({ from: 1, to: 1, applied: [] });
    expect(await listAudit(t.storage.db, { limit: 10 })).toHaveLength(1);
  });

  it('apply each migration once when two migrate at the same time', async () => {
    // PostgreSQL: two pools, two connections racing for hub_schema's row.
    // SQLite: one connection per process (a second one in this thread would
    // wait on itself), so both calls share it, and the second finds the work
    // done only by reading the version again under the lock.
    const other = engine === 'postgres' ? await openHubStorage(t.target, { create: false }) : t.storage;
    try {
      const [a, b] = await Promise.all([
        migrateHub(t.storage, { actor: 'system' }),
        migrateHub(other, { actor: 'system' }),
      ]);
      expect([...a.applied, ...b.applied]).toEqual([1]);
      expect(await listAudit(t.storage.db, { limit: 10 })).toHaveLength(1);
    } finally {
      if (other !== t.storage) await other.close();
    }
  });

  it('refuse a database newer than the code, naming both versions', async () => {
    await migrateHub(t.storage, { actor: 'system' });
    await t.storage.db.updateTable('hub_schema').set({ version: 7 }).execute();
    const tooNew = new RegExp(
      `${t.storage.where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has schema version 7, but this hub software supports up to 1`,
    );
    await expect(migrateHub(t.storage, { actor: 'system' })).rejects.toThrow(DatabaseTooNewError);
    await expect(migrateHub(t.storage, { actor: 'system' })).rejects.toThrow(tooNew);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(tooNew);
    expect(await schemaVersion(t.storage.db)).toBe(7);
  });

  it('roll a failing migration back whole: no table, no version, no audit row', async () => {
    const broken: HubMigration = {
      version: 2,
      name: 'broken',
      async up(trx) {
        await runStatements(trx, ['CREATE TABLE half_done (x INTEGER)']);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(trx);
      },
    };
    await expect(migrateHub(t.storage, { actor: 'system', migrations: [...HUB_MIGRATIONS, broken] })).rejects.toThrow();
    expect(await schemaVersion(t.storage.db)).toBe(1);
    expect(await tableNames(t.storage.db)).not.toContain('half_done');
    expect((await listAudit(t.storage.db, { limit: 10 })).map((r) => r.details['version'])).toEqual([1]);
  });

  it('refuse a list of migrations out of order', async () => {
    const misnumbered: HubMigration = { version: 3, name: 'skips 2', up: async () => {} };
    await expect(
      migrateHub(t.storage, { actor: 'system', migrations: [...HUB_MIGRATIONS, misnumbered] }),
    ).rejects.toThrow(/has version 3, expected 2/);
    expect(await schemaVersion(t.storage.db)).toBe(0);
  });
});
