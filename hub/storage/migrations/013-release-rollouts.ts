import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 13: staged rollouts of content releases (hub/releases/rollouts.ts).
 *
 * `kiosk_group_members`: a kiosk in any number of named groups. A group is
 * only its name: it exists while it has members, and an administrator sees
 * the members in the regions they manage.
 *
 * `release_rollouts`: one row per published release that goes to kiosks: a
 * canary group, then a percentage of the fleet, then every kiosk; running,
 * paused, aborted, or done. A release without a row goes to nobody.
 *
 * `kiosk_release_pins`: the release a kiosk stays at, whatever a rollout says.
 *
 * `release_rollout_changes`: one row, its `generation` counted up by every
 * change of the three, so each hub instance (and a change made by hubctl in
 * another process) notices and tells its kiosks what they may install now.
 *
 * Releases published before this migration go to every kiosk, as they did.
 */
export const releaseRollouts: HubMigration = {
  version: 13,
  name: 'staged rollouts of content releases',
  async up(trx, engine) {
    const { strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE kiosk_group_members (
        group_name TEXT NOT NULL,
        kiosk_id   INTEGER NOT NULL REFERENCES kiosks (id),
        added_at   TEXT NOT NULL,
        added_by   TEXT NOT NULL,
        PRIMARY KEY (group_name, kiosk_id)
      )${strict}`,
      `CREATE INDEX kiosk_group_members_by_kiosk ON kiosk_group_members (kiosk_id)`,
      `CREATE TABLE release_rollouts (
        release_number INTEGER PRIMARY KEY,
        stage          TEXT NOT NULL CHECK (stage IN ('canary', 'percent', 'all')),
        canary_group   TEXT,
        percent        INTEGER CHECK (percent BETWEEN 1 AND 99),
        state          TEXT NOT NULL CHECK (state IN ('running', 'paused', 'aborted', 'done')),
        changed_at     TEXT NOT NULL,
        changed_by     TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE kiosk_release_pins (
        kiosk_id       INTEGER PRIMARY KEY REFERENCES kiosks (id),
        release_number INTEGER NOT NULL CHECK (release_number >= 0),
        pinned_at      TEXT NOT NULL,
        pinned_by      TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE release_rollout_changes (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
      )${strict}`,
      `INSERT INTO release_rollout_changes (id, generation) VALUES (1, 0)`,
      `INSERT INTO release_rollouts (release_number, stage, state, changed_at, changed_by)
        SELECT release_number, 'all', 'done', published_at, 'migration 13'
        FROM content_releases WHERE release_number IS NOT NULL`,
    ]);
  },
};
