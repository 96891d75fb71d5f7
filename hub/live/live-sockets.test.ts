import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { KioskSummary } from '../../common/hub/api/kiosks';
import { LIVE_CLOSE, LIVE_MAX_MESSAGE_BYTES, LIVE_MAX_STRIKES } from '../../common/hub/api/live';
import { OFFLINE_AFTER_MS } from '../../common/hub/fleet-timing';
import { latestHeartbeat } from '../storage/kiosks';
import { MAX_SOCKETS_PER_KIOSK } from './live-sockets';
import { openSession, SESSION_IDLE_MS } from '../storage/sessions';
import { consoleSocket, kioskSocket, SAMPLE_REPORT, upgradeOutcome } from '../testing/live-clients';
import { ENGINES } from '../testing/test-storage';
import { ORIGIN, T0, useTestHub, type TestHub } from '../testing/test-hub';

async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return { user, token: await openSession(hub.storage.storage.db, user.id, 'full', hub.now()) };
}

/** A console's POST over the network to a listening instance, with a session's cookie, from the hub's page. */
const post = (port: number, path: string, token: string, body: object) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-request': '1',
      origin: ORIGIN,
      cookie: `hub-session=${token}`,
    },
    body: JSON.stringify(body),
  });

const heartbeat = (id: string, report: object = SAMPLE_REPORT) => ({ type: 'heartbeat', id, report });

