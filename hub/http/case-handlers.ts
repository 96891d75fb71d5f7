import type { Logger } from 'pino';
import type { z } from 'zod';
import { LegalAidApplicationPayload, MediationRequestPayload } from '../../common/api/submissions';
import { CASE_LIST_LIMIT, type CaseDetailResponse, type CaseSummary } from '../../common/hub/api/case-desk';
import type { HubApi } from '../../common/hub/api/contract';
import { nextCaseStatuses, type KioskCaseStatusResponse } from '../../common/hub/cases';
import { maskIdNumber, maskName, maskPhone, phoneDigits, redactText } from '../../common/redact';
import { mayWorkCasesIn, regionPrefix, type AccountScope } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError } from '../../server-kit/http/http-error';
import type { LiveBus, LiveEvent } from '../live/live-bus';
import { forgetLookupTry, startLookupTry } from '../storage/case-lookup-misses';
import {
  auditCaseReveal,
  caseHistory,
  casePayload,
  casesByReference,
  caseTarget,
  changeCaseStatus,
  findCase,
  kioskCaseStatusOf,
  listCases,
  type CaseRow,
} from '../storage/cases';
import { CLEAR_PAYLOADS, openPayloadJson, type PayloadVault } from '../storage/submission-payloads';
import type { HubDb } from '../storage/schema';
import type { HubCaller } from './hub-guard';
import { kioskOf, scopeOf, signedIn } from './route-callers';

/**
 * The case desks' routes and the kiosks' 查询进度. A case outside the
 * caller's regions is answered as none (404). Payloads are opened through
 * the vault only where the answer needs them: one case's for its detail,
 * the listed cases' for their masked names, the reference's few for a
 * look-up.
 */

type CaseRoutes = 'cases' | 'caseDetail' | 'caseReveal' | 'caseStatusChange' | 'kioskCaseStatus';

type CasePayload = z.infer<typeof LegalAidApplicationPayload> | z.infer<typeof MediationRequestPayload>;

/** The regions whose cases `actor` works, as code prefixes; null for every region. */
export function casePrefixes(actor: AccountScope): string[] | null {
  if (actor.role === 'administrator') return null;
  return actor.regionCode === null ? [] : [regionPrefix(actor.regionCode)];
}

