import { CallbackRequestPayload, RatingPayload } from '../../common/api/submissions';
import { FEEDBACK_LIST_LIMIT } from '../../common/hub/api/case-desk';
import type { HubApi } from '../../common/hub/api/contract';
import { maskPhone } from '../../common/redact';
import { maySeeFeedbackIn, regionPrefix, type AccountScope } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import { appendAudit } from '../storage/audit-log';
import { CLEAR_PAYLOADS, openPayloadJson, type PayloadVault } from '../storage/submission-payloads';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { scopeOf, signedIn } from './route-callers';

/**
 * The list of callback requests (请律师回电) and ratings, for those who
 * work a region's cases and its lawyers: a callback's number masked, shown
 * whole on a separate audited request, and marked done once called back.
 */

type FeedbackRoutes = 'feedback' | 'callbackReveal' | 'callbackDone';

export const callbackTarget = (id: number): string => `callback:${id}`;

const prefixesOf = (actor: AccountScope): string[] | null =>
  actor.role === 'administrator' ? null : actor.regionCode === null ? [] : [regionPrefix(actor.regionCode)];

export function createFeedbackHandlers(deps: {
  db: HubDb;
  now: () => Date;
  payloads?: PayloadVault | undefined;
}): Pick<Handlers<HubApi, HubCaller>, FeedbackRoutes> {
  const { db, now } = deps;
  const vault = deps.payloads ?? CLEAR_PAYLOADS;
  const noCallback = (): HttpError =>
    new HttpError(404, 'not-found', 'No callback request of your regions has this id');

  const rowsOf = (kind: 'callback-request' | 'rating', actor: AccountScope) => {
    let query = db
      .selectFrom('submissions')
      .innerJoin('kiosks', 'kiosks.id', 'submissions.kiosk_id')
      .leftJoin('users', 'users.id', 'submissions.handled_by')
      .select([
        'submissions.id',
        'submissions.kiosk_id',
        'submissions.idempotency_key',
        'submissions.reference',
        'submissions.region_code',
        'submissions.created_at',
        'submissions.payload',
        'submissions.handled_at',
        'kiosks.display_name',
        'kiosks.terminal_id',
        'users.display_name as handled_by_name',
        'users.login as handled_by_login',
      ])
      .where('submissions.kind', '=', kind);
    const prefixes = prefixesOf(actor);
    if (prefixes !== null) {
      if (prefixes.length === 0) return Promise.resolve([]);
      query = query.where((eb) => eb.or(prefixes.map((p) => eb('submissions.region_code', 'like', `${p}%`))));
    }
    return query
      .orderBy('submissions.created_at', 'desc')
      .orderBy('submissions.id', 'desc')
      .limit(FEEDBACK_LIST_LIMIT)
      .execute()
      .then((rows) => rows.filter((r) => maySeeFeedbackIn(actor, r.region_code)));
  };
  const open = (r: { id: number; kiosk_id: number; idempotency_key: string; payload: string }): unknown =>
    openPayloadJson(vault, r.payload, { kioskId: r.kiosk_id, idempotencyKey: r.idempotency_key }, `submission:${r.id}`);

  /** The callback request, if in the caller's regions; else the 404 of none. */
  const seenCallback = async (ctx: HubCaller, id: number) => {
    const actor = scopeOf(signedIn(ctx).session.user);
    const row = await db
      .selectFrom('submissions')
      .select(['id', 'kiosk_id', 'idempotency_key', 'reference', 'region_code', 'payload', 'handled_at'])
      .where('id', '=', id)
      .where('kind', '=', 'callback-request')
      .executeTakeFirst();
    if (row === undefined || !maySeeFeedbackIn(actor, row.region_code)) throw noCallback();
    return { row, actor };
  };

  return {
    async feedback(_body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const callbacks = (await rowsOf('callback-request', actor)).map((r) => {
        const payload = CallbackRequestPayload.parse(open(r));
        return {
          callbackId: r.id,
          reference: r.reference,
          kioskName: r.display_name ?? r.terminal_id,
          regionCode: r.region_code,
          submittedAt: r.created_at,
          topic: payload.topic,
          reason: payload.reason,
          phone: maskPhone(payload.phone),
          handledAt: r.handled_at,
          handledBy: r.handled_at === null ? null : (r.handled_by_name ?? r.handled_by_login ?? null),
        };
      });
      const ratings = (await rowsOf('rating', actor)).map((r) => {
        const payload = RatingPayload.parse(open(r));
        return {
          ratingId: r.id,
          kioskName: r.display_name ?? r.terminal_id,
          regionCode: r.region_code,
          submittedAt: r.created_at,
          subject: payload.subject,
          score: payload.score,
          reasons: payload.reasons ?? [],
        };
      });
      return { callbacks, ratings };
    },

    async callbackReveal(body, ctx) {
      const { row, actor } = await seenCallback(ctx, body.callbackId);
      const payload = CallbackRequestPayload.parse(open(row));
      await appendAudit(
        db,
        {
          actor: { userId: actor.id },
          action: 'callback.reveal',
          target: callbackTarget(row.id),
          details: { reference: row.reference },
        },
        now(),
      );
      return { callbackId: row.id, phone: payload.phone };
    },

    async callbackDone(body, ctx) {
      const { row, actor } = await seenCallback(ctx, body.callbackId);
      const at = now();
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('submissions')
          .set({ handled_at: at.toISOString(), handled_by: actor.id })
          .where('id', '=', row.id)
          .where('handled_at', 'is', null)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return { outcome: 'already-done' as const };
        await appendAudit(
          trx,
          {
            actor: { userId: actor.id },
            action: 'callback.done',
            target: callbackTarget(row.id),
            details: { reference: row.reference },
          },
          at,
        );
        return { outcome: 'done' as const };
      });
    },
  };
}
