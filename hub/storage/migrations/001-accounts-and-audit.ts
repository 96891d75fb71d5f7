import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 1: the people who use the hub, and the audit log of what they and hubctl
 * did.
 *
 * The audit log is append-only in the database itself, not only in our
 * code: triggers refuse every UPDATE and DELETE (and TRUNCATE on
 * PostgreSQL), so neither a bug nor a hand-typed statement in a database
 * shell can rewrite history without first dropping a trigger — which takes
 * a schema change, not a mistake. (等保 2.0 asks that audit records be
 * protected from deletion and change.)
 *
 * The roles are spelled out here, not taken from common/hub/accounts.ts: a
 * released migration must not change when that list does; a new role is a
 * new migration.
 */
export const accountsAndAudit: HubMigration = {
  version: 1,
  name: 'users and audit log',
  async up(trx, engine) {
    // 2^31 audit rows (SERIAL's int4) is centuries of staff actions.
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE users (
        id              ${id},
        login           TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 32),
        display_name    TEXT CHECK (display_name IS NULL OR length(display_name) > 0),
        role            TEXT NOT NULL
                        CHECK (role IN ('administrator', 'regional-administrator', 'lawyer', 'case-officer')),
        region_code     TEXT CHECK (region_code IS NULL OR length(region_code) = 6),
        password_hash   TEXT NOT NULL,
        disabled_at     TEXT,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        locked_until    TEXT,
        totp_secret     TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE audit_log (
        id      ${id},
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT,
        details TEXT NOT NULL
      )${strict}`,
      ...(engine === 'sqlite'
        ? [
            `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
            `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
          ]
        : [
            `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
            // Per statement, so even an UPDATE or DELETE that matches no row is
            // refused; EXECUTE PROCEDURE (not FUNCTION) for older-based
            // compatible servers.
            `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
             FOR EACH STATEMENT EXECUTE PROCEDURE audit_log_append_only()`,
          ]),
    ]);
  },
};
