import { sql } from 'kysely';
import type { Logger } from 'pino';
import { checkAccountFields, normaliseLogin } from '../../common/hub/accounts';
import type { Me, SignInResponse } from '../../common/hub/api/accounts';
import type { HubApi } from '../../common/hub/api/contract';
import { checkPasswordPolicy } from '../../common/hub/password-policy';
import { mayManage, mayManageKiosksIn, maySee } from '../../common/hub/rights';
import type { Handlers } from '../../server-kit/http/handlers';
import { HttpError, ServiceUnavailableError } from '../../server-kit/http/http-error';
import { hashPassword } from '../accounts/passwords';
import { callTemplateList, DEFAULT_TEMPLATES_DIR } from '../calls/call-templates';
import type { SecretBox } from '../accounts/secret-box';
import { signIn, type SignInRefusal } from '../accounts/sign-in';
import { SignInThrottle, throttleKey } from '../accounts/sign-in-throttle';
import { matchTotp, newTotpSecret, totpUri } from '../accounts/totp';
import { appendAudit, listAudit, userTarget } from '../storage/audit-log';
import { createEnrollCode } from '../storage/enrollment-codes';
import { approveKiosk, findKiosk, listKiosks, revokedEnrollmentsOf, revokeKiosk } from '../storage/kiosks';
import type { HeartbeatCommitter } from '../fleet/heartbeat-committer';
import { kioskDetail } from '../fleet/kiosk-detail';
import { createThrottledRegistration } from '../kiosks/registration-throttle';
import { checkOpeningHours, DEFAULT_OPENING_HOURS } from '../../common/hub/opening-hours';
import { listOpenAlerts } from '../storage/alerts';
import { setOpeningHours } from '../storage/opening-hours';
import { isCaseKind, receiveSubmission, submissionTopic } from '../storage/submissions';
import type { PayloadVault } from '../storage/submission-payloads';
import type { HubSealingKey } from '../kiosks/sealing-key';
import type { OnlineTufKeys } from '../releases/online-keys';
import type { LiveBus, LiveEvent } from '../live/live-bus';
import type { HubDb, KioskRow, UserRow } from '../storage/schema';
import {
  endSession,
  findSession,
  openSession,
  SESSION_IDLE_MS,
  sweepIdleSessions,
  userSessionIds,
  widenSession,
} from '../storage/sessions';
import {
  addUser,
  confirmTotp,
  disableUser,
  findUserById,
  findUserByLogin,
  listUsers,
  LoginTakenError,
  resetPassword,
  resetTotp,
  startTotp,
  toSummary,
  type UserSummary,
} from '../storage/users';
import type { HubCaller, SessionCaller } from './hub-guard';
import { kioskOf, scopeOf, signedIn } from './route-callers';
import { createCallHandlers } from './call-handlers';
import { createRecordHandlers } from './record-handlers';
import { createFigureHandlers } from '../figures/figure-handlers';
import { createCaseHandlers } from './case-handlers';
import { createFeedbackHandlers } from './feedback-handlers';
import { createReleaseHandlers } from './release-handlers';
import { createContentEditHandlers, type ContentEditing } from './content-edit-handlers';
import { createCommandHandlers } from './command-handlers';
import { takeOpenCommands } from '../storage/kiosk-commands';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { allowedReleaseOf } from '../releases/rollouts';

export interface HubHandlerDeps {
  db: HubDb;
  now: () => Date;
  /** Seals and opens TOTP secrets. */
  totpBox: SecretBox;
  /** The name authenticator apps show. */
  totpIssuer: string;
  logger: Logger;
  /** Told what changed once it is committed, for live screens on every instance. */
  bus: LiveBus;
  /** Where heartbeats are committed, several to a commit under load (shared with the kiosks' sockets). */
  heartbeats: HeartbeatCommitter;
  /** Where the document templates lawyers push are read from (default the repository's content/templates). */
  templatesDir?: string;
  /** How submissions' personal payloads are kept at rest (default: as they are). */
  payloads?: PayloadVault;
  /** The key kiosks seal payloads to while they wait (given at enrollment and status); none: kiosks send them in clear. */
  sealing?: HubSealingKey;
  /** The online TUF keys, with the delegated releases key, for publishing what the console's review approved (publishReleaseOnline). */
  tufKeys?: OnlineTufKeys;
  /** Content editing's source and publisher; none: its routes answer 503. */
  contentEditing?: ContentEditing | undefined;
}

/** What a sealed TOTP secret is bound to: its account, so it opens on no other row. */
export const totpContext = (userId: number): string => `totp:user:${userId}`;

