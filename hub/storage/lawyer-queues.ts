import { tidyQueues, type CallQueue } from '../../common/hub/call-queues';
import { appendAudit, userTarget, type AuditActor } from './audit-log';
import type { HubDb } from './schema';

/**
 * The queues each lawyer serves (common/hub/call-queues.ts), set by the
 * administrators of the lawyer's region. A lawyer with no row serves the
 * default queues; setting an empty list goes back to them.
 */

/** The queues set for each lawyer named (an empty list for one with none set). */
export async function queuesOf(db: HubDb, userIds: readonly number[]): Promise<Map<number, CallQueue[]>> {
  const queues = new Map<number, CallQueue[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return queues;
  const rows = await db
    .selectFrom('lawyer_queues')
    .select(['user_id', 'region_code', 'topic'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) queues.get(r.user_id)?.push({ regionCode: r.region_code, topic: r.topic });
  for (const [id, list] of queues) queues.set(id, tidyQueues(list));
  return queues;
}

/** Replaces the lawyer's queues (checked already), audited with the queues before and after. */
export async function setQueues(
  db: HubDb,
  userId: number,
  queues: readonly CallQueue[],
  actor: AuditActor,
  now: Date,
): Promise<CallQueue[]> {
  const tidy = tidyQueues(queues);
  await db.transaction().execute(async (trx) => {
    const before = (await queuesOf(trx, [userId])).get(userId) ?? [];
    await trx.deleteFrom('lawyer_queues').where('user_id', '=', userId).execute();
    if (tidy.length > 0)
      await trx
        .insertInto('lawyer_queues')
        .values(tidy.map((q) => ({ user_id: userId, region_code: q.regionCode, topic: q.topic })))
        .execute();
    await appendAudit(
      trx,
      { actor, action: 'lawyer.queues', target: userTarget(userId), details: { from: before, to: tidy } },
      now,
    );
  });
  return tidy;
}
