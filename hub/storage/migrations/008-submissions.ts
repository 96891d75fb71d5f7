import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 8: submissions delivered from the kiosks' outboxes (legal-aid
 * applications, mediation requests, ratings, template hand-offs, callback
 * requests).
 *
 * A kiosk's idempotency key is unique per kiosk and kept for good: a
 * repeat of it, weeks later, finds the first row (`INSERT … ON CONFLICT DO
 * NOTHING`, atomic on both engines). References are unique per kiosk too
 * (common/reference-number.ts promises no more).
 *
 * `payload` is the submission's JSON as the kiosk's schemas parsed it, and
 * holds personal data (names, ID and phone numbers). It is stored in clear
 * until the case desks bring encryption at rest with a key the hub's
 * configuration names; it is never logged. The region is the kiosk's when
 * the submission arrived, so a kiosk moved later does not move its past.
 *
 * Kinds are spelled out here, as the roles in migration 1: a new one is a
 * new migration.
 */
export const submissions: HubMigration = {
  version: 8,
  name: 'submissions from the kiosks',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    const kinds = `'legal-aid-application', 'mediation-request', 'rating', 'template-handoff', 'callback-request'`;
    await runStatements(trx, [
      `CREATE TABLE submissions (
        id              ${id},
        kiosk_id        INTEGER NOT NULL REFERENCES kiosks (id),
        region_code     TEXT NOT NULL CHECK (length(region_code) = 6),
        idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) = 36),
        kind            TEXT NOT NULL CHECK (kind IN (${kinds})),
        reference       TEXT NOT NULL CHECK (length(reference) = 14),
        created_at      TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        payload         TEXT NOT NULL,
        UNIQUE (kiosk_id, idempotency_key),
        UNIQUE (kiosk_id, reference)
      )${strict}`,
      `CREATE INDEX submissions_by_reference ON submissions (reference)`,
      `CREATE INDEX submissions_by_received ON submissions (received_at)`,
    ]);
  },
};
