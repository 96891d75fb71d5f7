import { randomUUID } from 'node:crypto';
import { normaliseLogin } from '../../common/hub/accounts';
import { MY_CALLS_DAYS, MY_CALLS_LIMIT, type CallRecord } from '../../common/hub/api/call-desk';
import type { HubApi } from '../../common/hub/api/contract';
import { effectiveQueues, queuesCover, type CallQueue } from '../../common/hub/call-queues';
import { checkRoster, type RosterProblem } from '../../common/hub/duty-roster';
import { mayManage, mayManageKiosksIn } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import { prepareDocument } from '../calls/push-document';
import { kioskNameOf } from '../calls/desk-snapshot';
import type { LiveBus, LiveEvent } from '../live/live-bus';
import { appendAudit } from '../storage/audit-log';
import { documentOf, fetchDocument, insertDocument, noticeOf } from '../storage/call-documents';
import { callTarget, findCall } from '../storage/calls';
import { rosterOf, setRoster } from '../storage/duty-roster';
import { queuesOf, setQueues } from '../storage/lawyer-queues';
import type { HubDb, UserRow } from '../storage/schema';
import { findUserByLogin } from '../storage/users';
import type { HubCaller, SessionCaller } from './hub-guard';
import { kioskOf, scopeOf, signedIn } from './route-callers';
import type { Logger } from 'pino';

/**
 * The call desk's routes: lawyers' queues and regions' duty rosters for
 * their administrators, a lawyer's own calls, and the documents a lawyer
 * pushes to the kiosk of their call. Rights are the accounts' and kiosks'
 * (common/hub/rights.ts): a lawyer the caller may not manage is answered
 * as none (404); a region outside theirs is refused (403).
 */

type CallRoutes =
  | 'lawyerQueues'
  | 'lawyerQueuesSet'
  | 'dutyRoster'
  | 'dutyRosterSet'
  | 'callsMine'
  | 'callDocumentPush'
  | 'kioskCallDocument';

export interface CallHandlerDeps {
  db: HubDb;
  now: () => Date;
  logger: Logger;
  bus: LiveBus;
}

