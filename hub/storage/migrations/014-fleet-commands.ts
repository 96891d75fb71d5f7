import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 14: commands administrators send kiosks (common/hub/api/fleet-commands.ts),
 * one row each from its sending to its result. The id is the hub's UUID,
 * which the kiosk reports the result under (a repeat finds the result set
 * and changes nothing). A command not delivered by `expires_at` is marked
 * expired and never delivered. The payload (log text, or a screenshot's PNG
 * in base64, size-limited by the contract) is text on both engines.
 */
export const fleetCommands: HubMigration = {
  version: 14,
  name: 'fleet commands',
  async up(trx, engine) {
    const { strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE kiosk_commands (
        id             TEXT PRIMARY KEY,
        kiosk_id       INTEGER NOT NULL REFERENCES kiosks (id),
        kind           TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        expires_at     TEXT NOT NULL,
        delivered_at   TEXT,
        result_status  TEXT CHECK (result_status IN ('expired', 'done', 'failed', 'unsupported')),
        result_detail  TEXT,
        result_at      TEXT,
        payload_kind   TEXT CHECK (payload_kind IN ('logs', 'png')),
        payload        TEXT
      )${strict}`,
      `CREATE INDEX kiosk_commands_open ON kiosk_commands (kiosk_id, result_status)`,
      `CREATE INDEX kiosk_commands_by_time ON kiosk_commands (created_at)`,
    ]);
  },
};
