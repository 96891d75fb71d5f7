import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import type { KioskSummary } from '../../common/hub/api/kiosks';
import { keyFingerprint } from '../../server-kit/kiosk-identity/kiosk-key';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { T0, useTestHub, type TestHub } from '../testing/test-hub';

/** A full session for a new account, without going through sign-in and TOTP (hub-server.test.ts covers those). */
async function sessionFor(hub: TestHub, login: string, role: UserRole, regionCode: string | null = null) {
  const user = await hub.addAccount(login, role, regionCode);
  return { user, token: await openSession(hub.storage.storage.db, user.id, 'full', hub.now()) };
}

describe.each(ENGINES)('enrollment codes over HTTP on %s', (engine) => {
  const hub = useTestHub(engine);
  const makeCode = (token: string, body: object) =>
    hub.call({ method: 'POST', path: '/api/kiosks/enroll-codes/create', token, body });

  it('an administrator makes a one-time code for any region, shown once, expiring, with its audit row', async () => {
    const { token, user } = await sessionFor(hub, 'admin', 'administrator');
    const res = await makeCode(token, { regionCode: '440111', site: ' 天河区法律服务中心 ', preApprove: true });
    expect(res.statusCode).toBe(200);
    const made = res.json<{ code: string }>();
    expect(made).toEqual({
      code: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
      regionCode: '440111',
      site: '天河区法律服务中心',
      preApproved: true,
      // A day by default.
      expiresAt: '2026-03-03T01:00:00.000Z',
    });
    const second = (await makeCode(token, { regionCode: '440111', expiresInSeconds: 600 })).json<{ code: string }>();
    expect(second).toMatchObject({ site: null, preApproved: false, expiresAt: '2026-03-02T01:10:00.000Z' });
    expect(second.code).not.toBe(made.code);

    const [row] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(row).toMatchObject({
      actor: `user:${user.id}`,
      action: 'enroll-code.create',
      target: expect.stringMatching(/^enroll-code:\d+$/),
      details: { regionCode: '440111', site: null, preApproved: false, expiresAt: '2026-03-02T01:10:00.000Z' },
    });
    // The hub keeps only the hash; neither the database, the audit log nor the log has the code.
    const stored = await hub.storage.storage.db.selectFrom('enrollment_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(made.code.replace(/-/g, ''));
    expect(JSON.stringify(await listAudit(hub.storage.storage.db, { limit: 10 }))).not.toContain(made.code);
    expect(hub.logs.filter((l) => l.includes(made.code) || l.includes(second.code))).toEqual([]);
  });

  it('a regional administrator only within their region; lifetimes outside 5 minutes to 30 days are refused', async () => {
    const { token } = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    expect((await makeCode(token, { regionCode: '420111' })).statusCode).toBe(200);
    expect((await makeCode(token, { regionCode: '420100' })).statusCode).toBe(200);
    for (const regionCode of ['420000', '420200', '440111'])
      expect((await makeCode(token, { regionCode })).statusCode, regionCode).toBe(403);
    for (const expiresInSeconds of [60, 31 * 86_400, 1.5])
      expect((await makeCode(token, { regionCode: '420111', expiresInSeconds })).statusCode).toBe(400);
    expect((await makeCode(token, { regionCode: '4201' })).statusCode).toBe(400);
    expect(await hub.storage.storage.db.selectFrom('enrollment_codes').select('region_code').execute()).toHaveLength(2);
  });
});

const newKey = () =>
  generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

describe.each(ENGINES)('kiosk registration, approval and revocation over HTTP on %s', (engine) => {
  const hub = useTestHub(engine);
  const makeCode = async (token: string, body: object) =>
    (await hub.call({ method: 'POST', path: '/api/kiosks/enroll-codes/create', token, body })).json<{ code: string }>()
      .code;
  const register = (body: { code: string; publicKey?: string; terminalId?: string; displayName?: string }) =>
    hub.call({
      method: 'POST',
      path: '/api/kiosk/register',
      origin: null,
      body: { publicKey: newKey(), terminalId: 'HB-0001', displayName: '洪山区街道终端', ...body },
    });
  const list = async (token: string) =>
    (await hub.call({ method: 'GET', path: '/api/kiosks', token })).json<{ kiosks: KioskSummary[] }>().kiosks;
  const act = (token: string, what: 'approve' | 'revoke', kioskId: number) =>
    hub.call({ method: 'POST', path: `/api/kiosks/${what}`, token, body: { kioskId } });

  it('a kiosk registers with a code and waits; an administrator approves it; the code is spent', async () => {
    const { token, user } = await sessionFor(hub, 'admin', 'administrator');
    const code = await makeCode(token, { regionCode: '420111', site: '洪山区街道中心' });
    const publicKey = newKey();
    const res = await register({ code: code.toLowerCase().replace(/-/g, ' '), publicKey });
    expect(res.statusCode).toBe(200);
    const { kioskId } = res.json<{ kioskId: number }>();
    expect(res.json()).toEqual({ outcome: 'registered', kioskId, status: 'pending' });

    expect(await list(token)).toEqual([
      {
        id: kioskId,
        terminalId: 'HB-0001',
        displayName: '洪山区街道终端',
        regionCode: '420111',
        site: '洪山区街道中心',
        status: 'pending',
        keyFingerprint: keyFingerprint(publicKey),
        enrolledAt: T0.toISOString(),
        approvedAt: null,
        revokedAt: null,
        lastSeenAt: null,
        openAlerts: [],
        online: false,
        lastHeartbeatAt: null,
        appVersion: null,
        contentVersion: null,
        outboxDepth: null,
        outboxOldestWaitingSince: null,
      },
    ]);
    expect(keyFingerprint(publicKey)).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/);
    // Used once: a second kiosk with the same code is refused.
    expect((await register({ code, terminalId: 'HB-0002' })).json()).toEqual({
      outcome: 'refused',
      reason: 'code-not-valid',
    });

    hub.advance(60_000);
    expect((await act(token, 'approve', kioskId)).json()).toEqual({ outcome: 'approved' });
    expect((await act(token, 'approve', kioskId)).json()).toEqual({ outcome: 'already-approved' });
    expect((await list(token))[0]).toMatchObject({ status: 'approved', approvedAt: '2026-03-02T01:01:00.000Z' });

    const audit = await listAudit(hub.storage.storage.db, { limit: 10 });
    expect(audit.map((r) => [r.actor, r.action, r.target])).toEqual(
      expect.arrayContaining([
        [`user:${user.id}`, 'kiosk.approve', `kiosk:${kioskId}`],
        ['system', 'kiosk.enroll-refused', null],
        [`kiosk:${kioskId}`, 'kiosk.enroll', `kiosk:${kioskId}`],
      ]),
    );
    expect(audit.find((r) => r.action === 'kiosk.enroll')!.details).toMatchObject({
      terminalId: 'HB-0001',
      regionCode: '420111',
      status: 'pending',
      keyFingerprint: keyFingerprint(publicKey),
    });
  });

  it('refuses a forged, expired or used code, a key that is not Ed25519 or is taken, and a terminal enrolled already', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const code = await makeCode(token, { regionCode: '420111', expiresInSeconds: 600 });
    const refused = async (body: Parameters<typeof register>[0]) => (await register(body)).json<{ reason: string }>();

    expect(await refused({ code: 'AB12-CD34-EF56-GH78' })).toEqual({ outcome: 'refused', reason: 'code-not-valid' });
    expect(await refused({ code: 'not a code' })).toMatchObject({ reason: 'code-not-valid' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    for (const publicKey of [rsa.slice(0, 200), 'AAAA', 'not base64!'])
      expect(await refused({ code, publicKey }), publicKey).toMatchObject({ reason: 'key-not-valid' });

    // None of those spent the code.
    const key = newKey();
    expect((await register({ code, publicKey: key })).json()).toMatchObject({ outcome: 'registered' });
    const other = await makeCode(token, { regionCode: '420111' });
    expect(await refused({ code: other, publicKey: key, terminalId: 'HB-0009' })).toMatchObject({
      reason: 'key-not-valid',
    });
    expect(await refused({ code: other })).toMatchObject({ reason: 'terminal-enrolled' });

    const late = await makeCode(token, { regionCode: '420111', expiresInSeconds: 300 });
    hub.advance(300_000);
    expect(await refused({ code: late, terminalId: 'HB-0003' })).toMatchObject({ reason: 'code-not-valid' });
    // The refusals left `other` unspent.
    expect(await refused({ code: other, terminalId: 'HB-0003' })).toMatchObject({ outcome: 'registered' });
  });

  it('refuses an address that had ten registrations refused lately, before looking at its code, with one audit row for the lot', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const code = await makeCode(token, { regionCode: '420111' });
    const from = (remoteAddress: string, body: { code: string; terminalId?: string }) =>
      hub
        .call({
          method: 'POST',
          path: '/api/kiosk/register',
          origin: null,
          remoteAddress,
          body: { publicKey: newKey(), terminalId: 'HB-0001', displayName: '洪山区街道终端', ...body },
        })
        .then((r) => r.json<{ outcome: string; reason?: string }>());
    const auditRows = async () => (await listAudit(hub.storage.storage.db, { limit: 1000 })).length;

    const before = await auditRows();
    for (let i = 0; i < 10; i++)
      expect(await from('203.0.113.7', { code: `AB12-CD34-EF56-GH${String(i).padStart(2, '0')}` })).toMatchObject({
        reason: 'code-not-valid',
      });
    // Guessing on: refused before the code is looked at — the right code too, which stays unspent.
    for (let i = 0; i < 50; i++)
      expect(await from('203.0.113.7', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).toEqual({
        outcome: 'refused',
        reason: 'too-many-attempts',
      });
    expect(await from('203.0.113.7', { code })).toEqual({ outcome: 'refused', reason: 'too-many-attempts' });
    // Ten refusals and the one row saying the address is throttled: the flood wrote nothing more.
    expect((await auditRows()) - before).toBe(11);
    expect((await listAudit(hub.storage.storage.db, { limit: 1 }))[0]).toMatchObject({
      action: 'kiosk.enroll-throttled',
      details: { from: '203.0.113.7' },
    });

    // Another address is not held back; the first may try again once its failures leave the window.
    expect(await from('203.0.113.8', { code: 'AB12-CD34-EF56-GH99' })).toMatchObject({ reason: 'code-not-valid' });
    hub.advance(15 * 60_000);
    expect(await from('203.0.113.7', { code })).toMatchObject({ outcome: 'registered' });
  });

  it('a pre-approving code approves at once; revoking keeps the kiosk and lets its terminal enroll again', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const first = await register({ code: await makeCode(token, { regionCode: '420111', preApprove: true }) });
    const { kioskId, status } = first.json<{ kioskId: number; status: string }>();
    expect(status).toBe('approved');

    hub.advance(1000);
    expect((await act(token, 'revoke', kioskId)).json()).toEqual({ outcome: 'revoked' });
    expect((await act(token, 'revoke', kioskId)).json()).toEqual({ outcome: 'already-revoked' });
    expect((await act(token, 'approve', kioskId)).statusCode).toBe(409);
    expect((await act(token, 'approve', 999)).statusCode).toBe(404);

    const again = await register({ code: await makeCode(token, { regionCode: '420111' }) });
    expect(again.json()).toMatchObject({ outcome: 'registered', status: 'pending' });
    expect((await list(token)).map((k) => [k.id, k.terminalId, k.status, k.revokedAt])).toEqual([
      [kioskId, 'HB-0001', 'revoked', '2026-03-02T01:00:01.000Z'],
      [again.json<{ kioskId: number }>().kioskId, 'HB-0001', 'pending', null],
    ]);
  });

  it('a regional administrator sees and manages the kiosks of their region and below only', async () => {
    const { token: admin } = await sessionFor(hub, 'admin', 'administrator');
    const { token: wuhan } = await sessionFor(hub, 'wuhan', 'regional-administrator', '420100');
    const { token: lawyer } = await sessionFor(hub, 'li.lei', 'lawyer', '420111');
    const here = (await register({ code: await makeCode(admin, { regionCode: '420111' }) })).json<{
      kioskId: number;
    }>().kioskId;
    const there = (
      await register({ code: await makeCode(admin, { regionCode: '440111' }), terminalId: 'GZ-0001' })
    ).json<{ kioskId: number }>().kioskId;

    expect((await list(wuhan)).map((k) => k.id)).toEqual([here]);
    expect((await list(admin)).map((k) => k.id)).toEqual([here, there]);
    for (const what of ['approve', 'revoke'] as const) {
      const res = await act(wuhan, what, there);
      expect(res.statusCode, what).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not-found', message: 'No such kiosk' } });
      expect((await act(lawyer, what, here)).statusCode).toBe(403);
    }
    expect((await act(wuhan, 'approve', here)).json()).toEqual({ outcome: 'approved' });
    expect((await list(admin)).find((k) => k.id === there)!.status).toBe('pending');
  });

  it('one code enrolls one kiosk, however many race with it', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const code = await makeCode(token, { regionCode: '420111' });
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => register({ code, terminalId: `HB-000${n}` }).then((r) => r.json<{ outcome: string }>())),
    );
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    expect(await hub.storage.storage.db.selectFrom('kiosks').select('id').execute()).toHaveLength(1);
  });

  it('one terminal enrolls once, however many codes race for it: the others are refused, not a 500', async () => {
    const { token } = await sessionFor(hub, 'admin', 'administrator');
    const codes = await Promise.all([1, 2, 3, 4].map(() => makeCode(token, { regionCode: '420111' })));
    const answers = await Promise.all(codes.map((code) => register({ code, terminalId: 'HB-RACE' })));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const outcomes = answers.map((r) => r.json<{ outcome: string; reason?: string }>());
    expect(outcomes.filter((o) => o.outcome === 'registered')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'refused').map((o) => o.reason)).toEqual([
      'terminal-enrolled',
      'terminal-enrolled',
      'terminal-enrolled',
    ]);
  });
});