export function createCallHandlers(deps: CallHandlerDeps): Pick<Handlers<HubApi, HubCaller>, CallRoutes> {
  const { db, now } = deps;
  const publish = async (event: LiveEvent): Promise<void> => {
    await deps.bus
      .publish(event)
      .catch((error: unknown) => deps.logger.warn({ err: error, type: event.type }, 'live event not sent'));
  };

  /** The lawyer named, if the caller may manage them; else a 404 that says no more than "no such lawyer". */
  const managedLawyer = async (ctx: SessionCaller, login: string): Promise<UserRow> => {
    const target = await findUserByLogin(db, normaliseLogin(login));
    if (
      target === undefined ||
      target.role !== 'lawyer' ||
      !mayManage(scopeOf(ctx.session.user), { id: target.id, role: target.role, regionCode: target.region_code })
    )
      throw new HttpError(404, 'not-found', 'No such lawyer');
    return target;
  };

  const queuesAnswer = (lawyer: UserRow, set: readonly CallQueue[]) => ({
    login: lawyer.login,
    queues: [...effectiveQueues(set, lawyer.region_code)],
    queuesAreDefault: set.length === 0,
  });

  const regionManaged = (ctx: SessionCaller, regionCode: string): void => {
    if (!mayManageKiosksIn(scopeOf(ctx.session.user), regionCode))
      throw new HttpError(403, 'forbidden', 'You may not manage the duty roster of this region');
  };

  const rosterAnswer = async (regionCode: string) => {
    const entries = await rosterOf(db, regionCode);
    const ids = [...new Set(entries.flatMap((e) => (e.lawyerId === null ? [] : [e.lawyerId])))];
    const names = new Map(
      ids.length === 0
        ? []
        : (await db.selectFrom('users').select(['id', 'login', 'display_name']).where('id', 'in', ids).execute()).map(
            (u) => [u.id, u.display_name ?? u.login],
          ),
    );
    return {
      regionCode,
      entries: entries.map((e) => ({ ...e, lawyerName: e.lawyerId === null ? null : (names.get(e.lawyerId) ?? null) })),
    };
  };

  return {
    async lawyerQueues(body, ctx) {
      const lawyer = await managedLawyer(signedIn(ctx), body.login);
      return queuesAnswer(lawyer, (await queuesOf(db, [lawyer.id])).get(lawyer.id) ?? []);
    },

    async lawyerQueuesSet(body, ctx) {
      const caller = signedIn(ctx);
      const lawyer = await managedLawyer(caller, body.login);
      const actor = scopeOf(caller.session.user);
      // A queue everywhere, or in another region, is not a regional administrator's to give.
      if (
        actor.role !== 'administrator' &&
        body.queues.some((q) => q.regionCode === null || !mayManageKiosksIn(actor, q.regionCode))
      )
        throw new HttpError(403, 'forbidden', 'You may set queues within your region only');
      const set = await setQueues(db, lawyer.id, body.queues, { userId: caller.session.user.id }, now());
      // What the lawyer's console shows, and whom the waiting callers ring, changed.
      await publish({ type: 'calls-changed' });
      return queuesAnswer(lawyer, set);
    },

    async dutyRoster(body, ctx) {
      regionManaged(signedIn(ctx), body.regionCode);
      return rosterAnswer(body.regionCode);
    },

    async dutyRosterSet(body, ctx) {
      const caller = signedIn(ctx);
      regionManaged(caller, body.regionCode);
      const checked = checkRoster(body.entries);
      const problems: RosterProblem[] = checked.ok ? [] : [...checked.error];
      const actor = scopeOf(caller.session.user);
      for (const [index, entry] of body.entries.entries()) {
        if (entry.lawyerId === null) continue;
        const lawyer = await db
          .selectFrom('users')
          .select(['id', 'role', 'region_code'])
          .where('id', '=', entry.lawyerId)
          .executeTakeFirst();
        if (
          lawyer?.role !== 'lawyer' ||
          (actor.id !== lawyer.id &&
            !mayManage(actor, { id: lawyer.id, role: lawyer.role, regionCode: lawyer.region_code }))
        )
          problems.push({ index, problem: 'lawyer-unknown' });
      }
      if (problems.length > 0 || !checked.ok) return { outcome: 'refused', problems };
      await setRoster(db, body.regionCode, checked.value, { userId: caller.session.user.id }, now());
      return { outcome: 'set', ...(await rosterAnswer(body.regionCode)) };
    },

    async callsMine(_body, ctx) {
      const caller = signedIn(ctx);
      const user = caller.session.user;
      const since = new Date(now().getTime() - MY_CALLS_DAYS * 86_400_000).toISOString();
      const base = () =>
        db
          .selectFrom('calls')
          .innerJoin('kiosks', 'kiosks.id', 'calls.kiosk_id')
          .leftJoin('call_records', 'call_records.call_id', 'calls.id')
          .select([
            'calls.id',
            'calls.topic',
            'calls.region_code',
            'calls.caller_name_masked',
            'calls.state',
            'calls.created_at',
            'calls.answered_at',
            'calls.ended_at',
            'calls.end_reason',
            'calls.lawyer_id',
            'kiosks.display_name',
            'kiosks.site',
            'call_records.created_at as record_created_at',
            'call_records.finished_at as record_finished_at',
          ])
          .where('calls.created_at', '>=', since)
          .orderBy('calls.created_at', 'desc');
      const answered = await base().where('calls.lawyer_id', '=', user.id).limit(MY_CALLS_LIMIT).execute();
      const queues = effectiveQueues((await queuesOf(db, [user.id])).get(user.id) ?? [], user.regionCode);
      // Unanswered calls of every region, filtered by the lawyer's queues: bounded, the newest first.
      const unanswered = (
        await base()
          .where('calls.lawyer_id', 'is', null)
          .where('calls.end_reason', 'in', ['missed', 'abandoned'])
          .limit(MY_CALLS_LIMIT * 10)
          .execute()
      ).filter((c) => queuesCover(queues, { regionCode: c.region_code, topic: c.topic }));
      const calls: CallRecord[] = [...answered, ...unanswered]
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
        .slice(0, MY_CALLS_LIMIT)
        .map((c) => ({
          callId: c.id,
          topic: c.topic,
          regionCode: c.region_code,
          kioskName: kioskNameOf(c),
          callerName: c.caller_name_masked,
          state: c.state,
          createdAt: c.created_at,
          answeredAt: c.answered_at,
          endedAt: c.ended_at,
          endReason: c.end_reason,
          answeredByMe: c.lawyer_id === user.id,
          record: c.lawyer_id === user.id ? recordState(c.record_created_at, c.record_finished_at) : null,
        }));
      return { calls };
    },

    async callDocumentPush(body, ctx) {
      const caller = signedIn(ctx);
      const call = await findCall(db, body.callId);
      if (call?.state !== 'in-call' || call.lawyer_id !== caller.session.user.id)
        throw new HttpError(404, 'not-found', 'No call of yours under way has this id');
      const prepared = prepareDocument(body);
      if (!prepared.ok) throw new HttpError(400, 'bad-request', prepared.error);
      const doc = prepared.value;
      const id = randomUUID();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await insertDocument(trx, {
          id,
          call_id: call.id,
          lawyer_id: caller.session.user.id,
          kind: doc.kind,
          title: doc.title,
          content: doc.content,
          bytes: doc.bytes,
          sha256: doc.sha256,
          created_at: at.toISOString(),
          fetched_at: null,
        });
        // Never its title or content: they may name the citizen.
        await appendAudit(
          trx,
          {
            actor: { userId: caller.session.user.id },
            action: 'call.document-push',
            target: callTarget(call.id),
            details: { documentId: id, kind: doc.kind, bytes: doc.bytes },
          },
          at,
        );
      });
      await publish({ type: 'call-document', callId: call.id, kioskId: call.kiosk_id, documentId: id });
      return noticeOf({ id, ...doc });
    },

    async kioskCallDocument(body, ctx) {
      const row = await fetchDocument(db, body.documentId, kioskOf(ctx).id, now());
      if (row === undefined) throw new HttpError(404, 'not-found', 'No such document for this kiosk');
      return documentOf(row);
    },
  };
}

/** Where the record of a call the lawyer answered stands, from its row's times (both null: no row). */
function recordState(createdAt: string | null, finishedAt: string | null): 'none' | 'draft' | 'finished' {
  if (createdAt === null) return 'none';
  return finishedAt === null ? 'draft' : 'finished';
}
