import { engineWords, runStatements, type HubMigration } from './migration';

/**
 * 10: what the case desks keep besides a case's current status.
 *
 * `case_events`: every change of a case's status, with its details (no
 * personal data: common/hub/cases.ts) and the officer who made it — the
 * history the desk shows. Deleted with the case's submission when the
 * retention period purges it; the anonymous `case_facts` row stays.
 *
 * `case_lookup_misses`: the wrong tries of 查询进度 (an unknown reference,
 * or a wrong phone suffix), by kiosk and reference, so every hub instance
 * counts the same tries; rows older than the counting window are deleted
 * as new ones come. Never the digits tried.
 *
 * `submissions.handled_at/handled_by`: a callback request marked done.
 */
export const caseDesk: HubMigration = {
  version: 10,
  name: 'case history, 查询进度 wrong tries, callbacks done',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE case_events (
        id            ${id},
        submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        status        TEXT NOT NULL,
        details       TEXT NOT NULL,
        by_user_id    INTEGER REFERENCES users (id),
        at            TEXT NOT NULL
      )${strict}`,
      `CREATE INDEX case_events_by_submission ON case_events (submission_id, id)`,
      `CREATE TABLE case_lookup_misses (
        id        ${id},
        kiosk_id  INTEGER NOT NULL REFERENCES kiosks (id),
        reference TEXT NOT NULL,
        at        TEXT NOT NULL
      )${strict}`,
      `CREATE INDEX case_lookup_misses_by_kiosk ON case_lookup_misses (kiosk_id, at)`,
      `CREATE INDEX case_lookup_misses_by_reference ON case_lookup_misses (reference, at)`,
      `ALTER TABLE submissions ADD COLUMN handled_at TEXT`,
      `ALTER TABLE submissions ADD COLUMN handled_by INTEGER REFERENCES users (id)`,
    ]);
  },
};
