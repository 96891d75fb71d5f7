import { timingSafeEqual } from 'node:crypto';
import { SECRET_COOKIE, type RouteName } from '../../common/api/contract';
import { BEARER_PROTOCOL_PREFIX } from '../../common/api/events';
import { cookieValue } from '../../server-kit/http/cookies';
import {
  needsCaller,
  type Caller,
  type Guard,
  type GuardDecision,
  type GuardRequest,
} from '../../server-kit/http/guard';

/**
 * Who may talk to the local service. The service listens on loopback, but a
 * web page anywhere can still make the kiosk's browser send requests to
 * 127.0.0.1 — or rebind a DNS name to it. So:
 *  - Host must be our own address and port (defeats DNS rebinding);
 *  - Origin, when the browser sends one, must be our own (defeats cross-site requests);
 *  - every route but the UI's static files needs a caller: the kiosk UI with
 *    the per-boot secret, which only the shell that started the service (and
 *    the page it opened) knows, or a technician with the per-boot technician
 *    token that kioskctl reads from the owner-only `run/service.json`.
 */

/** Who is calling: the touchscreen UI, or a technician's kioskctl on the machine. */
export type CallerRole = 'ui' | 'technician';
/** Who made a request the guard let through; handlers check object-level rights with it. */
export type RequestContext = Caller<CallerRole>;

/** The kiosk's guard decides at once: its tokens are in memory. */
export interface KioskGuard extends Guard<RouteName, RequestContext> {
  decide(request: GuardRequest<RouteName>): GuardDecision<RequestContext>;
}

/** The service's own Host values: its loopback address under both names. */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The Origins of the service's own page. */
export function ownOrigins(port: number): Set<string> {
  return new Set(ownHosts(port).map((h) => `http://${h}`));
}

function tokenMatches(expected: Buffer, candidate: string | undefined): boolean {
  if (candidate === undefined) return false;
  const given = Buffer.from(candidate, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createGuard(port: number, tokens: Record<CallerRole, string>): KioskGuard {
  const hosts = new Set(ownHosts(port));
  const origins = ownOrigins(port);
  if (tokens.ui === tokens.technician) throw new Error('The UI secret and the technician token must differ');
  const expected = (Object.entries(tokens) as [CallerRole, string][]).map(([role, token]) => ({
    role,
    token: Buffer.from(token, 'utf8'),
  }));
  const roleOf = (candidate: string | undefined): CallerRole | undefined =>
    expected.find((e) => tokenMatches(e.token, candidate))?.role;

  return {
    decide(request) {
      const host = request.header('host');
      const origin = request.header('origin');
      const secFetchSite = request.header('sec-fetch-site');
      if (host === undefined || !hosts.has(host.toLowerCase())) {
        return { allow: false, status: 403, message: 'Host is not this service' };
      }
      if (origin !== undefined && !origins.has(origin.toLowerCase())) {
        return { allow: false, status: 403, message: 'Origin is not this service' };
      }
      if (secFetchSite === 'cross-site') {
        return { allow: false, status: 403, message: 'Cross-site requests are refused' };
      }
      if (!needsCaller(request.route)) return { allow: true };
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
      // Browsers cannot set headers on a WebSocket: the secret comes as an offered subprotocol.
      const fromProtocol = (request.header('sec-websocket-protocol') ?? '')
        .split(',')
        .map((p) => p.trim())
        .find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))
        ?.slice(BEARER_PROTOCOL_PREFIX.length);
      const role = roleOf(bearer) ?? roleOf(fromProtocol);
      // The shell's own socket (common/api/shell-socket.ts): the UI secret
      // presented by a client that is no page. A browser always sends an
      // Origin with a WebSocket, so no page — ours included — and no
      // cookie can open it, and a technician's token is not the shell's.
      if (request.route.kind === 'socket' && request.route.name === 'shell') {
        if (origin !== undefined) return { allow: false, status: 403, message: 'The shell’s socket is not for pages' };
        if (role === 'ui') return { allow: true, caller: { role } };
        return { allow: false, status: 401, message: 'Missing or wrong service secret' };
      }
      if (role !== undefined) return { allow: true, caller: { role } };
      // A cookie travels by itself, so it counts only on a request the browser
      // says is from our own page: a fetch marked same-origin, or a WebSocket
      // (which carries no Sec-Fetch-Site) with our Origin — a foreign one was
      // refused above. And only as the UI: a technician has no cookie.
      const fromCookie = cookieValue(request.header('cookie'), SECRET_COOKIE);
      const ownPage = secFetchSite === 'same-origin' || (secFetchSite === undefined && origin !== undefined);
      if (ownPage && roleOf(fromCookie) === 'ui') return { allow: true, caller: { role: 'ui' } };
      return { allow: false, status: 401, message: 'Missing or wrong service secret' };
    },
  };
}
