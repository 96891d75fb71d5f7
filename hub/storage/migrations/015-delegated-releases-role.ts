import { runStatements, type HubMigration } from './migration';

/**
 * 15: the TUF repository keeps a fourth signed role beside targets,
 * `releases` — the role the offline targets key delegates content releases
 * to (`content-release-*`), whose key the hub holds online so an approval
 * in the console publishes without the offline keys (hub/releases/).
 * Its versions are stored and served like the other roles'
 * (`N.releases.json`), so only the role's CHECK widens.
 *
 * SQLite cannot change a CHECK in place: the table is made again and its
 * rows copied, in this migration's transaction. PostgreSQL names a column's
 * CHECK `<table>_<column>_check`, dropped and added again.
 */
const ROLES = `'root', 'targets', 'snapshot', 'timestamp', 'releases'`;

export const delegatedReleasesRole: HubMigration = {
  version: 15,
  name: 'TUF delegated releases role',
  async up(trx, engine) {
    if (engine === 'sqlite')
      await runStatements(trx, [
        `CREATE TABLE tuf_metadata_15 (
          role       TEXT NOT NULL CHECK (role IN (${ROLES})),
          version    INTEGER NOT NULL CHECK (version >= 1),
          body       TEXT NOT NULL,
          expires_at TEXT NOT NULL,
          signed_at  TEXT NOT NULL,
          PRIMARY KEY (role, version)
        ) STRICT`,
        `INSERT INTO tuf_metadata_15 (role, version, body, expires_at, signed_at)
          SELECT role, version, body, expires_at, signed_at FROM tuf_metadata`,
        `DROP TABLE tuf_metadata`,
        `ALTER TABLE tuf_metadata_15 RENAME TO tuf_metadata`,
      ]);
    else
      await runStatements(trx, [
        `ALTER TABLE tuf_metadata DROP CONSTRAINT tuf_metadata_role_check`,
        `ALTER TABLE tuf_metadata ADD CONSTRAINT tuf_metadata_role_check CHECK (role IN (${ROLES}))`,
      ]);
  },
};
