import { runStatements, type HubMigration } from './migration';

/**
 * 9: where each case stands, the anonymous facts of every case that the
 * year's figures read, and the kiosks' daily usage counts.
 *
 * `submissions` gains the status of a case (legal-aid applications and
 * mediation requests; NULL for the other kinds), its details as JSON (no
 * personal data: common/hub/cases.ts) and when it last changed.
 *
 * `case_facts`: one row per case, written when the submission arrives and
 * kept up to date as its status moves — kind, region, kiosk, topic (the
 * matter or dispute category), dates and outcome; nothing that names a
 * person. It is never purged: a closed case's submission is deleted after
 * the retention period and the figures still count it. `submission_id`
 * has no foreign key for that reason.
 *
 * `kiosk_usage_daily`: a kiosk's count of a figure on one of its days, as
 * its `daily_stats` holds it, replaced whole when the kiosk sends the day
 * again (idempotent per kiosk and day). The region is the kiosk's when the
 * day arrived.
 */
export const casesAndUsage: HubMigration = {
  version: 9,
  name: 'case status, anonymous case facts and daily usage',
  async up(trx, engine) {
    const strict = engine === 'sqlite' ? ' STRICT' : '';
    const statuses = `'new', 'accepted', 'needs-materials', 'refused', 'lawyer-assigned', 'closed', 'mediating', 'settled', 'not-settled'`;
    await runStatements(trx, [
      `ALTER TABLE submissions ADD COLUMN case_status TEXT CHECK (case_status IS NULL OR case_status IN (${statuses}))`,
      `ALTER TABLE submissions ADD COLUMN case_details TEXT`,
      `ALTER TABLE submissions ADD COLUMN status_changed_at TEXT`,
      `UPDATE submissions SET case_status = 'new', case_details = '{}', status_changed_at = received_at
        WHERE kind IN ('legal-aid-application', 'mediation-request')`,
      `CREATE INDEX submissions_by_case_status ON submissions (case_status, region_code)`,
      `CREATE TABLE case_facts (
        submission_id INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('legal-aid-application', 'mediation-request')),
        kiosk_id      INTEGER NOT NULL REFERENCES kiosks (id),
        region_code   TEXT NOT NULL CHECK (length(region_code) = 6),
        topic         TEXT,
        submitted_at  TEXT NOT NULL,
        received_at   TEXT NOT NULL,
        accepted_at   TEXT,
        assigned_at   TEXT,
        closed_at     TEXT,
        outcome       TEXT CHECK (outcome IS NULL OR outcome IN ('refused', 'closed', 'settled', 'not-settled'))
      )${strict}`,
      `CREATE INDEX case_facts_by_submitted ON case_facts (submitted_at)`,
      `INSERT INTO case_facts (submission_id, kind, kiosk_id, region_code, submitted_at, received_at)
        SELECT id, kind, kiosk_id, region_code, created_at, received_at FROM submissions
        WHERE kind IN ('legal-aid-application', 'mediation-request')`,
      `CREATE TABLE kiosk_usage_daily (
        kiosk_id    INTEGER NOT NULL REFERENCES kiosks (id),
        day         TEXT NOT NULL CHECK (length(day) = 10),
        metric      TEXT NOT NULL,
        key         TEXT NOT NULL,
        count       INTEGER NOT NULL CHECK (count >= 0),
        region_code TEXT NOT NULL CHECK (length(region_code) = 6),
        received_at TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, day, metric, key)
      )${strict}`,
      `CREATE INDEX kiosk_usage_daily_by_day ON kiosk_usage_daily (day)`,
    ]);
  },
};
