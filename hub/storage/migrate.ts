import { sql } from 'kysely';
import { DatabaseTooNewError } from '../../server-kit/sqlite/migrations';
import { appendAudit, type AuditActor } from './audit-log';
import { HUB_MIGRATIONS } from './migrations/hub-migrations';
import type { HubMigration } from './migrations/migration';
import type { HubStorage } from './open-storage';
import type { HubDb } from './schema';

/**
 * The hub's schema version lives in a one-row table, hub_schema, on both
 * engines (SQLite's user_version has no PostgreSQL counterpart). A database
 * newer than this code is refused, naming both versions: an old hub must
 * never write to a schema it does not know.
 */

/** The version this code reads and writes. */
export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.length;

/** Thrown when the database is older than this code and must be migrated first. */
export class SchemaBehindError extends Error {
  constructor(
    readonly where: string,
    readonly found: number,
    readonly wanted: number,
  ) {
    super(
      `${where} has schema version ${found}, this hub software needs version ${wanted}: run \`npm run hubctl -- migrate\``,
    );
  }
}

async function hasSchemaTable(db: HubDb): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'hub_schema');
}

/** The database's schema version: 0 for a database the hub has never migrated. */
export async function schemaVersion(db: HubDb): Promise<number> {
  if (!(await hasSchemaTable(db))) return 0;
  const row = await db.selectFrom('hub_schema').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

/** Refuses a database that is not at exactly this code's version (what every command but `migrate` needs). */
export async function requireCurrentSchema(storage: HubStorage): Promise<void> {
  const found = await schemaVersion(storage.db);
  if (found > HUB_SCHEMA_VERSION) throw new DatabaseTooNewError(storage.where, found, HUB_SCHEMA_VERSION, 'hub');
  if (found < HUB_SCHEMA_VERSION) throw new SchemaBehindError(storage.where, found, HUB_SCHEMA_VERSION);
}

/**
 * Makes hub_schema if it is not there. Two hubs starting at once on a new
 * PostgreSQL database may race here (CREATE TABLE IF NOT EXISTS is not
 * atomic there); the loser's statement fails, and a second try finds the
 * table and the row.
 */
async function ensureSchemaTable(db: HubDb, now: Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`CREATE TABLE IF NOT EXISTS hub_schema (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        version    INTEGER NOT NULL CHECK (version >= 0),
        updated_at TEXT NOT NULL
      )`.execute(db);
      await sql`INSERT INTO hub_schema (id, version, updated_at)
        SELECT 1, 0, ${now.toISOString()} WHERE NOT EXISTS (SELECT 1 FROM hub_schema WHERE id = 1)`.execute(db);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
  /** The versions this call applied (another process may have applied some meanwhile). */
  applied: number[];
}

/**
 * Brings the database to `migrations`' last version, one transaction per
 * migration: the migration, the new version and its audit row commit
 * together or not at all.
 *
 * Each transaction starts by writing hub_schema's row, which takes the
 * database's write lock on SQLite (waiting out the busy timeout) and the
 * row's lock on PostgreSQL, and only then reads the version: two hubs or a
 * hub and hubctl migrating at once apply each migration once.
 */
export async function migrateHub(
  storage: HubStorage,
  opts: { actor: AuditActor; now?: () => Date; migrations?: readonly HubMigration[] },
): Promise<MigrationOutcome> {
  const { db, engine } = storage;
  const migrations = opts.migrations ?? HUB_MIGRATIONS;
  const now = opts.now ?? (() => new Date());
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`hub migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;

  await ensureSchemaTable(db, now());
  const from = await schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(storage.where, from, latest, 'hub');

  const applied: number[] = [];
  for (const migration of migrations.slice(from)) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('hub_schema')
        .set({ version: sql`version` })
        .where('id', '=', 1)
        .execute();
      const row = await trx.selectFrom('hub_schema').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
      if (row.version >= migration.version) return;
      await migration.up(trx, engine);
      const at = now();
      await trx
        .updateTable('hub_schema')
        .set({ version: migration.version, updated_at: at.toISOString() })
        .where('id', '=', 1)
        .execute();
      await appendAudit(
        trx,
        {
          actor: opts.actor,
          action: 'schema.migrate',
          target: 'schema',
          details: { version: migration.version, name: migration.name, engine },
        },
        at,
      );
      applied.push(migration.version);
    });
  }
  return { from, to: latest, applied };
}
