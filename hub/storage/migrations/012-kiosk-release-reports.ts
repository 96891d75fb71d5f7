import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 12: where each kiosk stands with content releases, as its heartbeats say
 * (service/content/updater/): what it serves, the updater's last step, and
 * the history of what went wrong (refused, rolled back, a check failed
 * because metadata was replayed, expired, or badly signed) — what a rollout
 * view counts kiosks by, and what an administrator reads when one lags.
 *
 * `kiosk_release_states`: one row per kiosk, replaced by each report.
 *
 * `kiosk_release_events`: appended; a kiosk sends an event until the hub
 * acknowledges it, so the same event may arrive twice: (kiosk_id, at,
 * kind, release_number) is unique and a repeat is left out.
 */
export const kioskReleaseReports: HubMigration = {
  version: 12,
  name: 'kiosks’ content release states and events',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE kiosk_release_states (
        kiosk_id       INTEGER PRIMARY KEY REFERENCES kiosks (id),
        served_release INTEGER NOT NULL CHECK (served_release >= 0),
        step           TEXT,
        release_number INTEGER,
        reason         TEXT,
        step_at        TEXT,
        reported_at    TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE kiosk_release_events (
        id             ${id},
        kiosk_id       INTEGER NOT NULL REFERENCES kiosks (id),
        at             TEXT NOT NULL,
        kind           TEXT NOT NULL,
        release_number INTEGER,
        reason         TEXT NOT NULL,
        detail         TEXT NOT NULL,
        received_at    TEXT NOT NULL,
        UNIQUE (kiosk_id, at, kind, release_number)
      )${strict}`,
      `CREATE INDEX kiosk_release_states_by_release ON kiosk_release_states (served_release)`,
    ]);
  },
};
