import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 6: video calls between kiosks and lawyers: the calls, the offers that
 * rang lawyers, each lawyer's duty status and queues, the regions' duty
 * rosters, and the documents a lawyer pushes to the kiosk.
 *
 * A call's row is the truth about it, whatever hub instance holds its
 * sockets: `state` goes waiting → in-call → ended, each step one
 * conditional update (`WHERE state = …`), so two lawyers answering at once
 * on two instances cannot both win. The database also decides the rules
 * no race may break, with partial unique indexes both engines have: a
 * kiosk has at most one call not ended; a lawyer is in at most one call;
 * a lawyer is rung by at most one offer at a time. The citizen's name
 * (shown on the ID card, when they chose to) lives only while the call
 * does: a CHECK refuses an ended call that still holds it, and a masked
 * form (张**) stays for the record.
 *
 * Presence is kept as last-seen times (`calls.kiosk_seen_at`,
 * `lawyer_duty.seen_at`), touched by whichever instance holds the party's
 * socket: a call is ended only once its party has not been seen for its
 * grace, never because an instance restarted.
 *
 * Topics, reasons and outcomes are spelled out here, as the roles in
 * migration 1: a new one is a new migration.
 */
export const calls: HubMigration = {
  version: 6,
  name: 'video calls, duty and rosters',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    const topics = `'labour', 'family', 'debts', 'neighbours', 'consumer', 'traffic', 'housing', 'other'`;
    await runStatements(trx, [
      `CREATE TABLE calls (
        id                 TEXT PRIMARY KEY CHECK (length(id) = 36),
        kiosk_id           INTEGER NOT NULL REFERENCES kiosks (id),
        region_code        TEXT NOT NULL CHECK (length(region_code) = 6),
        topic              TEXT NOT NULL CHECK (topic IN (${topics})),
        caller_name        TEXT CHECK (caller_name IS NULL OR length(caller_name) BETWEEN 1 AND 50),
        caller_name_masked TEXT CHECK (caller_name_masked IS NULL OR length(caller_name_masked) BETWEEN 1 AND 50),
        state              TEXT NOT NULL CHECK (state IN ('waiting', 'in-call', 'ended')),
        lawyer_id          INTEGER REFERENCES users (id),
        created_at         TEXT NOT NULL,
        answered_at        TEXT,
        ended_at           TEXT,
        end_reason         TEXT CHECK (end_reason IS NULL OR end_reason IN ('completed', 'abandoned', 'missed', 'dropped')),
        max_wait_until     TEXT NOT NULL,
        kiosk_seen_at      TEXT NOT NULL,
        CHECK (state <> 'in-call' OR (lawyer_id IS NOT NULL AND answered_at IS NOT NULL)),
        CHECK (state <> 'ended' OR (ended_at IS NOT NULL AND end_reason IS NOT NULL AND caller_name IS NULL))
      )${strict}`,
      `CREATE INDEX calls_waiting ON calls (created_at) WHERE state = 'waiting'`,
      `CREATE UNIQUE INDEX calls_one_open_per_kiosk ON calls (kiosk_id) WHERE state <> 'ended'`,
      `CREATE UNIQUE INDEX calls_one_per_lawyer ON calls (lawyer_id) WHERE state = 'in-call'`,
      `CREATE INDEX calls_by_lawyer ON calls (lawyer_id, created_at)`,
      `CREATE INDEX calls_by_created ON calls (created_at)`,
      `CREATE TABLE call_offers (
        id         ${id},
        call_id    TEXT NOT NULL REFERENCES calls (id),
        lawyer_id  INTEGER NOT NULL REFERENCES users (id),
        offered_at TEXT NOT NULL,
        outcome    TEXT CHECK (outcome IS NULL OR outcome IN ('answered', 'timed-out', 'withdrawn')),
        decided_at TEXT
      )${strict}`,
      `CREATE UNIQUE INDEX call_offers_one_ringing ON call_offers (lawyer_id) WHERE outcome IS NULL`,
      `CREATE INDEX call_offers_by_call ON call_offers (call_id)`,
      `CREATE INDEX call_offers_ringing ON call_offers (offered_at) WHERE outcome IS NULL`,
      `CREATE TABLE lawyer_duty (
        user_id           INTEGER PRIMARY KEY REFERENCES users (id),
        status            TEXT NOT NULL CHECK (status IN ('available', 'away', 'offline')),
        reason            TEXT CHECK (reason IS NULL OR reason IN ('unanswered-offers', 'disconnected')),
        changed_at        TEXT NOT NULL,
        unanswered_in_row INTEGER NOT NULL DEFAULT 0 CHECK (unanswered_in_row >= 0),
        seen_at           TEXT NOT NULL
      )${strict}`,
      `CREATE INDEX lawyer_duty_on ON lawyer_duty (status) WHERE status <> 'offline'`,
      `CREATE TABLE lawyer_queues (
        user_id     INTEGER NOT NULL REFERENCES users (id),
        region_code TEXT CHECK (region_code IS NULL OR length(region_code) = 6),
        topic       TEXT CHECK (topic IS NULL OR topic IN (${topics}))
      )${strict}`,
      `CREATE INDEX lawyer_queues_by_user ON lawyer_queues (user_id)`,
      `CREATE TABLE duty_roster (
        id          ${id},
        region_code TEXT NOT NULL CHECK (length(region_code) = 6),
        weekday     TEXT NOT NULL CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
        hours       TEXT NOT NULL CHECK (length(hours) = 11),
        lawyer_id   INTEGER REFERENCES users (id)
      )${strict}`,
      `CREATE INDEX duty_roster_by_region ON duty_roster (region_code)`,
      `CREATE TABLE call_documents (
        id         TEXT PRIMARY KEY CHECK (length(id) = 36),
        call_id    TEXT NOT NULL REFERENCES calls (id),
        lawyer_id  INTEGER NOT NULL REFERENCES users (id),
        kind       TEXT NOT NULL CHECK (kind IN ('pdf', 'template', 'note')),
        title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        content    TEXT NOT NULL,
        bytes      INTEGER NOT NULL CHECK (bytes >= 0),
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at TEXT NOT NULL,
        fetched_at TEXT
      )${strict}`,
      `CREATE INDEX call_documents_by_call ON call_documents (call_id)`,
      `CREATE INDEX call_documents_by_created ON call_documents (created_at)`,
    ]);
  },
};
