import { runStatements, type HubMigration } from './migration';

/**
 * 4: what the hub hears from its kiosks. `kiosks.last_seen_at` is the last
 * authenticated request; `kiosk_heartbeats` keeps each kiosk's latest
 * heartbeat (the report as JSON text, one row per kiosk, replaced by the
 * next). `kiosk_nonces` keeps the nonces of signed requests a while longer
 * than the clock window (see server-kit/kiosk-identity), so a replayed
 * request is refused on every hub instance sharing the database.
 */
export const kioskHeartbeats: HubMigration = {
  version: 4,
  name: 'kiosk heartbeats and request nonces',
  async up(trx, engine) {
    const strict = engine === 'sqlite' ? ' STRICT' : '';
    await runStatements(trx, [
      `ALTER TABLE kiosks ADD COLUMN last_seen_at TEXT`,
      `CREATE TABLE kiosk_heartbeats (
        kiosk_id    INTEGER PRIMARY KEY REFERENCES kiosks (id),
        received_at TEXT NOT NULL,
        report      TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE kiosk_nonces (
        kiosk_id INTEGER NOT NULL REFERENCES kiosks (id),
        nonce    TEXT NOT NULL,
        seen_at  TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, nonce)
      )${strict}`,
      `CREATE INDEX kiosk_nonces_by_seen ON kiosk_nonces (seen_at)`,
    ]);
  },
};
