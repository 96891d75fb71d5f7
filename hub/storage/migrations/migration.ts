import { sql, type Transaction } from 'kysely';
import type { HubDatabase, StorageEngine } from '../schema';

/**
 * One step of the hub's schema. `version` is its number (1, 2, …, in
 * order, never renumbered or edited once released); `up` runs inside the
 * transaction that also records the new version, so a crash leaves the
 * database at a whole version on both engines (SQLite and PostgreSQL both
 * roll back DDL with the transaction).
 *
 * A migration is plain SQL that both engines take, and for the few things
 * where their SQL differs (the type of a generated key, a trigger's body) it
 * asks `engine`. Plain SQL also keeps PostgreSQL-compatible databases
 * (openGauss, KingbaseES) in reach: no LISTEN/NOTIFY, no extensions.
 */
export interface HubMigration {
  version: number;
  name: string;
  up(trx: Transaction<HubDatabase>, engine: StorageEngine): Promise<void>;
}

/** Runs statements one by one: better-sqlite3 prepares a single statement at a time. */
export async function runStatements(trx: Transaction<HubDatabase>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(trx);
}

/**
 * The few column and table words the engines spell differently. SQLite:
 * INTEGER PRIMARY KEY is the rowid; STRICT makes it check column types as
 * PostgreSQL does. PostgreSQL: SERIAL (int4, read back as a JS number)
 * rather than IDENTITY, which openGauss lacks.
 */
export function engineWords(engine: StorageEngine): { id: string; strict: string } {
  return engine === 'sqlite'
    ? { id: 'INTEGER PRIMARY KEY', strict: ' STRICT' }
    : { id: 'SERIAL PRIMARY KEY', strict: '' };
}
