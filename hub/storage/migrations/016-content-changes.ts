import { CHANGE_STATES, CONTENT_ITEM_KINDS } from '../../../common/hub/api/content-edits';
import { engineWords, runStatements, type HubMigration } from './migration';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * 16: content edited in the console (hub/content-edits/), and the review of
 * uploaded releases.
 *
 * `content_changes`: one row per change to one item, from its first draft to
 * its publication. `item` is the item's fields as JSON (null: the change
 * deletes it); `problems` the builder's findings at the last save. The
 * partial unique index allows one open change (draft or in review) per item,
 * so two administrators saving a first draft of one item at once meet the
 * index, not each other's edits. `approved_at` is the reviewer's claim
 * while the release is built (no transaction is held across the build);
 * `published_at` orders the published changes, each applied over the
 * content source in every later build; `upload_id` is the release it went
 * out in.
 *
 * `content_releases` gains its review: who approved or rejected it, when,
 * with what note, and where it came from (`upload`: hubctl; `edits`: built
 * by the hub from approved changes, published on the approval itself).
 * Releases uploaded before this migration were waiting for `hubctl release
 * publish`; they stay so, in review.
 */
export const contentChanges: HubMigration = {
  version: 16,
  name: 'content changes and the review of uploaded releases',
  async up(trx, engine) {
    const { id, strict } = engineWords(engine);
    await runStatements(trx, [
      `CREATE TABLE content_changes (
        id           ${id},
        kind         TEXT NOT NULL CHECK (kind IN (${list(CONTENT_ITEM_KINDS)})),
        item_id      TEXT NOT NULL CHECK (length(item_id) BETWEEN 1 AND 80),
        is_new       INTEGER NOT NULL CHECK (is_new IN (0, 1)),
        item         TEXT,
        state        TEXT NOT NULL CHECK (state IN (${list(CHANGE_STATES)})),
        problems     TEXT NOT NULL,
        author_id    INTEGER NOT NULL REFERENCES users (id),
        reviewer_id  INTEGER REFERENCES users (id),
        review_note  TEXT,
        failure      TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        approved_at  TEXT,
        published_at TEXT,
        upload_id    INTEGER REFERENCES content_releases (id)
      )${strict}`,
      `CREATE UNIQUE INDEX content_changes_one_open ON content_changes (kind, item_id)
        WHERE state IN ('draft', 'in-review')`,
      `CREATE INDEX content_changes_by_state ON content_changes (state, updated_at)`,
      `ALTER TABLE content_releases ADD COLUMN origin TEXT NOT NULL DEFAULT 'upload' CHECK (origin IN ('upload', 'edits'))`,
      `ALTER TABLE content_releases ADD COLUMN reviewed_by TEXT`,
      `ALTER TABLE content_releases ADD COLUMN reviewed_at TEXT`,
      `ALTER TABLE content_releases ADD COLUMN review_note TEXT`,
      `ALTER TABLE content_releases ADD COLUMN rejected_at TEXT`,
    ]);
  },
};
