import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 11: the content releases administrators publish to the fleet, and the
 * TUF repository that signs them (hub/releases/).
 *
 * Kept in the database, not in files under the data directory: every hub
 * instance on one database then serves the same repository, and a release,
 * its targets version and the snapshot and timestamp that name it are
 * stored in one transaction — a kiosk never sees metadata whose file is
 * not there yet. A release is a few MB: a BLOB on SQLite, bytea on
 * PostgreSQL.
 *
 * `tuf_metadata`: every signed version of every role, as served (JSON
 * text). The primary key (role, version) is the lock that keeps two hub
 * instances renewing the timestamp at once from storing two different
 * timestamps with one version: the second insert is refused and its hub
 * takes the stored one.
 *
 * `tuf_targets`: the published target files, by their TUF name
 * (`content-release-<N>.db`), served as `<sha256>.<name>`.
 *
 * `content_releases`: each release uploaded; `release_number` is given at
 * publish (strictly higher than every earlier one: unique, and the next
 * one is the highest plus one), and the uploaded bytes then move to
 * `tuf_targets` (`body` becomes null) rather than being kept twice.
 */
export const contentReleases: HubMigration = {
  version: 11,
  name: 'content releases and their TUF repository',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    const blob = engine === 'sqlite' ? 'BLOB' : 'BYTEA';
    await runStatements(trx, [
      `CREATE TABLE tuf_metadata (
        role       TEXT NOT NULL CHECK (role IN ('root', 'targets', 'snapshot', 'timestamp')),
        version    INTEGER NOT NULL CHECK (version >= 1),
        body       TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        signed_at  TEXT NOT NULL,
        PRIMARY KEY (role, version)
      )${strict}`,
      `CREATE TABLE tuf_targets (
        name       TEXT PRIMARY KEY,
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        length     INTEGER NOT NULL,
        body       ${blob} NOT NULL,
        created_at TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE content_releases (
        id             ${id},
        sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
        length         INTEGER NOT NULL,
        version        TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
        schema_version INTEGER NOT NULL,
        uploaded_at    TEXT NOT NULL,
        uploaded_by    TEXT NOT NULL,
        body           ${blob},
        release_number INTEGER UNIQUE CHECK (release_number IS NULL OR release_number >= 1),
        published_at   TEXT,
        published_by   TEXT
      )${strict}`,
    ]);
  },
};
