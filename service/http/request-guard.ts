import { timingSafeEqual } from 'node:crypto';
import { BEARER_PROTOCOL_PREFIX } from '../../common/api/events';

/**
 * Who may talk to the local service. The service listens on loopback, but a
 * web page anywhere can still make the kiosk's browser send requests to
 * 127.0.0.1 — or rebind a DNS name to it. So:
 *  - Host must be our own address and port (defeats DNS rebinding);
 *  - Origin, when the browser sends one, must be our own (defeats cross-site requests);
 *  - the API and the event socket need the per-boot secret, which only the
 *    process that started the service (and the page it opened) knows.
 */
export interface GuardInput {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  authorization: string | undefined;
  /** Offered WebSocket subprotocols, comma-separated, as sent by the browser. */
  webSocketProtocols: string | undefined;
  /** Whether this path needs the secret (the API and events do; the UI's static files do not). */
  needsSecret: boolean;
}

export type GuardDecision = { allow: true } | { allow: false; status: 401 | 403; message: string };

export interface Guard {
  decide(input: GuardInput): GuardDecision;
}

export function createGuard(port: number, secret: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const expected = Buffer.from(secret, 'utf8');

  const secretMatches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    decide(input) {
      if (input.host === undefined || !hosts.has(input.host.toLowerCase())) {
        return { allow: false, status: 403, message: 'Host is not this service' };
      }
      if (input.origin !== undefined && !origins.has(input.origin.toLowerCase())) {
        return { allow: false, status: 403, message: 'Origin is not this service' };
      }
      if (input.secFetchSite === 'cross-site') {
        return { allow: false, status: 403, message: 'Cross-site requests are refused' };
      }
      if (!input.needsSecret) return { allow: true };
      const bearer = /^Bearer\s+(\S+)$/i.exec(input.authorization ?? '')?.[1];
      const fromProtocol = (input.webSocketProtocols ?? '')
        .split(',')
        .map((p) => p.trim())
        .find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))
        ?.slice(BEARER_PROTOCOL_PREFIX.length);
      if (secretMatches(bearer) || secretMatches(fromProtocol)) return { allow: true };
      return { allow: false, status: 401, message: 'Missing or wrong service secret' };
    },
  };
}
