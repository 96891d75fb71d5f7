import { sql } from 'kysely';
import { CALL_WRAP_UP_MS } from '../../common/hub/api/calls';
import { queuesCover } from '../../common/hub/call-queues';
import type { HubDb } from '../storage/schema';
import { readDesk } from './desk-snapshot';

/**
 * Ring-all: every available lawyer who is not in a call, not in wrap-up
 * and not already rung is offered the oldest waiting call of their queues
 * they have not been offered since they last set their status (an offer
 * that rang out is not rung again at the same lawyer: the caller stays
 * first in the queue for the others). A call so rings every lawyer who
 * can take it; a lawyer is rung by one call at a time.
 *
 * The database decides the races: an offer is inserted only while its
 * call is waiting and its lawyer available, and the index allowing one
 * ringing offer per lawyer turns a second one (another instance ringing
 * at the same moment) into nothing. Answers how many offers it made.
 */
export async function ringLawyers(db: HubDb, now: Date): Promise<number> {
  const wrapUpSince = new Date(now.getTime() - CALL_WRAP_UP_MS);
  const desk = await readDesk(db, { endedSince: wrapUpSince });
  if (desk.waiting.length === 0) return 0;
  const at = now.toISOString();
  let made = 0;
  for (const lawyer of desk.lawyers.values()) {
    if (lawyer.status !== 'available' || lawyer.ringing !== null || lawyer.activeCallId !== null) continue;
    if (lawyer.lastEndedAt !== null && lawyer.lastEndedAt > wrapUpSince.toISOString()) continue;
    const call = desk.waiting.find((c) => !lawyer.offered.has(c.id) && queuesCover(lawyer.queues, c));
    if (call === undefined) continue;
    const done = await db
      .insertInto('call_offers')
      .columns(['call_id', 'lawyer_id', 'offered_at'])
      .expression((eb) =>
        eb
          .selectFrom('calls')
          .select([
            'calls.id',
            // Typed for PostgreSQL, which cannot tell a bare parameter's type in a SELECT list.
            sql<number>`CAST(${lawyer.id} AS INTEGER)`.as('lawyer_id'),
            sql<string>`CAST(${at} AS TEXT)`.as('offered_at'),
          ])
          .where('calls.id', '=', call.id)
          .where('calls.state', '=', 'waiting')
          .where((w) =>
            w.exists(
              w
                .selectFrom('lawyer_duty')
                .select('lawyer_duty.user_id')
                .where('lawyer_duty.user_id', '=', lawyer.id)
                .where('lawyer_duty.status', '=', 'available'),
            ),
          ),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    made += Number(done.numInsertedOrUpdatedRows ?? 0);
  }
  return made;
}
