import { missingFields } from '../../common/hub/api/call-records';
import type { HubApi } from '../../common/hub/api/contract';
import { mayManageKiosksIn } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import { tallyFigures } from '../calls/call-figures';
import { kioskNameOf } from '../calls/desk-snapshot';
import { readFigureInputs } from '../calls/figure-inputs';
import { appendAudit } from '../storage/audit-log';
import { findRecord, recordOf, saveRecord } from '../storage/call-records';
import { callTarget, findCall } from '../storage/calls';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { scopeOf, signedIn } from './route-callers';

/**
 * The routes of what calls leave behind: the consultation record a lawyer
 * keeps of each call they answered, read by them and by the administrators
 * of the kiosk's region (each read audited: the record is personal data);
 * and the call figures, for the administrators of the regions counted.
 * A call the caller may not see is answered as none (404).
 */

type RecordRoutes = 'consultationRecordSave' | 'consultationRecord' | 'callFigures';

export function createRecordHandlers(deps: {
  db: HubDb;
  now: () => Date;
}): Pick<Handlers<HubApi, HubCaller>, RecordRoutes> {
  const { db, now } = deps;
  const noCall = (): HttpError => new HttpError(404, 'not-found', 'No call of yours has this id');

  return {
    async consultationRecordSave(body, ctx) {
      const lawyerId = signedIn(ctx).session.user.id;
      const call = await findCall(db, body.callId);
      if (call?.lawyer_id !== lawyerId || call.answered_at === null) throw noCall();
      const before = await findRecord(db, call.id);
      const fields = {
        topic: body.topic ?? before?.topic ?? call.topic,
        facts: body.facts,
        advice: body.advice,
        referral: body.referral,
      };
      // A finished record stays finished: a correction must be whole too.
      const finish = body.finish || (before?.finished_at ?? null) !== null;
      const missing = finish ? missingFields(fields) : [];
      if (missing.length > 0) return { outcome: 'refused', missing };
      const saved = await saveRecord(db, { callId: call.id, lawyerId, ...fields, finish }, now());
      if (saved.outcome === 'closed')
        throw new HttpError(409, 'conflict', 'The record was finished too long ago to be changed');
      return saved;
    },

    async consultationRecord(body, ctx) {
      const user = signedIn(ctx).session.user;
      const call = await db
        .selectFrom('calls')
        .innerJoin('kiosks', 'kiosks.id', 'calls.kiosk_id')
        .innerJoin('users', 'users.id', 'calls.lawyer_id')
        .select([
          'calls.id',
          'calls.topic',
          'calls.region_code',
          'calls.caller_name_masked',
          'calls.lawyer_id',
          'calls.created_at',
          'calls.answered_at',
          'calls.ended_at',
          'calls.end_reason',
          'kiosks.display_name',
          'kiosks.site',
          'users.display_name as lawyer_display_name',
          'users.login as lawyer_login',
        ])
        .where('calls.id', '=', body.callId)
        .executeTakeFirst();
      if (
        call === undefined ||
        call.answered_at === null ||
        !(user.role === 'lawyer' ? call.lawyer_id === user.id : mayManageKiosksIn(scopeOf(user), call.region_code))
      )
        throw noCall();
      const record = await findRecord(db, call.id);
      // Every view of personal data is audited; a call without a record shows none.
      if (record !== undefined)
        await appendAudit(
          db,
          { actor: { userId: user.id }, action: 'call.record-view', target: callTarget(call.id) },
          now(),
        );
      return {
        call: {
          callId: call.id,
          topic: call.topic,
          regionCode: call.region_code,
          kioskName: kioskNameOf(call),
          callerName: call.caller_name_masked,
          lawyerName: call.lawyer_display_name ?? call.lawyer_login,
          createdAt: call.created_at,
          answeredAt: call.answered_at,
          endedAt: call.ended_at,
          endReason: call.end_reason,
        },
        record: record === undefined ? null : recordOf(record),
      };
    },

    async callFigures(body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const regionCode = body.regionCode ?? (actor.role === 'administrator' ? null : actor.regionCode);
      if (regionCode === null ? actor.role !== 'administrator' : !mayManageKiosksIn(actor, regionCode))
        throw new HttpError(403, 'forbidden', 'You may not see the figures of this region');
      return tallyFigures(await readFigureInputs(db, { from: body.from, to: body.to, regionCode }));
    },
  };
}
