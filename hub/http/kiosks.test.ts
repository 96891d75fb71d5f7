import { describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import { listAudit } from '../storage/audit-log';
import { openSession } from '../storage/sessions';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';

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
