import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 3: the fleet's kiosks and the one-time codes they enroll with.
 *
 * An enrollment code is stored by its SHA-256 only, like a session token:
 * whoever reads the database (a backup, a replica) cannot enroll a kiosk
 * with it. It is spent by setting `used_at` in the transaction that adds
 * the kiosk, with a condition on `used_at IS NULL`, so two kiosks racing
 * with one code cannot both win, on either engine.
 *
 * A kiosk is never deleted: revoking sets `status` and `revoked_at`, and
 * its history (heartbeats, submissions, the audit log) keeps pointing at
 * it. One live identity per terminal: a terminal id may enroll again only
 * once its former identity is revoked (a partial unique index, which both
 * engines have). Its public key (Ed25519, SPKI DER in base64) is unique
 * too, so one key never stands for two kiosks.
 */
export const kiosksAndEnrollment: HubMigration = {
  version: 3,
  name: 'kiosks and enrollment codes',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE kiosks (
        id           ${id},
        terminal_id  TEXT NOT NULL CHECK (length(terminal_id) BETWEEN 1 AND 64),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        region_code  TEXT NOT NULL CHECK (length(region_code) = 6),
        site         TEXT CHECK (site IS NULL OR length(site) BETWEEN 1 AND 100),
        public_key   TEXT NOT NULL UNIQUE,
        status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
        enrolled_at  TEXT NOT NULL,
        approved_at  TEXT,
        revoked_at   TEXT
      )${strict}`,
      `CREATE UNIQUE INDEX kiosks_live_terminal ON kiosks (terminal_id) WHERE status <> 'revoked'`,
      `CREATE INDEX kiosks_by_region ON kiosks (region_code)`,
      `CREATE TABLE enrollment_codes (
        id           ${id},
        code_hash    TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
        region_code  TEXT NOT NULL CHECK (length(region_code) = 6),
        site         TEXT CHECK (site IS NULL OR length(site) BETWEEN 1 AND 100),
        pre_approved INTEGER NOT NULL CHECK (pre_approved IN (0, 1)),
        created_by   TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        used_at      TEXT,
        kiosk_id     INTEGER REFERENCES kiosks (id)
      )${strict}`,
    ]);
  },
};
