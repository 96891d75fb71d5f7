import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 2: sign-in sessions, the TOTP second factor, and the fingerprint of the
 * key that seals TOTP secrets.
 *
 * A session is stored by the SHA-256 of its token only: the token itself
 * lives in the browser's cookie, so a copy of the database (a backup, a
 * replica) lets nobody in. `last_seen_at` slides the idle timeout.
 *
 * `users.totp_secret` (kept free by migration 1) now holds the TOTP secret,
 * sealed with the hub's key (hub/accounts/secret-box.ts); it counts from
 * `totp_confirmed_at` on. `totp_last_step` is the 30-second step of the last
 * code accepted, so no code is taken twice.
 */
export const sessionsAndTotp: HubMigration = {
  version: 2,
  name: 'sessions and TOTP',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `ALTER TABLE users ADD COLUMN totp_confirmed_at TEXT`,
      `ALTER TABLE users ADD COLUMN totp_last_step INTEGER CHECK (totp_last_step IS NULL OR totp_last_step >= 0)`,
      `CREATE TABLE sessions (
        id           ${id},
        token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        user_id      INTEGER NOT NULL REFERENCES users (id),
        scope        TEXT NOT NULL CHECK (scope IN ('full', 'totp-setup')),
        created_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      )${strict}`,
      `CREATE INDEX sessions_by_user ON sessions (user_id)`,
      `CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at)`,
      `CREATE TABLE key_fingerprints (
        name        TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        created_at  TEXT NOT NULL
      )${strict}`,
    ]);
  },
};
