import type { Database as Db } from 'better-sqlite3';
import type { KioskReleaseReport } from '../../../common/hub/api/kiosks';
import type { UpdateStatus } from './content-updater';

/**
 * The content-release part of the heartbeat: the release served, the
 * updater's last step, and the store's events the hub has not acknowledged
 * (content_release_events with no reported_at). The texts say what was
 * wrong with a release file or its metadata; no personal data is in them.
 */

const EVENTS_PER_BEAT = 50;
const DETAIL_MAX = 500;

const clip = (text: string): string => (text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text);

export function releaseReport(records: Db, served: number, status: UpdateStatus | undefined): KioskReleaseReport {
  const rows = records
    .prepare(
      `SELECT id, at, kind, release_number, reason, detail FROM content_release_events
       WHERE reported_at IS NULL ORDER BY id LIMIT ?`,
    )
    .all(EVENTS_PER_BEAT) as {
    id: number;
    at: string;
    kind: string;
    release_number: number;
    reason: string;
    detail: string;
  }[];
  return {
    served,
    step:
      status === undefined
        ? null
        : {
            step: status.step,
            releaseNumber: status.releaseNumber,
            reason: status.reason,
            detail: status.detail === null ? null : clip(status.detail),
            at: status.at,
          },
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      releaseNumber: r.release_number,
      reason: r.reason,
      detail: clip(r.detail),
    })),
  };
}

/** The events the hub acknowledged are not sent again. */
export function markReleaseEventsReported(records: Db, ids: readonly number[], at: Date): void {
  if (ids.length === 0) return;
  const mark = records.prepare(
    'UPDATE content_release_events SET reported_at = ? WHERE id = ? AND reported_at IS NULL',
  );
  records.transaction(() => {
    for (const id of ids) mark.run(at.toISOString(), id);
  })();
}
