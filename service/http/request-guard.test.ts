import { describe, expect, it } from 'vitest';
import type { RouteName } from '../../common/api/contract';
import { bearerProtocol, EVENTS_PROTOCOL } from '../../common/api/events';
import { SHELL_PROTOCOL } from '../../common/api/shell-socket';
import type { GuardRequest } from '../../server-kit/http/guard';
import { createGuard } from './request-guard';

/** The headers the guard reads, and whether the route that matched needs a caller (all but the UI's files). */
interface Input {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  webSocketProtocols: string | undefined;
  needsCaller: boolean;
  /** The shell's socket rather than a route of the contract. */
  shellSocket?: boolean;
}

const guard = createGuard(4321, { ui: 'right-secret', technician: 'technician-token' });
const base: Input = {
  host: '127.0.0.1:4321',
  origin: undefined,
  secFetchSite: undefined,
  authorization: 'Bearer right-secret',
  cookie: undefined,
  webSocketProtocols: undefined,
  needsCaller: true,
};
const decide = (over: Partial<Input>) => {
  const input = { ...base, ...over };
  const headers: Record<string, string | undefined> = {
    host: input.host,
    origin: input.origin,
    'sec-fetch-site': input.secFetchSite,
    authorization: input.authorization,
    cookie: input.cookie,
    'sec-websocket-protocol': input.webSocketProtocols,
  };
  const request: GuardRequest<RouteName> = {
    route:
      input.shellSocket === true
        ? { kind: 'socket', name: 'shell' }
        : input.needsCaller
          ? { kind: 'contract', name: 'health' }
          : { kind: 'static' },
    method: 'GET',
    header: (name) => headers[name],
    socket: { encrypted: false, remoteAddress: '127.0.0.1' },
  };
  return guard.decide(request);
};

describe('request guard', () => {
  it('allows our own page with the secret', () => {
    expect(decide({})).toEqual({ allow: true, caller: { role: 'ui' } });
    expect(decide({ host: 'localhost:4321', origin: 'http://localhost:4321' })).toEqual({
      allow: true,
      caller: { role: 'ui' },
    });
  });
  it('tells the technician token from the UI secret', () => {
    expect(decide({ authorization: 'Bearer technician-token' })).toEqual({
      allow: true,
      caller: { role: 'technician' },
    });
    expect(decide({ authorization: 'Bearer technician-tokenX' })).toMatchObject({ allow: false, status: 401 });
    expect(() => createGuard(1, { ui: 'same', technician: 'same' })).toThrow(/differ/);
  });
  it('refuses a missing or wrong secret with 401', () => {
    expect(decide({ authorization: undefined })).toMatchObject({ allow: false, status: 401 });
    expect(decide({ authorization: 'Bearer wrong-secret' })).toMatchObject({ allow: false, status: 401 });
    expect(decide({ authorization: 'right-secret' })).toMatchObject({ allow: false, status: 401 });
  });
  it('refuses a foreign Origin with 403 even with the secret', () => {
    expect(decide({ origin: 'http://evil.example' })).toMatchObject({ allow: false, status: 403 });
    expect(decide({ origin: 'http://127.0.0.1:9999' })).toMatchObject({ allow: false, status: 403 });
    expect(decide({ origin: 'null' })).toMatchObject({ allow: false, status: 403 });
  });
  it('refuses a rebound Host name with 403 (DNS rebinding)', () => {
    expect(decide({ host: 'evil.example:4321' })).toMatchObject({ allow: false, status: 403 });
    expect(decide({ host: undefined })).toMatchObject({ allow: false, status: 403 });
  });
  it('refuses cross-site fetches', () => {
    expect(decide({ secFetchSite: 'cross-site' })).toMatchObject({ allow: false, status: 403 });
  });
  it('serves static files without the secret but still checks Host', () => {
    expect(decide({ authorization: undefined, needsCaller: false })).toEqual({ allow: true });
    expect(decide({ authorization: undefined, needsCaller: false, host: 'evil.example:4321' })).toMatchObject({
      status: 403,
    });
  });
  it('accepts the secret as a WebSocket subprotocol', () => {
    const protocols = `${EVENTS_PROTOCOL}, ${bearerProtocol('right-secret')}`;
    expect(decide({ authorization: undefined, webSocketProtocols: protocols })).toEqual({
      allow: true,
      caller: { role: 'ui' },
    });
    expect(
      decide({ authorization: undefined, webSocketProtocols: `${EVENTS_PROTOCOL}, ${bearerProtocol('nope')}` }),
    ).toMatchObject({ status: 401 });
  });
  it('accepts the secret as a cookie only from our own page, and only as the UI', () => {
    const cookie = 'kiosk-secret=right-secret';
    expect(decide({ authorization: undefined, cookie, secFetchSite: 'same-origin' })).toEqual({
      allow: true,
      caller: { role: 'ui' },
    });
    // A WebSocket carries no Sec-Fetch-Site, but always its Origin.
    expect(decide({ authorization: undefined, cookie, origin: 'http://127.0.0.1:4321' })).toEqual({
      allow: true,
      caller: { role: 'ui' },
    });
    // Sent by itself from elsewhere, or by a client that says nothing of where it comes from: refused.
    for (const secFetchSite of ['same-site', 'none', undefined]) {
      expect(decide({ authorization: undefined, cookie, secFetchSite })).toMatchObject({ allow: false, status: 401 });
    }
    expect(decide({ authorization: undefined, cookie, secFetchSite: 'cross-site' })).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(decide({ authorization: undefined, cookie, origin: 'http://evil.example' })).toMatchObject({
      allow: false,
      status: 403,
    });
    // Wrong, doubled, or the technician's token in the cookie.
    for (const bad of [
      'kiosk-secret=wrong',
      'kiosk-secret=right-secret; kiosk-secret=other',
      'kiosk-secret=technician-token',
      'other=right-secret',
    ]) {
      expect(decide({ authorization: undefined, cookie: bad, secFetchSite: 'same-origin' })).toMatchObject({
        allow: false,
        status: 401,
      });
    }
  });
  it('opens the shell’s socket only to a client that is no page, with the UI secret itself', () => {
    const shell = (over: Partial<Input>) => decide({ shellSocket: true, authorization: undefined, ...over });
    const offered = `${SHELL_PROTOCOL}, ${bearerProtocol('right-secret')}`;
    expect(shell({ webSocketProtocols: offered })).toEqual({ allow: true, caller: { role: 'ui' } });
    expect(shell({ authorization: 'Bearer right-secret' })).toEqual({ allow: true, caller: { role: 'ui' } });
    // Our own page (it would send its Origin, and its cookie) may not pose as the shell.
    expect(shell({ webSocketProtocols: offered, origin: 'http://127.0.0.1:4321' })).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(shell({ cookie: 'kiosk-secret=right-secret', origin: 'http://127.0.0.1:4321' })).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(shell({ cookie: 'kiosk-secret=right-secret' })).toMatchObject({ allow: false, status: 401 });
    // Nor the technician, nor a wrong secret.
    expect(shell({ webSocketProtocols: `${SHELL_PROTOCOL}, ${bearerProtocol('technician-token')}` })).toMatchObject({
      allow: false,
      status: 401,
    });
    expect(shell({ webSocketProtocols: `${SHELL_PROTOCOL}, ${bearerProtocol('wrong')}` })).toMatchObject({
      allow: false,
      status: 401,
    });
  });
});
