import type { Logger } from 'pino';
import type { SubmissionKind } from '../../common/api/submissions';
import { CASE_OUTCOMES } from '../../common/hub/cases';
import { appendAudit, type AuditActor } from './audit-log';
import type { HubDb } from './schema';

/**
 * Retention: submissions, and the personal data in them, are deleted once
 * kept long enough. A case counts from when it became final (its status
 * changed to refused, closed, settled or not settled: never reopened); the
 * other kinds from their receipt. A case's anonymous case_facts row was
 * written on receipt and kept up to date since, and is never purged, so
 * the figures count it still. Each purge that deletes anything writes one
 * audit row with the counts.
 */

export interface Retention {
  closedCaseDays: number;
  callbackDays: number;
  ratingDays: number;
  handoffDays: number;
}

export interface PurgeCounts {
  cases: number;
  callbacks: number;
  ratings: number;
  handoffs: number;
}

const DAY_MS = 24 * 3600_000;
const before = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Deletes what has been kept past its period, in one transaction; answers how many of each. */
export async function purgeExpired(
  db: HubDb,
  retention: Retention,
  now: Date,
  actor: AuditActor,
): Promise<PurgeCounts> {
  return db.transaction().execute(async (trx) => {
    const finalCases = await trx
      .selectFrom('submissions')
      .select('id')
      .where('case_status', 'in', [...CASE_OUTCOMES])
      .where('status_changed_at', '<', before(now, retention.closedCaseDays))
      .execute();
    const caseIds = finalCases.map((r) => r.id);
    if (caseIds.length > 0) {
      await trx.deleteFrom('case_events').where('submission_id', 'in', caseIds).execute();
      await trx.deleteFrom('submissions').where('id', 'in', caseIds).execute();
    }
    const byReceipt = async (kind: SubmissionKind, days: number): Promise<number> => {
      const deleted = await trx
        .deleteFrom('submissions')
        .where('kind', '=', kind)
        .where('received_at', '<', before(now, days))
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    };
    const counts: PurgeCounts = {
      cases: caseIds.length,
      callbacks: await byReceipt('callback-request', retention.callbackDays),
      ratings: await byReceipt('rating', retention.ratingDays),
      handoffs: await byReceipt('template-handoff', retention.handoffDays),
    };
    if (Object.values(counts).some((n) => n > 0))
      await appendAudit(
        trx,
        {
          actor,
          action: 'retention.purge',
          target: 'submissions',
          details: { ...counts, retention: { ...retention } },
        },
        now,
      );
    return counts;
  });
}

/** How often each hub instance purges; two at once delete each row once (the second finds it gone). */
export const PURGE_EVERY_MS = 3600_000;

/** Purges now and every PURGE_EVERY_MS until stopped; a failed purge is logged and the next one tries again. */
export function startRetentionPurge(opts: {
  db: HubDb;
  now: () => Date;
  retention: Retention;
  logger: Logger;
  everyMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const purge = async (): Promise<void> => {
    try {
      const counts = await purgeExpired(opts.db, opts.retention, opts.now(), 'system');
      if (Object.values(counts).some((n) => n > 0)) opts.logger.info(counts, 'retention: expired submissions purged');
    } catch (error) {
      opts.logger.error({ err: error }, 'retention purge failed; the next one tries again');
    }
  };
  const tick = (): void => {
    running ??= purge().finally(() => (running = undefined));
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, opts.everyMs ?? PURGE_EVERY_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
