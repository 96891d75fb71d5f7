import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 5: the fleet's alerts, each kiosk's health history and opening hours.
 *
 * `kiosk_alerts` keeps every alert, open (`cleared_at` NULL) and cleared:
 * the history is never deleted. At most one open alert per kiosk and kind,
 * decided by the database with a partial unique index, so two hub
 * instances evaluating the same kiosk at once open it once (the loser's
 * `INSERT … ON CONFLICT DO NOTHING` inserts nothing, and is no error).
 * `detail` is NULL rather than '' when there is none (KingbaseES reads ''
 * as NULL).
 *
 * `kiosk_health_samples` is what a kiosk's page draws over days: not
 * every heartbeat (10,000 kiosks beating every half minute is 29 million
 * rows a day), but one when something worth seeing changed and otherwise
 * one an hour; see hub/fleet/health-history.ts. The report is JSON text,
 * as in kiosk_heartbeats. Samples older than the history shown are pruned.
 *
 * `kiosks.opening_hours` is JSON text (common/hub/opening-hours.ts), NULL
 * for the default hours.
 *
 * The alert kinds are spelled out here, as the roles in migration 1: a new
 * kind is a new migration.
 */
export const alertsAndHealthHistory: HubMigration = {
  version: 5,
  name: 'alerts, health history and opening hours',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `ALTER TABLE kiosks ADD COLUMN opening_hours TEXT`,
      `CREATE TABLE kiosk_alerts (
        id         ${id},
        kiosk_id   INTEGER NOT NULL REFERENCES kiosks (id),
        kind       TEXT NOT NULL CHECK (kind IN ('offline', 'printer-paper-out', 'printer-cover-open',
                                                 'reader-missing', 'clock-off', 'disk-low')),
        detail     TEXT CHECK (detail IS NULL OR length(detail) BETWEEN 1 AND 200),
        opened_at  TEXT NOT NULL,
        cleared_at TEXT
      )${strict}`,
      `CREATE UNIQUE INDEX kiosk_alerts_one_open ON kiosk_alerts (kiosk_id, kind) WHERE cleared_at IS NULL`,
      `CREATE INDEX kiosk_alerts_open ON kiosk_alerts (kind) WHERE cleared_at IS NULL`,
      `CREATE INDEX kiosk_alerts_by_kiosk ON kiosk_alerts (kiosk_id, opened_at)`,
      `CREATE TABLE kiosk_health_samples (
        kiosk_id INTEGER NOT NULL REFERENCES kiosks (id),
        at       TEXT NOT NULL,
        sample   TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, at)
      )${strict}`,
      `CREATE INDEX kiosk_health_samples_by_at ON kiosk_health_samples (at)`,
    ]);
  },
};
