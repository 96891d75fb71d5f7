import type { UserRole } from '../../common/hub/accounts';
import {
  accessRefusal,
  isKioskAccess,
  type AccessRefusal,
  type HubAccess,
  type SessionStanding,
} from '../../common/hub/api/access';
import { HUB_REQUEST_HEADER, hubApi, hubPages, type HubRouteName } from '../../common/hub/api/contract';
import { LIVE_SOCKETS } from '../../common/hub/api/live';
import { TUF_FILE_ROUTES } from '../../common/hub/api/tuf-files';
import { cookieValue } from '../../server-kit/http/cookies';
import type { Caller, Guard, GuardDecision, GuardRequest } from '../../server-kit/http/guard';
import type { HubDb, KioskStatus } from '../storage/schema';
import { findSession, type ActiveSession } from '../storage/sessions';
import { clientAddress, requestIsSecure, type TrustedProxies } from './forwarded';
import { decideKioskRequest } from './kiosk-auth';
import { sessionCookieName } from './session-cookie';

/**
 * Who may call the hub, decided on the route that matched (after the
 * router decoded the path) with the access its contract entry declares:
 *  - a browser's request from another site is refused whatever it carries:
 *    an Origin other than the hub's, Sec-Fetch-Site other than same-origin;
 *  - every route but health needs the X-Hub-Request header, which a form,
 *    a link or an image on another site cannot send (and a script there
 *    can only with CORS, which the hub never grants);
 *  - every POST needs the hub's own Origin, present — so a stolen session
 *    cookie is of no use from another origin, even a sibling one;
 *  - then the session, from its cookie, against the route's access.
 * A public page (a take-away page a phone opens from a QR code) is
 * answered to anyone, from anywhere, with none of the above: it is a GET
 * that changes nothing and reads only public content.
 * A kiosk's route is not for browsers: any request with an Origin or
 * Sec-Fetch-Site is refused there, so no page can make a browser call one;
 * it needs the header too, and a session cookie counts for nothing.
 * The TUF repository's files (common/hub/api/tuf-files.ts) are public:
 * any GET, from anywhere, with no header; nothing of the caller is read.
 */

interface CallerFacts {
  /** The request came over TLS (the cookie is then Secure and __Host- named). */
  secure: boolean;
  /** For the audit log. */
  clientAddress: string | undefined;
  /** The session token the request's cookie carries, whether or not it is live (sign-in ends the old session). */
  presentedToken: string | undefined;
}

/** Someone without a session, on a route anyone may call. */
export interface AnonymousCaller extends Caller<'anyone'>, CallerFacts {
  session?: undefined;
}

/** Someone signed in; `session.scope` says whether they may only set up TOTP. */
export interface SessionCaller extends Caller<UserRole>, CallerFacts {
  session: ActiveSession;
}

/** A kiosk registering: its credential is the enrollment code in the body, checked by the route. */
export interface EnrollingKioskCaller extends Caller<'enrolling-kiosk'>, CallerFacts {
  session?: undefined;
}

/** A kiosk whose signed request verified with its own key; pending only on routes that allow it. */
export interface KioskCaller extends Caller<'kiosk'>, CallerFacts {
  session?: undefined;
  kiosk: { id: number; status: KioskStatus; terminalId: string; regionCode: string };
}

export type HubCaller = AnonymousCaller | SessionCaller | EnrollingKioskCaller | KioskCaller;

export interface HubGuardOptions {
  db: HubDb;
  now: () => Date;
  publicOrigin: string;
  proxies: TrustedProxies;
}

const REFUSALS: Record<AccessRefusal, { status: 401 | 403; message: string }> = {
  'sign-in-needed': { status: 401, message: 'Sign in first' },
  'totp-setup-needed': { status: 403, message: 'Set up two-factor sign-in (TOTP) first' },
  'role-not-allowed': { status: 403, message: 'Your role may not do this' },
};

/** The live socket a route is, if it is one of ours. */
function liveSocketOf(
  route: GuardRequest<HubRouteName>['route'],
): (typeof LIVE_SOCKETS)[keyof typeof LIVE_SOCKETS] | undefined {
  if (route.kind !== 'socket' || !Object.hasOwn(LIVE_SOCKETS, route.name)) return undefined;
  return LIVE_SOCKETS[route.name as keyof typeof LIVE_SOCKETS];
}

