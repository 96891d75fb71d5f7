import { CALL_MAX_UNANSWERED_OFFERS, type DutyStatus } from '../../common/hub/api/calls';
import { appendAudit, userTarget } from './audit-log';
import type { HubDb, LawyerDutyTable } from './schema';
import type { Selectable } from 'kysely';

/**
 * Lawyers' duty status (call-centre "agent status": 在线接待 / 暂离 /
 * 下线), apart from whether they are in a call, which is the calls' rows.
 * A lawyer without a row is offline. Changes the hub makes by itself (too
 * many unanswered offers, every console gone) carry their reason until
 * the lawyer sets a status again, and are conditional, so two instances
 * sweeping at once make them once.
 */

export type DutyRow = Selectable<LawyerDutyTable>;

export async function findDuty(db: HubDb, userId: number): Promise<DutyRow | undefined> {
  return db.selectFrom('lawyer_duty').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Withdraws the offers ringing the lawyer: one who is not available is not rung. */
async function withdrawOffersOf(trx: HubDb, userId: number, at: string): Promise<void> {
  await trx
    .updateTable('call_offers')
    .set({ outcome: 'withdrawn', decided_at: at })
    .where('lawyer_id', '=', userId)
    .where('outcome', 'is', null)
    .execute();
}

/**
 * The lawyer sets their status: the reason the hub gave is forgotten, the
 * count of unanswered offers starts again, and the offers ringing them
 * are withdrawn unless they are available. Audited with the status before.
 */
export async function setDuty(db: HubDb, userId: number, status: DutyStatus, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await findDuty(trx, userId);
    await trx
      .insertInto('lawyer_duty')
      .values({ user_id: userId, status, reason: null, changed_at: at, unanswered_in_row: 0, seen_at: at })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ status, reason: null, changed_at: at, unanswered_in_row: 0, seen_at: at }),
      )
      .execute();
    if (status !== 'available') await withdrawOffersOf(trx, userId, at);
    await appendAudit(
      trx,
      {
        actor: { userId },
        action: 'duty.set',
        target: userTarget(userId),
        details: { from: before?.status ?? 'offline', to: status },
      },
      now,
    );
  });
}

/** A console of the lawyer opened: their row exists (offline the first time) and they were seen now. */
export async function noteLawyerSeen(db: HubDb, userId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('lawyer_duty')
    .values({ user_id: userId, status: 'offline', reason: null, changed_at: at, unanswered_in_row: 0, seen_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ seen_at: at }))
    .execute();
}

/** The lawyers' consoles are open on this instance. */
export async function touchLawyers(db: HubDb, userIds: readonly number[], now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('lawyer_duty').set({ seen_at: now.toISOString() }).where('user_id', 'in', userIds).execute();
}

/**
 * An offer to the lawyer rang out: counted, and at CALL_MAX_UNANSWERED_OFFERS
 * in a row an available lawyer is set to away, by the hub, saying why.
 * Call it in the transaction that marked the offer timed out (only the
 * instance whose update marked it counts it). Answers whether the status
 * changed.
 */
export async function countUnansweredOffer(trx: HubDb, userId: number, now: Date): Promise<boolean> {
  await trx
    .updateTable('lawyer_duty')
    .set((eb) => ({ unanswered_in_row: eb('unanswered_in_row', '+', 1) }))
    .where('user_id', '=', userId)
    .execute();
  const away = await trx
    .updateTable('lawyer_duty')
    .set({ status: 'away', reason: 'unanswered-offers', changed_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('status', '=', 'available')
    .where('unanswered_in_row', '>=', CALL_MAX_UNANSWERED_OFFERS)
    .executeTakeFirst();
  if (Number(away.numUpdatedRows) !== 1) return false;
  await appendAudit(
    trx,
    {
      actor: 'system',
      action: 'duty.away',
      target: userTarget(userId),
      details: { reason: 'unanswered-offers', unanswered: CALL_MAX_UNANSWERED_OFFERS },
    },
    now,
  );
  return true;
}

/**
 * Sets lawyers whose consoles were all gone since before `seenBefore` to
 * offline (reason `disconnected`), each with a conditional update on the
 * time seen, so a console that came back meanwhile keeps its lawyer on
 * duty. Answers the lawyers so set.
 */
export async function offlineUnseenLawyers(db: HubDb, seenBefore: Date, now: Date): Promise<number[]> {
  const cutoff = seenBefore.toISOString();
  const at = now.toISOString();
  const stale = await db
    .selectFrom('lawyer_duty')
    .select('user_id')
    .where('status', '<>', 'offline')
    .where('seen_at', '<', cutoff)
    .execute();
  const changed: number[] = [];
  for (const { user_id } of stale) {
    const done = await db.transaction().execute(async (trx) => {
      const set = await trx
        .updateTable('lawyer_duty')
        .set({ status: 'offline', reason: 'disconnected', changed_at: at })
        .where('user_id', '=', user_id)
        .where('status', '<>', 'offline')
        .where('seen_at', '<', cutoff)
        .executeTakeFirst();
      if (Number(set.numUpdatedRows) !== 1) return false;
      await withdrawOffersOf(trx, user_id, at);
      await appendAudit(
        trx,
        { actor: 'system', action: 'duty.offline', target: userTarget(user_id), details: { reason: 'disconnected' } },
        now,
      );
      return true;
    });
    if (done) changed.push(user_id);
  }
  return changed;
}