function toMe(user: UserSummary): Me {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.regionCode,
    totpEnabled: user.totpEnabled,
  };
}

function refusalAnswer(refusal: SignInRefusal): SignInResponse {
  const iso = (d: Date | undefined) => (d === undefined ? null : d.toISOString());
  switch (refusal.reason) {
    case 'no-such-user':
      return { outcome: 'refused', reason: 'wrong-credentials', lockedUntil: null };
    case 'wrong-password':
      return { outcome: 'refused', reason: 'wrong-credentials', lockedUntil: iso(refusal.locksUntil) };
    case 'locked':
      return { outcome: 'refused', reason: 'locked', lockedUntil: refusal.until.toISOString() };
    case 'disabled':
      return { outcome: 'refused', reason: 'disabled', lockedUntil: null };
    case 'totp-required':
      return { outcome: 'totp-required' };
    case 'wrong-totp':
      return { outcome: 'refused', reason: 'wrong-totp', lockedUntil: iso(refusal.locksUntil) };
  }
}

/**
 * The hub's routes. Each acts for the caller the guard let through, with
 * the rights common/hub/rights.ts gives: an account the caller may not
 * manage is answered as one that does not exist (404), so nobody learns
 * another region's logins by trying them.
 */
export function createHubHandlers(deps: HubHandlerDeps): Handlers<HubApi, HubCaller> {
  const { db, now } = deps;
  const throttle = new SignInThrottle();
  const register = createThrottledRegistration(db);
  const callTemplates = callTemplateList(deps.templatesDir ?? DEFAULT_TEMPLATES_DIR, deps.logger);

  /**
   * Tells every instance, once the change is committed: live sockets close
   * or consoles refresh. An event lost is no harm (see live-bus.ts), so a
   * bus that fails is logged and the answer goes out all the same.
   */
  const publish = async (...events: LiveEvent[]): Promise<void> => {
    for (const event of events) {
      await deps.bus
        .publish(event)
        .catch((error: unknown) => deps.logger.warn({ err: error, type: event.type }, 'live event not sent'));
    }
  };
  const sessionsEnded = (ids: readonly number[]): LiveEvent[] =>
    ids.map((id) => ({ type: 'session-ended', sessionId: String(id) }));

  const currentUser = async (ctx: SessionCaller): Promise<UserRow> => {
    const user = await findUserById(db, ctx.session.user.id);
    if (user === undefined) throw new Error(`the account of session ${ctx.session.id} is gone`);
    return user;
  };

  /** The account named, if the caller may manage it; else a 404 that says no more than "no such account". */
  const managedAccount = async (ctx: SessionCaller, login: string): Promise<UserRow> => {
    const name = normaliseLogin(login);
    if (name === ctx.session.user.login)
      throw new HttpError(403, 'forbidden', 'Not for your own account: ask another administrator');
    const target = await findUserByLogin(db, name);
    if (
      target === undefined ||
      !mayManage(scopeOf(ctx.session.user), { id: target.id, role: target.role, regionCode: target.region_code })
    )
      throw new HttpError(404, 'not-found', 'No such account');
    return target;
  };

  /** The kiosk named, if in a region the caller manages; else a 404 that says no more than "no such kiosk". */
  const managedKiosk = async (ctx: SessionCaller, id: number): Promise<KioskRow> => {
    const kiosk = await findKiosk(db, id);
    if (kiosk === undefined || !mayManageKiosksIn(scopeOf(ctx.session.user), kiosk.region_code))
      throw new HttpError(404, 'not-found', 'No such kiosk');
    return kiosk;
  };

  return {
    ...createCallHandlers(deps),
    ...createCommandHandlers({ db, now, publish }),
    ...createRecordHandlers(deps),
    ...createFigureHandlers(deps),
    ...createCaseHandlers(deps),
    ...createFeedbackHandlers(deps),
    ...createReleaseHandlers(deps),
    ...createContentEditHandlers(deps),

    async health() {
      try {
        await sql`SELECT 1`.execute(db);
      } catch (error) {
        deps.logger.error({ err: error }, 'health: the database does not answer');
        throw new ServiceUnavailableError('The database does not answer');
      }
      return { status: 'ok' };
    },

    async signIn(body, ctx, answer) {
      const at = now();
      const throttledUntil = throttle.refusedUntil(ctx.clientAddress, at);
      if (throttledUntil !== undefined)
        return { outcome: 'refused', reason: 'too-many-attempts', lockedUntil: throttledUntil.toISOString() };
      // Now and then is enough: a session idle too long is refused when used anyway.
      await sweepIdleSessions(db, at);
      const result = await signIn(db, body.login, body.password, at, {
        from: ctx.clientAddress,
        secondFactor: {
          code: body.totpCode,
          match: (user, code, when) =>
            user.totp_secret === null
              ? null
              : matchTotp(deps.totpBox.open(user.totp_secret, totpContext(user.id)), code, when),
        },
      });
      if (!result.ok) {
        // Asking for the code is a step, not a failure.
        if (result.error.reason !== 'totp-required') {
          throttle.recordFailure(ctx.clientAddress, at);
          const until = throttle.refusedUntil(ctx.clientAddress, at);
          // Said once, as the address crosses the line: later attempts are refused without a row each.
          if (until !== undefined)
            await appendAudit(
              db,
              {
                actor: 'system',
                action: 'sign-in.address-throttled',
                details: { from: throttleKey(ctx.clientAddress), until: until.toISOString() },
              },
              at,
            );
        }
        return refusalAnswer(result.error);
      }
      // A session the browser still held (someone else's, on a shared desk) ends with the new sign-in.
      if (ctx.presentedToken !== undefined) {
        const old = await findSession(db, ctx.presentedToken, at);
        if (old !== undefined) {
          await endSession(db, old.id);
          await publish(...sessionsEnded([old.id]));
        }
      }
      const setupOnly = result.value.secondFactor === 'set-up-needed';
      const token = await openSession(db, result.value.user.id, setupOnly ? 'totp-setup' : 'full', at);
      setSessionCookie(answer, token, ctx.secure);
      const user = toMe(result.value.user);
      return setupOnly ? { outcome: 'totp-setup-required', user } : { outcome: 'signed-in', user };
    },

    async signOut(_body, ctx, answer) {
      const caller = signedIn(ctx);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await endSession(trx, caller.session.id);
        await appendAudit(
          trx,
          {
            actor: { userId: caller.session.user.id },
            action: 'user.sign-out',
            target: userTarget(caller.session.user.id),
          },
          at,
        );
      });
      clearSessionCookie(answer, ctx.secure);
      await publish(...sessionsEnded([caller.session.id]));
      return {};
    },

    async me(_body, ctx) {
      const caller = signedIn(ctx);
      const user = await currentUser(caller);
      return {
        user: toMe(toSummary(user)),
        session: {
          totpSetupRequired: caller.session.scope === 'totp-setup',
          idleTimeoutSeconds: SESSION_IDLE_MS / 1000,
        },
      };
    },

    async totpStart(_body, ctx) {
      const caller = signedIn(ctx);
      const user = await currentUser(caller);
      const secret = newTotpSecret();
      const outcome = await startTotp(db, user.id, deps.totpBox.seal(secret, totpContext(user.id)), now());
      if (outcome === 'already-set-up') throw new HttpError(409, 'conflict', 'Two-factor sign-in is set up already');
      return { secret, uri: totpUri(secret, user.login, deps.totpIssuer) };
    },

    async totpConfirm(body, ctx) {
      const caller = signedIn(ctx);
      const user = await currentUser(caller);
      if (user.totp_confirmed_at !== null) throw new HttpError(409, 'conflict', 'Two-factor sign-in is set up already');
      if (user.totp_secret === null) throw new HttpError(409, 'conflict', 'Start the set-up first');
      const at = now();
      const step = matchTotp(deps.totpBox.open(user.totp_secret, totpContext(user.id)), body.code, at);
      // Not counted toward the lockout, unlike a wrong code at sign-in: the
      // caller has just been given this secret, so there is nothing to guess.
      if (step === null) return { outcome: 'wrong-code' };
      if ((await confirmTotp(db, user.id, step, at)) !== 'confirmed')
        throw new HttpError(409, 'conflict', 'Two-factor sign-in is set up already');
      if (caller.session.scope === 'totp-setup') await widenSession(db, caller.session.id);
      return { outcome: 'confirmed', user: toMe(toSummary({ ...user, totp_confirmed_at: at.toISOString() })) };
    },

    async users(_body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      return { users: (await listUsers(db)).filter((u) => maySee(actor, scopeOf(u))) };
    },

    async userCreate(body, ctx) {
      const caller = signedIn(ctx);
      const fields = checkAccountFields(body);
      const login = fields.ok ? fields.value.login : normaliseLogin(body.login);
      const policy = checkPasswordPolicy(body.password, login);
      if (!fields.ok || !policy.ok)
        return {
          outcome: 'refused',
          accountProblems: fields.ok ? [] : fields.error,
          passwordProblems: policy.ok ? [] : policy.error,
        };
      if (
        !mayManage(scopeOf(caller.session.user), {
          id: 0,
          role: fields.value.role,
          regionCode: fields.value.regionCode,
        })
      )
        throw new HttpError(403, 'forbidden', 'You may not create an account with this role in this region');
      const passwordHash = await hashPassword(body.password);
      try {
        const user = await addUser(db, { ...fields.value, passwordHash }, { userId: caller.session.user.id }, now());
        return { outcome: 'created', user };
      } catch (error) {
        if (error instanceof LoginTakenError) throw new HttpError(409, 'conflict', error.message);
        throw error;
      }
    },

    async userDisable(body, ctx) {
      const caller = signedIn(ctx);
      const target = await managedAccount(caller, body.login);
      // Read before they end; one opened in between is refused at its next request, and its socket at the next check.
      const ending = await userSessionIds(db, target.id);
      const outcome = await disableUser(db, target.login, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-user') throw new HttpError(404, 'not-found', 'No such account');
      await publish(...sessionsEnded(ending));
      return { outcome: outcome === 'done' ? 'disabled' : 'already-disabled' };
    },

    async userResetPassword(body, ctx) {
      const caller = signedIn(ctx);
      const target = await managedAccount(caller, body.login);
      const policy = checkPasswordPolicy(body.password, target.login);
      if (!policy.ok) return { outcome: 'refused', passwordProblems: policy.error };
      const passwordHash = await hashPassword(body.password);
      const ending = await userSessionIds(db, target.id);
      const outcome = await resetPassword(db, target.login, passwordHash, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-user') throw new HttpError(404, 'not-found', 'No such account');
      await publish(...sessionsEnded(ending));
      return { outcome: 'done' };
    },

    async userResetTotp(body, ctx) {
      const caller = signedIn(ctx);
      const target = await managedAccount(caller, body.login);
      const ending = await userSessionIds(db, target.id);
      const outcome = await resetTotp(db, target.login, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-user') throw new HttpError(404, 'not-found', 'No such account');
      if (outcome === 'done') await publish(...sessionsEnded(ending));
      return { outcome };
    },

    async audit(body) {
      return { entries: await listAudit(db, { limit: body.limit, beforeId: body.beforeId }) };
    },

    async enrollCodeCreate(body, ctx) {
      const caller = signedIn(ctx);
      if (!mayManageKiosksIn(scopeOf(caller.session.user), body.regionCode))
        throw new HttpError(403, 'forbidden', 'You may not enroll kiosks in this region');
      const at = now();
      return createEnrollCode(
        db,
        {
          regionCode: body.regionCode,
          site: body.site ?? null,
          preApproved: body.preApprove,
          expiresAt: new Date(at.getTime() + body.expiresInSeconds * 1000),
        },
        { userId: caller.session.user.id },
        at,
      );
    },

    async kiosks(_body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      return { kiosks: (await listKiosks(db, now())).filter((k) => mayManageKiosksIn(actor, k.regionCode)) };
    },

    async kioskApprove(body, ctx) {
      const caller = signedIn(ctx);
      const kiosk = await managedKiosk(caller, body.kioskId);
      const outcome = await approveKiosk(db, kiosk.id, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-kiosk') throw new HttpError(404, 'not-found', 'No such kiosk');
      if (outcome === 'revoked')
        throw new HttpError(409, 'conflict', 'The kiosk is revoked: it enrolls again with a new code');
      if (outcome === 'approved')
        await publish({ type: 'kiosk-changed', kioskId: kiosk.id, regionCode: kiosk.region_code });
      return { outcome };
    },

    async kioskRevoke(body, ctx) {
      const caller = signedIn(ctx);
      const kiosk = await managedKiosk(caller, body.kioskId);
      const outcome = await revokeKiosk(db, kiosk.id, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-kiosk') throw new HttpError(404, 'not-found', 'No such kiosk');
      // Every instance closes the kiosk's open sockets at once (already-revoked too: one may have missed the first).
      await publish({ type: 'kiosk-revoked', kioskId: kiosk.id, regionCode: kiosk.region_code });
      // Its open alerts were cleared with the revocation.
      if (outcome === 'revoked')
        await publish({ type: 'alerts-changed', kioskId: kiosk.id, regionCode: kiosk.region_code });
      return { outcome };
    },

    async alerts(_body, ctx) {
      const actor = scopeOf(signedIn(ctx).session.user);
      return { alerts: (await listOpenAlerts(db)).filter((a) => mayManageKiosksIn(actor, a.regionCode)) };
    },

    async kioskDetail(body, ctx) {
      const kiosk = await managedKiosk(signedIn(ctx), body.kioskId);
      return kioskDetail(db, kiosk, now());
    },

    async kioskOpeningHours(body, ctx) {
      const caller = signedIn(ctx);
      const kiosk = await managedKiosk(caller, body.kioskId);
      let hours = null;
      if (body.hours !== null) {
        const checked = checkOpeningHours(body.hours);
        if (!checked.ok) return { outcome: 'refused', problems: checked.error };
        hours = checked.value;
      }
      const outcome = await setOpeningHours(db, kiosk.id, hours, { userId: caller.session.user.id }, now());
      if (outcome === 'no-such-kiosk') throw new HttpError(404, 'not-found', 'No such kiosk');
      if (outcome === 'revoked') throw new HttpError(409, 'conflict', 'The kiosk is revoked');
      return { outcome: 'set', openingHours: hours ?? DEFAULT_OPENING_HOURS, openingHoursAreDefault: hours === null };
    },

    callTemplates: () => Promise.resolve({ templates: callTemplates() }),

    async kioskRegister(body, ctx) {
      const answer = await register(body, now(), ctx.clientAddress);
      return answer.outcome === 'registered' && deps.sealing !== undefined
        ? { ...answer, sealingKey: deps.sealing.publicKey }
        : answer;
    },

    async kioskStatus(_body, ctx) {
      const kiosk = await findKiosk(db, kioskOf(ctx).id);
      if (kiosk === undefined) throw new Error('an authenticated kiosk is gone');
      return {
        kioskId: kiosk.id,
        status: kiosk.status,
        terminalId: kiosk.terminal_id,
        displayName: kiosk.display_name,
        regionCode: kiosk.region_code,
        site: kiosk.site,
        ...(deps.sealing === undefined ? {} : { sealingKey: deps.sealing.publicKey }),
      };
    },

    async kioskHeartbeat(body, ctx) {
      const at = now();
      const kiosk = kioskOf(ctx);
      const { alerts, usageDaysStored, releaseEventsStored } = await deps.heartbeats.take(kiosk.id, body, at);
      await publish(
        { type: 'kiosk-changed', kioskId: kiosk.id, regionCode: kiosk.regionCode },
        ...(alerts === undefined ? [] : [{ type: 'alerts-changed' as const, ...alerts }]),
      );
      // The fallback to the push: what the kiosk has not reported yet, every beat.
      const commands = await takeOpenCommands(db, kiosk.id, at);
      return {
        receivedAt: at.toISOString(),
        ...(usageDaysStored.length > 0 ? { usageDaysStored } : {}),
        ...(releaseEventsStored.length > 0 ? { releaseEventsStored } : {}),
        allowedRelease: await allowedReleaseOf(db, kiosk.id),
        ...(commands.length > 0 ? { commands } : {}),
      };
    },

    async kioskSubmit(delivered, ctx) {
      const kiosk = kioskOf(ctx);
      if ('sealedPayload' in delivered && deps.sealing === undefined)
        throw new HttpError(400, 'bad-request', 'body.sealedPayload: this hub has no sealing key to open it with');
      // Opened here, checked like a clear one; a repeat is recognised by what it opens to, since every seal differs.
      const body =
        'sealedPayload' in delivered
          ? deps.sealing!.opened(delivered, [kiosk.id, ...(await revokedEnrollmentsOf(db, kiosk.terminalId))])
          : delivered;
      const result = await receiveSubmission(
        db,
        kiosk,
        {
          idempotencyKey: body.idempotencyKey,
          kind: body.kind,
          reference: body.reference,
          createdAt: body.createdAt,
          payload: JSON.stringify(body.payload),
          topic: submissionTopic(body),
        },
        now(),
        deps.payloads,
      );
      // Never the payload: it holds names, ID and phone numbers.
      const about = { kioskId: kiosk.id, reference: body.reference, kind: body.kind };
      if (result.outcome === 'conflict') {
        deps.logger.warn({ ...about, idempotencyKey: body.idempotencyKey }, `submission refused: ${result.message}`);
        throw new HttpError(409, 'conflict', result.message);
      }
      deps.logger.info(
        about,
        result.outcome === 'stored' ? 'submission received' : 'submission delivered again; the first one stands',
      );
      // A new case: the desks of its region list it at once.
      if (result.outcome === 'stored' && isCaseKind(body.kind))
        await publish({ type: 'cases-changed', regionCode: kiosk.regionCode });
      return result.answer;
    },
  };
}