function accessOf(route: GuardRequest<HubRouteName>['route']): HubAccess | undefined {
  if (route.kind === 'contract') return hubApi[route.name].access;
  if (route.kind === 'file')
    return Object.hasOwn(TUF_FILE_ROUTES, route.name)
      ? TUF_FILE_ROUTES[route.name as keyof typeof TUF_FILE_ROUTES].access
      : [];
  // A socket not in the live contract: nobody may open it.
  if (route.kind === 'socket') return liveSocketOf(route)?.access ?? [];
  // No such route (or one not ours): a session may learn it is a 404, nobody else.
  if (route.kind === 'unknown' || route.kind === 'events') return 'any-session';
  return undefined;
}

export function createHubGuard(opts: HubGuardOptions): Guard<HubRouteName, HubCaller> {
  const refuse = (status: 401 | 403, message: string): GuardDecision<HubCaller> => ({ allow: false, status, message });
  return {
    async decide(request) {
      // A public page (hubPages), to anyone from anywhere: a link in a chat is a cross-site navigation.
      if (request.route.kind === 'page')
        return Object.hasOwn(hubPages, request.route.name) && request.method !== 'POST'
          ? { allow: true }
          : refuse(403, 'Not a public page');
      const access = accessOf(request.route);
      // A static file (the console's page, later): public, loaded by navigation.
      if (access === undefined) return { allow: true };
      // A public file: signed metadata and public releases, for any client and any CDN in front.
      if (request.route.kind === 'file' && access === 'anyone') return { allow: true };
      const facts = (): CallerFacts => {
        const secure = requestIsSecure(request, opts.proxies);
        return {
          secure,
          clientAddress: clientAddress(request, opts.proxies),
          presentedToken: cookieValue(request.header('cookie'), sessionCookieName(secure)),
        };
      };

      if (isKioskAccess(access)) {
        if (request.header('origin') !== undefined || request.header('sec-fetch-site') !== undefined)
          return refuse(403, 'Kiosk routes are not for browsers');
        if (request.header(HUB_REQUEST_HEADER) !== '1') return refuse(403, `Missing the ${HUB_REQUEST_HEADER} header`);
        if (access === 'enrolling-kiosk') return { allow: true, caller: { role: 'enrolling-kiosk', ...facts() } };
        // What the kiosk signed: the route's path, or the socket's (the upgrade is a GET with no body).
        const path =
          request.route.kind === 'contract' ? hubApi[request.route.name].path : liveSocketOf(request.route)?.path;
        if (path === undefined) return refuse(401, 'Kiosk authentication needed');
        return decideKioskRequest(opts.db, opts.now, {
          header: request.header,
          method: request.method,
          path,
          access,
          facts: facts(),
        });
      }

      const origin = request.header('origin');
      if (origin !== undefined && origin !== opts.publicOrigin) return refuse(403, 'Origin is not this hub');
      const fetchSite = request.header('sec-fetch-site');
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
        return refuse(403, 'Requests from other sites are refused');
      // A browser's WebSocket cannot carry the header, but always carries its page's Origin:
      // the hub's, exactly, or it is some other page riding the cookie (cross-site WebSocket hijacking).
      const isSocket = request.route.kind === 'socket';
      if (isSocket && origin === undefined) return refuse(403, 'Origin missing');
      const isHealth = access === 'anyone' && request.method !== 'POST';
      if (!isHealth && !isSocket && request.header(HUB_REQUEST_HEADER) !== '1')
        return refuse(403, `Missing the ${HUB_REQUEST_HEADER} header`);
      if (request.method === 'POST' && origin === undefined) return refuse(403, 'Origin missing');

      const known = facts();
      if (access === 'anyone') return { allow: true, caller: { role: 'anyone', ...known } };

      const session =
        known.presentedToken === undefined ? undefined : await findSession(opts.db, known.presentedToken, opts.now());
      const standing: SessionStanding =
        session === undefined
          ? { kind: 'none' }
          : { kind: session.scope === 'full' ? 'full' : 'totp-setup', role: session.user.role };
      const refusal = accessRefusal(access, standing);
      if (refusal !== null) return refuse(REFUSALS[refusal].status, REFUSALS[refusal].message);
      return { allow: true, caller: { role: session!.user.role, session: session!, ...known } };
    },
  };
}