export function createCaseHandlers(deps: {
  db: HubDb;
  now: () => Date;
  logger: Logger;
  bus: LiveBus;
  payloads?: PayloadVault | undefined;
}): Pick<Handlers<HubApi, HubCaller>, CaseRoutes> {
  const { db, now, logger } = deps;
  const vault = deps.payloads ?? CLEAR_PAYLOADS;
  const noCase = (): HttpError => new HttpError(404, 'not-found', 'No case of your regions has this id');

  const open = (c: CaseRow, stored: string): CasePayload => {
    const context = { kioskId: c.kioskId, idempotencyKey: c.idempotencyKey };
    const json = openPayloadJson(vault, stored, context, caseTarget(c.id));
    return c.kind === 'legal-aid-application'
      ? LegalAidApplicationPayload.parse(json)
      : MediationRequestPayload.parse(json);
  };
  const payloadOf = async (c: CaseRow): Promise<CasePayload> => {
    const stored = await casePayload(db, c.id);
    if (stored === undefined) throw noCase();
    return open(c, stored);
  };

  const summaryOf = (c: CaseRow, payload: CasePayload | undefined): CaseSummary => ({
    caseId: c.id,
    reference: c.reference,
    kind: c.kind,
    status: c.current.status,
    regionCode: c.regionCode,
    kioskName: c.kioskName,
    topic: c.topic,
    applicantName: payload === undefined ? '?' : maskName(payload.applicant.name),
    submittedAt: c.createdAt,
    receivedAt: c.receivedAt,
    changedAt: c.changedAt,
  });

  const detailOf = async (c: CaseRow): Promise<CaseDetailResponse> => {
    const payload = await payloadOf(c);
    const legalAid = 'matter' in payload ? payload : undefined;
    const mediation = 'dispute' in payload ? payload : undefined;
    const idNumber = payload.applicant.idNumber;
    const other = mediation?.otherParty;
    return {
      summary: summaryOf(c, payload),
      current: c.current,
      next: [...nextCaseStatuses(c.kind, c.current.status)],
      masked: {
        applicantName: maskName(payload.applicant.name),
        idNumber: idNumber === undefined ? null : maskIdNumber(idNumber),
        phone: maskPhone(payload.applicant.phone),
        category: legalAid?.matter.category ?? mediation?.dispute.category ?? '',
        summary: redactText(legalAid?.matter.summary ?? mediation?.dispute.summary ?? ''),
        otherParty:
          other !== undefined
            ? [maskName(other.name), other.relation].filter(Boolean).join(' · ')
            : (legalAid?.matter.opposingParty ?? null),
      },
      history: await caseHistory(db, c),
    };
  };

  /** The case, if the caller works its region; else the 404 of none. */
  const workedCase = async (ctx: HubCaller, caseId: number): Promise<CaseRow> => {
    const c = await findCase(db, caseId);
    if (c === undefined || !mayWorkCasesIn(scopeOf(signedIn(ctx).session.user), c.regionCode)) throw noCase();
    return c;
  };

  const publish = async (...events: LiveEvent[]): Promise<void> => {
    for (const event of events)
      await deps.bus
        .publish(event)
        .catch((error: unknown) => logger.warn({ err: error, type: event.type }, 'live event not sent'));
  };

  return {
    async cases(body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      const rows = await listCases(db, {
        kind: body.kind,
        status: body.status,
        regionPrefixes: casePrefixes(actor),
        limit: CASE_LIST_LIMIT,
      });
      const mine = rows.filter((c) => mayWorkCasesIn(actor, c.regionCode));
      if (mine.length === 0) return { cases: [] };
      // Only the listed cases' payloads are opened, for their masked names.
      const payloads = await db
        .selectFrom('submissions')
        .select(['id', 'payload'])
        .where(
          'id',
          'in',
          mine.map((r) => r.id),
        )
        .execute();
      const stored = new Map(payloads.map((p) => [p.id, p.payload]));
      return {
        cases: mine.flatMap((c) => {
          const payload = stored.get(c.id);
          if (payload === undefined) return [];
          try {
            return [summaryOf(c, open(c, payload))];
          } catch (error) {
            // One unreadable row must not hide the desk's other cases. Only the error's kind is
            // logged: a parser's message may quote the payload.
            const kind = error instanceof Error ? error.name : typeof error;
            logger.error({ caseId: c.id, reference: c.reference, error: kind }, 'a case payload does not open');
            return [{ ...summaryOf(c, undefined), applicantName: '?' }];
          }
        }),
      };
    },

    async caseDetail(body, ctx) {
      return detailOf(await workedCase(ctx, body.caseId));
    },

    async caseReveal(body, ctx) {
      const c = await workedCase(ctx, body.caseId);
      const payload = await payloadOf(c);
      // Written before the answer leaves: no view of personal data without its row.
      await auditCaseReveal(db, c, signedIn(ctx).session.user.id, now());
      return { caseId: c.id, payload };
    },

    async caseStatusChange(body, ctx) {
      const user = signedIn(ctx).session.user;
      const c = await workedCase(ctx, body.caseId);
      const movedOn = (status: string) =>
        new HttpError(409, 'conflict', `The case is at "${status}" now: someone changed it first`);
      if (c.current.status !== body.from) throw movedOn(c.current.status);
      if (!nextCaseStatuses(c.kind, body.from).includes(body.to.status))
        throw new HttpError(400, 'bad-request', `A ${c.kind} at "${body.from}" cannot move to "${body.to.status}"`);
      const result = await changeCaseStatus(db, { caseId: c.id, from: body.from, to: body.to, userId: user.id }, now());
      if (result.outcome === 'no-such-case') throw noCase();
      if (result.outcome === 'moved-on') throw movedOn(result.current);
      logger.info({ caseId: c.id, reference: c.reference, from: body.from, to: body.to.status }, 'case status changed');
      await publish(
        { type: 'case-status', kioskId: c.kioskId, status: kioskCaseStatusOf(result.case) },
        { type: 'cases-changed', regionCode: c.regionCode },
      );
      return detailOf(result.case);
    },

    async kioskCaseStatus(body, ctx): Promise<KioskCaseStatusResponse> {
      const kiosk = kioskOf(ctx);
      const at = now();
      const started = await startLookupTry(db, kiosk.id, body.reference, at);
      // The digits never reach the log.
      const about = { kioskId: kiosk.id, reference: body.reference };
      if ('refusedUntil' in started) {
        logger.info(about, 'case look-up refused: too many wrong tries');
        return {
          outcome: 'too-many-tries',
          retryAfterSeconds: Math.max(1, Math.ceil((started.refusedUntil.getTime() - at.getTime()) / 1000)),
        };
      }
      const candidates = await casesByReference(db, body.reference);
      const match = candidates.find((c) => phoneDigits(open(c, c.payload).applicant.phone).endsWith(body.phoneLast4));
      if (match === undefined) {
        // The try stays counted as a wrong one.
        logger.info(about, 'case look-up: no case with this reference and phone');
        return { outcome: 'not-found' };
      }
      await forgetLookupTry(db, started.tryId);
      logger.info(about, 'case look-up answered');
      return { outcome: 'found', status: kioskCaseStatusOf(match) };
    },
  };
}