describe.each(ENGINES)('the kiosk’s live socket on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('a heartbeat over the socket is in the database when it is acknowledged, and consoles of its region hear of it', async () => {
    const kiosk = await hub.addKiosk('approved');
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const console_ = await consoleSocket(hub, token);
    const socket = await kioskSocket(hub, kiosk);
    // Opening counts as a change (it is online).
    expect(await console_.next()).toEqual({ type: 'kiosk-changed', kioskId: kiosk.id });

    hub.advance(1000);
    socket.send(heartbeat('b-1', { ...SAMPLE_REPORT, outboxDepth: 7 }));
    const ack = await socket.next();
    // No rollout lets it install any content release yet.
    expect(ack).toEqual({
      type: 'heartbeat-ack',
      id: 'b-1',
      receivedAt: '2026-03-02T01:00:01.000Z',
      allowedRelease: 0,
    });
    // Read at once, with nothing else awaited: committed before the answer went out.
    expect(await latestHeartbeat(hub.storage.storage.db, kiosk.id)).toEqual({
      receivedAt: '2026-03-02T01:00:01.000Z',
      report: { ...SAMPLE_REPORT, outboxDepth: 7 },
    });
    expect(await console_.next()).toEqual({ type: 'kiosk-changed', kioskId: kiosk.id });

    socket.ws.close();
    expect(await console_.next()).toEqual({ type: 'kiosk-changed', kioskId: kiosk.id });
  });

  it('the upgrade is authenticated as the kiosk’s requests are: its own key, a fresh nonce, the hub’s time, approved, no browser', async () => {
    const approved = await hub.addKiosk('approved');
    const pending = await hub.addKiosk('pending');
    const revoked = await hub.addKiosk('revoked');
    const outcomes = {
      approved: await upgradeOutcome(kioskSocket(hub, approved, { nonce: 'nonce-used-once-0001' })),
      replayed: await upgradeOutcome(kioskSocket(hub, approved, { nonce: 'nonce-used-once-0001' })),
      anotherKey: await upgradeOutcome(kioskSocket(hub, approved, { as: pending })),
      clockOff: await upgradeOutcome(kioskSocket(hub, approved, { time: hub.now().getTime() - 6 * 60_000 })),
      fromABrowser: await upgradeOutcome(kioskSocket(hub, approved, { headers: { origin: ORIGIN } })),
      withoutHubHeader: await upgradeOutcome(kioskSocket(hub, approved, { headers: { 'x-hub-request': '0' } })),
      signedForAnotherPath: await upgradeOutcome(kioskSocket(hub, approved, { path: '/api/kiosk/live/' })),
      // Pending kiosks ask their status over HTTP until approved; the socket is for approved ones.
      pending: await upgradeOutcome(kioskSocket(hub, pending)),
      revoked: await upgradeOutcome(kioskSocket(hub, revoked)),
    };
    expect(outcomes).toEqual({
      approved: 'open',
      replayed: 401,
      anotherKey: 401,
      clockOff: 401,
      fromABrowser: 403,
      withoutHubHeader: 403,
      signedForAnotherPath: expect.toSatisfy((s: unknown) => s === 401 || s === 404),
      pending: 403,
      revoked: 403,
    });
  });

  it('a kiosk cannot send as another: what names another kiosk is refused and lands on no row', async () => {
    const kiosk = await hub.addKiosk('approved');
    const other = await hub.addKiosk('approved');
    const socket = await kioskSocket(hub, kiosk);
    socket.send({ ...heartbeat('b-1'), kioskId: other.id });
    expect(await socket.next()).toMatchObject({ type: 'error', code: 'invalid', inReplyTo: 'b-1' });
    socket.send(heartbeat('b-2'));
    expect(await socket.next()).toMatchObject({ type: 'heartbeat-ack', id: 'b-2' });
    expect(await latestHeartbeat(hub.storage.storage.db, other.id)).toBeUndefined();
    expect(await latestHeartbeat(hub.storage.storage.db, kiosk.id)).toBeDefined();
  });

  it('garbage, oversized and unknown messages are answered with what was wrong; too many in a row close the socket', async () => {
    const kiosk = await hub.addKiosk('approved');
    const socket = await kioskSocket(hub, kiosk);
    const answers: unknown[] = [];
    const cases: unknown[] = [
      'not json {',
      '[1, 2]',
      { type: 'launch-missiles', id: 'x-1' },
      { ...heartbeat('b-1'), report: { ...SAMPLE_REPORT, outboxDepth: -1 } },
      { ...heartbeat('b-2'), report: { ...SAMPLE_REPORT, appVersion: 'x'.repeat(LIVE_MAX_MESSAGE_BYTES) } },
    ];
    // One good message between resets the count: the socket stays open through the first four.
    for (const c of cases.slice(0, 4)) {
      socket.send(c);
      answers.push(await socket.next());
    }
    socket.send(heartbeat('ok-1'));
    expect(await socket.next()).toMatchObject({ type: 'heartbeat-ack', id: 'ok-1' });
    socket.send(cases[4]);
    answers.push(await socket.next());
    expect(answers).toEqual([
      { type: 'error', code: 'not-json', message: 'The message is not JSON' },
      { type: 'error', code: 'not-json', message: 'A message is one JSON object with a type' },
      { type: 'error', code: 'unknown-type', message: 'Unknown message type: “launch-missiles”', inReplyTo: 'x-1' },
      {
        type: 'error',
        code: 'invalid',
        message: expect.stringMatching(/^Invalid heartbeat message: .*outboxDepth/),
        inReplyTo: 'b-1',
      },
      { type: 'error', code: 'too-large', message: `A message may be at most ${LIVE_MAX_MESSAGE_BYTES} bytes` },
    ]);
    for (let i = 1; i < LIVE_MAX_STRIKES; i++) socket.send('still not json');
    expect(await socket.closed).toEqual({ code: LIVE_CLOSE.protocol, reason: 'too many refused messages in a row' });
    // The hub serves on.
    const again = await kioskSocket(hub, kiosk);
    again.send(heartbeat('b-3'));
    expect(await again.next()).toMatchObject({ type: 'heartbeat-ack', id: 'b-3' });
    expect(hub.logs.some((l) => l.includes('launch-missiles'))).toBe(false);
  });

  it('online is decided at the hub, from the database: heard from within OFFLINE_AFTER_MS, and approved', async () => {
    const kiosk = await hub.addKiosk('approved');
    const silent = await hub.addKiosk('approved');
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const summaries = async () =>
      Object.fromEntries(
        (await hub.call({ method: 'GET', path: '/api/kiosks', token }))
          .json<{ kiosks: KioskSummary[] }>()
          .kiosks.map((k) => [k.id, k]),
      );
    const socket = await kioskSocket(hub, kiosk);
    socket.send(heartbeat('b-1', { ...SAMPLE_REPORT, outboxDepth: 4 }));
    await socket.next();
    expect((await summaries())[kiosk.id]).toMatchObject({
      online: true,
      lastHeartbeatAt: T0.toISOString(),
      appVersion: SAMPLE_REPORT.appVersion,
      contentVersion: SAMPLE_REPORT.contentVersion,
      outboxDepth: 4,
    });
    expect((await summaries())[silent.id]).toMatchObject({ online: false, lastHeartbeatAt: null, outboxDepth: null });

    hub.advance(OFFLINE_AFTER_MS - 1);
    expect((await summaries())[kiosk.id]!.online).toBe(true);
    hub.advance(1);
    expect((await summaries())[kiosk.id]).toMatchObject({ online: false, lastHeartbeatAt: T0.toISOString() });
    socket.send(heartbeat('b-2'));
    await socket.next();
    expect((await summaries())[kiosk.id]!.online).toBe(true);
    // Revoked: offline at once, whatever it sent last.
    await hub.call({ method: 'POST', path: '/api/kiosks/revoke', token, body: { kioskId: kiosk.id } });
    expect((await summaries())[kiosk.id]!.online).toBe(false);
  });

  it('a kiosk cannot pile sockets onto the hub, nor crash it with a frame past the largest message', async () => {
    const kiosk = await hub.addKiosk('approved');
    const open = [];
    for (let i = 0; i < MAX_SOCKETS_PER_KIOSK; i++) open.push(await kioskSocket(hub, kiosk));
    const extra = await kioskSocket(hub, kiosk);
    expect(await extra.closed).toEqual({ code: LIVE_CLOSE.protocol, reason: 'this kiosk has sockets open already' });
    // ws itself closes a frame past its limit (64 KiB); the hub serves on.
    open[0]!.send('x'.repeat(70 * 1024));
    expect((await open[0]!.closed).code).toBe(1009);
    open[1]!.send(heartbeat('b-1'));
    expect(await open[1]!.next()).toMatchObject({ type: 'heartbeat-ack', id: 'b-1' });
  });

  it('revoking a kiosk closes its open socket at once, and refuses its next request and its reconnect', async () => {
    const kiosk = await hub.addKiosk('approved');
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const socket = await kioskSocket(hub, kiosk);
    socket.send(heartbeat('b-1'));
    await socket.next();

    const revoke = await post(hub.server.port, '/api/kiosks/revoke', token, { kioskId: kiosk.id });
    expect(await revoke.json()).toEqual({ outcome: 'revoked' });
    expect(await socket.closed).toEqual({ code: LIVE_CLOSE.kioskRevoked, reason: 'kiosk revoked' });
    expect(await upgradeOutcome(kioskSocket(hub, kiosk))).toBe(403);
    const next = await hub.kioskCall(kiosk, { method: 'POST', path: '/api/kiosk/heartbeat', body: SAMPLE_REPORT });
    expect(next.statusCode).toBe(403);
  });
});

