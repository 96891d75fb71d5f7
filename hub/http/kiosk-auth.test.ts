import { describe, expect, it } from 'vitest';
import type { KioskHeartbeat } from '../../common/hub/api/kiosks';
import { signRequest } from '../../server-kit/kiosk-identity/request-signature';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { findKiosk, latestHeartbeat } from '../storage/kiosks';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { T0, useTestHub } from '../testing/test-hub';

const HEARTBEAT = { method: 'POST', path: '/api/kiosk/heartbeat' } as const;
const STATUS = { method: 'GET', path: '/api/kiosk/status' } as const;

const report = (uptimeSeconds: number): KioskHeartbeat => ({
  appVersion: '0.1.0',
  contentVersion: '2026.03.01-1',
  uptimeSeconds,
  diskFreeBytes: 12_000_000_000,
  outboxDepth: 3,
  devices: [
    { device: 'printer', state: 'paper-out' },
    { device: 'id-reader', state: 'present' },
  ],
  lastCrash: { at: '2026-03-01T23:00:00.000Z', reason: 'renderer exited (code 1)' },
  clockOffsetMs: -1200,
});

describe.each(ENGINES)('kiosks’ signed requests on %s', (engine) => {
  const hub = useTestHub(engine);

  it('an approved kiosk’s heartbeat is kept (the latest) and the kiosk noted as seen, answered after the commit', async () => {
    const kiosk = await hub.addKiosk('approved');
    const first = await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(60) });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ receivedAt: T0.toISOString(), allowedRelease: 0 });
    hub.advance(30_000);
    expect((await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(90) })).statusCode).toBe(200);

    const db = hub.storage.storage.db;
    expect(await latestHeartbeat(db, kiosk.id)).toEqual({ receivedAt: '2026-03-02T01:00:30.000Z', report: report(90) });
    expect((await findKiosk(db, kiosk.id))!.last_seen_at).toBe('2026-03-02T01:00:30.000Z');
    // Answered after the commit: a hub reopened on the same storage has it.
    const reopened = await hub.storage.reopen();
    expect((await latestHeartbeat(reopened.db, kiosk.id))!.report.uptimeSeconds).toBe(90);
  });

  it('refuses a replayed request, a time more than 5 minutes off, and a body other than the one signed', async () => {
    const kiosk = await hub.addKiosk('approved');
    const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect((await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(1) }, { nonce })).statusCode).toBe(200);
    const replay = await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(1) }, { nonce, time: T0.getTime() });
    expect(replay.statusCode).toBe(401);
    // The nonce is the kiosk's: another kiosk may happen to use the same.
    expect(
      (await hub.kioskCall(await hub.addKiosk('approved'), { ...HEARTBEAT, body: report(1) }, { nonce })).statusCode,
    ).toBe(200);

    const minutes = (m: number) => T0.getTime() + m * 60_000;
    for (const m of [-6, 5.1, 60 * 24 * 365])
      expect((await hub.kioskCall(kiosk, STATUS, { time: minutes(m) })).statusCode, `${m} min`).toBe(401);
    for (const m of [-4.9, 4.9])
      expect((await hub.kioskCall(kiosk, STATUS, { time: minutes(m) })).statusCode).toBe(200);

    const body = JSON.stringify(report(5));
    const headers = signRequest(kiosk.privateKey, { ...HEARTBEAT, kioskId: kiosk.id, time: T0.getTime(), body });
    const altered = await hub.server.app.inject({
      method: 'POST',
      url: HEARTBEAT.path,
      headers: { ...headers, [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json' },
      payload: body.replace('"outboxDepth":3', '"outboxDepth":0'),
    });
    expect(altered.statusCode).toBe(401);
    // Signed for another route: refused too.
    const moved = signRequest(kiosk.privateKey, {
      method: 'GET',
      path: '/api/kiosk/other',
      kioskId: kiosk.id,
      time: T0.getTime(),
      body: '',
    });
    expect(
      (
        await hub.server.app.inject({
          method: 'GET',
          url: STATUS.path,
          headers: { ...moved, [HUB_REQUEST_HEADER]: '1' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await latestHeartbeat(hub.storage.storage.db, kiosk.id))!.report.uptimeSeconds).toBe(1);
  });

  it('a kiosk can never act as another: its key verifies for its own id only, and the heartbeat lands on the signer', async () => {
    const mine = await hub.addKiosk('approved');
    const theirs = await hub.addKiosk('approved');
    // My key, their id.
    expect((await hub.kioskCall(theirs, { ...HEARTBEAT, body: report(7) }, { as: mine })).statusCode).toBe(401);
    // My id and key, and a header or field naming them: the signature decides, nothing else.
    const res = await hub.kioskCall(
      mine,
      { ...HEARTBEAT, body: report(8) },
      { headers: { 'x-kiosk-terminal': 'T-theirs' } },
    );
    expect(res.statusCode).toBe(200);
    expect(await latestHeartbeat(hub.storage.storage.db, theirs.id)).toBeUndefined();
    expect((await latestHeartbeat(hub.storage.storage.db, mine.id))!.report.uptimeSeconds).toBe(8);
    // An id no kiosk has.
    expect((await hub.kioskCall({ ...mine, id: 999 }, STATUS)).statusCode).toBe(401);
  });

  it('a pending kiosk may only ask where it stands; once revoked it is refused at once', async () => {
    const kiosk = await hub.addKiosk('pending');
    expect((await hub.kioskCall(kiosk, STATUS)).json()).toMatchObject({ kioskId: kiosk.id, status: 'pending' });
    const waiting = await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(1) });
    expect(waiting.statusCode).toBe(403);
    expect(waiting.json()).toMatchObject({ error: { message: 'This kiosk waits for an administrator’s approval' } });

    const admin = await hub.addAccount('admin', 'administrator');
    const token = await openSession(hub.storage.storage.db, admin.id, 'full', hub.now());
    const act = (what: string) =>
      hub.call({ method: 'POST', path: `/api/kiosks/${what}`, token, body: { kioskId: kiosk.id } });
    expect((await act('approve')).statusCode).toBe(200);
    expect((await hub.kioskCall(kiosk, STATUS)).json()).toMatchObject({ status: 'approved' });
    expect((await hub.kioskCall(kiosk, { ...HEARTBEAT, body: report(2) })).statusCode).toBe(200);

    expect((await act('revoke')).statusCode).toBe(200);
    for (const call of [STATUS, { ...HEARTBEAT, body: report(3) }]) {
      const res = await hub.kioskCall(kiosk, call);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('revoked') } });
    }
    // Its row and its last heartbeat stay.
    expect((await latestHeartbeat(hub.storage.storage.db, kiosk.id))!.report.uptimeSeconds).toBe(2);
  });
});
