import type { Database } from 'better-sqlite3';

/**
 * Schema migrations by `PRAGMA user_version`: one function per version,
 * applied in order, each in its own transaction together with the version
 * bump, so a crash leaves the database at a whole version. A database newer
 * than this code is refused: an old kiosk build must never write to a schema
 * it does not know.
 */
export type Migration = (db: Database) => void;

export class DatabaseTooNewError extends Error {
  constructor(
    /** The file, or where a database on a server is (without its password). */
    readonly file: string,
    readonly found: number,
    readonly supported: number,
    /** Which of our programs refuses it: the kiosk, or the hub. */
    readonly program: 'kiosk' | 'hub' = 'kiosk',
  ) {
    super(
      `${file} has schema version ${found}, but this ${program} software supports up to ${supported}; install a newer release or restore a matching database`,
    );
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `migrations.length`; migration i (0-based) produces version i + 1. */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > migrations.length) throw new DatabaseTooNewError(db.name, from, migrations.length);
  for (let v = from; v < migrations.length; v++) {
    db.transaction(() => {
      migrations[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return { from, to: migrations.length };
}