describe.each(ENGINES)('the console’s live socket on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true, sessionCheckMs: 100 });

  it('is refused with no session, from another Origin or none, and with a session only good for setting up TOTP', async () => {
    const admin = await hub.addAccount('admin', 'administrator');
    const setupOnly = await openSession(hub.storage.storage.db, admin.id, 'totp-setup', hub.now());
    const full = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    expect({
      none: await upgradeOutcome(consoleSocket(hub, undefined)),
      forged: await upgradeOutcome(consoleSocket(hub, 'not-a-token')),
      otherOrigin: await upgradeOutcome(consoleSocket(hub, full, { origin: 'https://evil.example' })),
      siblingOrigin: await upgradeOutcome(consoleSocket(hub, full, { origin: 'http://127.0.0.1:8741' })),
      nullOrigin: await upgradeOutcome(consoleSocket(hub, full, { origin: 'null' })),
      noOrigin: await upgradeOutcome(consoleSocket(hub, full, { origin: null })),
      crossSite: await upgradeOutcome(consoleSocket(hub, full, { headers: { 'sec-fetch-site': 'cross-site' } })),
      setupOnly: await upgradeOutcome(consoleSocket(hub, setupOnly)),
      full: await upgradeOutcome(consoleSocket(hub, full)),
    }).toEqual({
      none: 401,
      forged: 401,
      otherOrigin: 403,
      siblingOrigin: 403,
      nullOrigin: 403,
      noOrigin: 403,
      crossSite: 403,
      setupOnly: 403,
      full: 'open',
    });
  });

  it('drops a console that sends without reading what it is answered, instead of keeping the answers without end', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const client = await consoleSocket(hub, token);
    // The client's end stops reading; the hub's answers pile up in the kernel's buffers, then in the hub.
    const raw = (client.ws as unknown as { _socket: Socket })._socket;
    raw.pause();
    const pings = 100_000;
    const id = 'p'.repeat(58);
    for (let i = 0; i < pings; i++) {
      client.send({ type: 'ping', id: `${id}${String(i).padStart(6, '0')}` });
      if (i % 1000 === 0) await new Promise((done) => setImmediate(done));
    }
    // Every ping was taken by the hub before the client reads again.
    while (client.ws.bufferedAmount > 0 && client.ws.readyState === client.ws.OPEN)
      await new Promise((done) => setTimeout(done, 10));
    await new Promise((done) => setTimeout(done, 500));
    raw.resume();
    const stillOpen = new Promise((done) => setTimeout(() => done('still open'), 5000));
    expect(await Promise.race([client.closed, stillOpen])).toMatchObject({ code: 1006 });
    expect(client.heard.length).toBeLessThan(pings);
    // The hub serves on.
    const other = await consoleSocket(hub, token);
    other.send({ type: 'ping', id: 'p-1' });
    expect(await other.next()).toEqual({ type: 'pong', id: 'p-1' });
  }, 60_000);

  it('pushes a kiosk’s changes only to sessions whose account may see its region', async () => {
    const wuhanKiosk = await hub.addKiosk('approved', { regionCode: '420111' });
    const guangzhouKiosk = await hub.addKiosk('approved', { regionCode: '440111' });
    const sockets = {
      admin: await consoleSocket(hub, (await sessionFor(hub, 'admin', 'administrator')).token),
      wuhan: await consoleSocket(hub, (await sessionFor(hub, 'wuhan', 'regional-administrator', '420100')).token),
      lawyer: await consoleSocket(hub, (await sessionFor(hub, 'li.lei', 'lawyer', '420111')).token),
    };
    for (const [n, kiosk] of [wuhanKiosk, guangzhouKiosk].entries()) {
      const s = await kioskSocket(hub, kiosk);
      s.send(heartbeat(`b-${n}`));
      await s.next();
      s.ws.close();
      await s.closed;
    }
    // A ping after the changes: whatever was pushed is heard before its pong.
    const heardBeforePong = async (name: keyof typeof sockets) => {
      sockets[name].send({ type: 'ping', id: 'p' });
      await sockets[name].next((m) => m.type === 'pong');
      return [...new Set(sockets[name].heard.flatMap((m) => (m.type === 'kiosk-changed' ? [m.kioskId] : [])))];
    };
    await new Promise((r) => setTimeout(r, 100));
    expect(await heardBeforePong('admin')).toEqual([wuhanKiosk.id, guangzhouKiosk.id]);
    expect(await heardBeforePong('wuhan')).toEqual([wuhanKiosk.id]);
    expect(await heardBeforePong('lawyer')).toEqual([]);
  });

  it('closes when its session ends: sign-out, the account disabled, a new password, idle too long', async () => {
    const admin = await sessionFor(hub, 'admin', 'administrator');
    const call = (path: string, token: string, body: object) => post(hub.server.port, path, token, body);
    const ended = { code: LIVE_CLOSE.sessionEnded, reason: 'session ended: sign in again' };

    const signingOut = await sessionFor(hub, 'li.lei', 'lawyer', '420111');
    const other = await consoleSocket(hub, (await sessionFor(hub, 'wang.fang', 'case-officer', '420111')).token);
    const socket = await consoleSocket(hub, signingOut.token);
    expect((await call('/api/session/sign-out', signingOut.token, {})).status).toBe(200);
    expect(await socket.closed).toEqual(ended);

    const disabled = await sessionFor(hub, 'zhang.san', 'lawyer', '420111');
    const second = await consoleSocket(hub, disabled.token);
    expect((await call('/api/users/disable', admin.token, { login: 'zhang.san' })).status).toBe(200);
    expect(await second.closed).toEqual(ended);

    const reset = await sessionFor(hub, 'zhao.si', 'lawyer', '420111');
    const third = await consoleSocket(hub, reset.token);
    const password = { login: 'zhao.si', password: 'Xin-mi-ma-2026-ab!' };
    expect((await call('/api/users/reset-password', admin.token, password)).status).toBe(200);
    expect(await third.closed).toEqual(ended);

    // Nobody else's socket closed; an open socket does not keep its session alive.
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    hub.advance(SESSION_IDLE_MS);
    expect(await other.closed).toEqual(ended);
  });
});

