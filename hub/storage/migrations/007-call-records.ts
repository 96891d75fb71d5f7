import { runStatements, type HubMigration } from './migration';

/**
 * 7: the lawyers' consultation records, and the call requests the desk
 * refused, for the call figures.
 *
 * `call_records`: one per answered call, written by the lawyer who
 * answered it. Facts and advice may name people: they are kept short, and
 * NULL while a draft has none (never '', which KingbaseES reads as NULL).
 * A finished record has every field, which the database checks too.
 * `finished_at` is set once, when it is first finished.
 *
 * `call_refusals`: a counter per China day, kiosk and reason of the
 * requests answered `unavailable` before anything was queued. Nothing
 * else of such a request is kept (no call row, no name): only that it
 * happened, so the figures can say how many callers were turned away.
 * Two instances counting at once both count: the increment is one
 * `INSERT … ON CONFLICT DO UPDATE`, atomic on both engines.
 *
 * Topics, referrals and reasons are spelled out here, as the roles in
 * migration 1: a new one is a new migration.
 */
export const callRecords: HubMigration = {
  version: 7,
  name: 'consultation records and refused call requests',
  async up(trx, engine) {
    const strict = engine === 'sqlite' ? ' STRICT' : '';
    const topics = `'labour', 'family', 'debts', 'neighbours', 'consumer', 'traffic', 'housing', 'other'`;
    await runStatements(trx, [
      `CREATE TABLE call_records (
        call_id     TEXT PRIMARY KEY REFERENCES calls (id),
        lawyer_id   INTEGER NOT NULL REFERENCES users (id),
        topic       TEXT NOT NULL CHECK (topic IN (${topics})),
        facts       TEXT CHECK (facts IS NULL OR length(facts) BETWEEN 1 AND 2000),
        advice      TEXT CHECK (advice IS NULL OR length(advice) BETWEEN 1 AND 2000),
        referral    TEXT CHECK (referral IS NULL OR referral IN ('legal-aid', 'mediation', 'litigation', 'none')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        finished_at TEXT,
        CHECK (finished_at IS NULL OR (facts IS NOT NULL AND advice IS NOT NULL AND referral IS NOT NULL))
      )${strict}`,
      `CREATE INDEX call_records_by_lawyer ON call_records (lawyer_id)`,
      `CREATE TABLE call_refusals (
        day         TEXT NOT NULL CHECK (length(day) = 10),
        kiosk_id    INTEGER NOT NULL REFERENCES kiosks (id),
        region_code TEXT NOT NULL CHECK (length(region_code) = 6),
        reason      TEXT NOT NULL CHECK (reason IN ('no-lawyer', 'outside-hours')),
        requests    INTEGER NOT NULL CHECK (requests > 0),
        PRIMARY KEY (day, kiosk_id, reason)
      )${strict}`,
    ]);
  },
};
