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

const ALL_VERSIONS = HUB_MIGRATIONS.map((m) => m.version);
const tableNames = async (db: HubDb) => (await db.introspection.getTables()).map((t) => t.name).sort();

describe.each(ENGINES)('hub schema migrations on %s', (engine) => {
  const t = useTestStorage(engine, { migrate: false });

  it('bring a new database to the current version, each step in the audit log', async () => {
    expect(await schemaVersion(t.storage.db)).toBe(0);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(SchemaBehindError);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(
      `has schema version 0, this hub software needs version ${HUB_SCHEMA_VERSION}: run \`npm run hubctl -- migrate\``,
    );

    const outcome = await migrateHub(t.storage, { actor: 'hubctl', now: () => new Date('2026-03-01T08:00:00Z') });
    expect(outcome).toEqual({ from: 0, to: HUB_SCHEMA_VERSION, applied: ALL_VERSIONS });
    expect(await schemaVersion(t.storage.db)).toBe(HUB_SCHEMA_VERSION);
    await requireCurrentSchema(t.storage);
    expect(await tableNames(t.storage.db)).toEqual([
      'audit_log',
      'call_documents',
      'call_offers',
      'call_records',
      'call_refusals',
      'calls',
      'case_events',
      'case_facts',
      'case_lookup_misses',
      'content_changes',
      'content_releases',
      'duty_roster',
      'enrollment_codes',
      'hub_schema',
      'key_fingerprints',
      'kiosk_alerts',
      'kiosk_commands',
      'kiosk_group_members',
      'kiosk_health_samples',
      'kiosk_heartbeats',
      'kiosk_nonces',
      'kiosk_release_events',
      'kiosk_release_pins',
      'kiosk_release_states',
      'kiosk_usage_daily',
      'kiosks',
      'lawyer_duty',
      'lawyer_queues',
      'release_rollout_changes',
      'release_rollouts',
      'sessions',
      'submissions',
      'tuf_metadata',
      'tuf_targets',
      'users',
    ]);
    expect(await listAudit(t.storage.db, { limit: HUB_MIGRATIONS.length })).toEqual(
      [
        { version: 1, name: 'users and audit log' },
        { version: 2, name: 'sessions and TOTP' },
        { version: 3, name: 'kiosks and enrollment codes' },
        { version: 4, name: 'kiosk heartbeats and request nonces' },
        { version: 5, name: 'alerts, health history and opening hours' },
        { version: 6, name: 'video calls, duty and rosters' },
        { version: 7, name: 'consultation records and refused call requests' },
        { version: 8, name: 'submissions from the kiosks' },
        { version: 9, name: 'case status, anonymous case facts and daily usage' },
        { version: 10, name: 'case history, 查询进度 wrong tries, callbacks done' },
        { version: 11, name: 'content releases and their TUF repository' },
        { version: 12, name: 'kiosks’ content release states and events' },
        { version: 13, name: 'staged rollouts of content releases' },
        { version: 14, name: 'fleet commands' },
        { version: 15, name: 'TUF delegated releases role' },
        { version: 16, name: 'content changes and the review of uploaded releases' },
      ]
        .map((m) => ({
          id: m.version,
          at: '2026-03-01T08:00:00.000Z',
          actor: 'hubctl',
          action: 'schema.migrate',
          target: 'schema',
          details: { ...m, engine },
        }))
        .reverse(),
    );
  });

  it('do nothing on a database that is current', async () => {
    await migrateHub(t.storage, { actor: 'system' });
    expect(await migrateHub(t.storage, { actor: 'system' })).toEqual({
      from: HUB_SCHEMA_VERSION,
      to: HUB_SCHEMA_VERSION,
      applied: [],
    });
    expect(await listAudit(t.storage.db, { limit: HUB_MIGRATIONS.length })).toHaveLength(HUB_SCHEMA_VERSION);
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
      expect([...a.applied, ...b.applied].sort((x, y) => x - y)).toEqual(ALL_VERSIONS);
      expect(await listAudit(t.storage.db, { limit: HUB_MIGRATIONS.length })).toHaveLength(HUB_SCHEMA_VERSION);
    } finally {
      if (other !== t.storage) await other.close();
    }
  });

  it('refuse a database newer than the code, naming both versions', async () => {
    await migrateHub(t.storage, { actor: 'system' });
    const newer = HUB_SCHEMA_VERSION + 1;
    await t.storage.db.updateTable('hub_schema').set({ version: newer }).execute();
    const tooNew = new RegExp(
      `${t.storage.where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has schema version ${newer}, but this hub software supports up to ${HUB_SCHEMA_VERSION}`,
    );
    await expect(migrateHub(t.storage, { actor: 'system' })).rejects.toThrow(DatabaseTooNewError);
    await expect(migrateHub(t.storage, { actor: 'system' })).rejects.toThrow(tooNew);
    await expect(requireCurrentSchema(t.storage)).rejects.toThrow(tooNew);
    expect(await schemaVersion(t.storage.db)).toBe(newer);
  });

  it('roll a failing migration back whole: no table, no version, no audit row', async () => {
    const broken: HubMigration = {
      version: HUB_SCHEMA_VERSION + 1,
      name: 'broken',
      async up(trx) {
        await runStatements(trx, ['CREATE TABLE half_done (x INTEGER)']);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(trx);
      },
    };
    await expect(migrateHub(t.storage, { actor: 'system', migrations: [...HUB_MIGRATIONS, broken] })).rejects.toThrow();
    expect(await schemaVersion(t.storage.db)).toBe(HUB_SCHEMA_VERSION);
    expect(await tableNames(t.storage.db)).not.toContain('half_done');
    expect((await listAudit(t.storage.db, { limit: HUB_MIGRATIONS.length })).map((r) => r.details['version'])).toEqual(
      [...ALL_VERSIONS].reverse(),
    );
  });

  it('refuse a list of migrations out of order', async () => {
    const next = HUB_SCHEMA_VERSION + 1;
    const misnumbered: HubMigration = { version: next + 1, name: `skips ${next}`, up: async () => {} };
    await expect(
      migrateHub(t.storage, { actor: 'system', migrations: [...HUB_MIGRATIONS, misnumbered] }),
    ).rejects.toThrow(`has version ${next + 1}, expected ${next}`);
    expect(await schemaVersion(t.storage.db)).toBe(0);
  });
});