describe.each(ENGINES)('two hub instances on one database and one bus, on %s', (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('a console on one instance hears of a kiosk on the other; revoking it on one closes its socket on the other', async () => {
    const other = await hub.startOtherInstance();
    const kiosk = await hub.addKiosk('approved');
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const console_ = await consoleSocket(hub, token, { port: other.port });
    const socket = await kioskSocket(hub, kiosk);
    socket.send(heartbeat('b-1'));
    await socket.next();
    expect(await console_.next((m) => m.type === 'kiosk-changed')).toEqual({
      type: 'kiosk-changed',
      kioskId: kiosk.id,
    });

    const revoke = await post(other.port, '/api/kiosks/revoke', token, { kioskId: kiosk.id });
    expect(revoke.status).toBe(200);
    expect(await socket.closed).toEqual({ code: LIVE_CLOSE.kioskRevoked, reason: 'kiosk revoked' });
    expect(await upgradeOutcome(kioskSocket(hub, kiosk, { port: other.port }))).toBe(403);
  });

  it('signing out on one instance closes the session’s sockets on both', async () => {
    const other = await hub.startOtherInstance();
    const { token } = await sessionFor(hub, 'li.lei', 'lawyer', '420111');
    const here = await consoleSocket(hub, token);
    const there = await consoleSocket(hub, token, { port: other.port });
    expect((await hub.call({ method: 'POST', path: '/api/session/sign-out', token })).statusCode).toBe(200);
    const ended = { code: LIVE_CLOSE.sessionEnded, reason: 'session ended: sign in again' };
    expect(await here.closed).toEqual(ended);
    expect(await there.closed).toEqual(ended);
  });
});
