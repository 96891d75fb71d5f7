import { describe, expect, it } from 'vitest';
import { totpCode } from '../accounts/totp';
import { listAudit } from '../storage/audit-log';
import { HUB_SCHEMA_VERSION } from '../storage/migrate';
import { findUserByLogin } from '../storage/users';
import { ENGINES } from '../testing/test-storage';
import { PASSWORDS, sessionTokenFrom, useTestHub } from '../testing/test-hub';

const MINUTE = 60_000;
const ME = { method: 'GET', path: '/api/session/me' } as const;
const USERS = { method: 'GET', path: '/api/users' } as const;

describe.each(ENGINES)('the hub over HTTP on %s', (engine) => {
  const hub = useTestHub(engine);
  /** Every secret a test handled, to look for in the logs at the end. */
  const secrets = new Set<string>(Object.values(PASSWORDS));
  const allLogs: string[] = [];
  const keep = (...values: (string | undefined)[]) => values.forEach((v) => v !== undefined && secrets.add(v));
  const keepLogs = () => allLogs.push(...hub.logs);

  it('signs a lawyer in with an HttpOnly, SameSite=Strict session cookie, and knows them by it', async () => {
    await hub.addAccount('li.lei', 'lawyer', '420111');
    const res = await hub.call({
      method: 'POST',
      path: '/api/session/sign-in',
      body: { login: 'Li.Lei', password: PASSWORDS.lawyer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      outcome: 'signed-in',
      user: { id: 1, login: 'li.lei', displayName: null, role: 'lawyer', regionCode: '420111', totpEnabled: false },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^hub-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    // Plain HTTP: neither Secure nor HSTS.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const token = sessionTokenFrom(res);
    keep(token);

    const me = await hub.call({ ...ME, token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { login: 'li.lei' },
      session: { totpSetupRequired: false, idleTimeoutSeconds: 1800 },
    });
    expect((await hub.call(ME)).statusCode).toBe(401);
    const [audit] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(audit).toMatchObject({
      actor: 'user:1',
      action: 'user.sign-in',
      details: { secondFactor: 'not-needed', from: '127.0.0.1' },
    });
    keepLogs();
  });

  it('answers a wrong password and an unknown login alike, and locks after the fifth wrong one', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const wrong = { outcome: 'refused', reason: 'wrong-credentials', lockedUntil: null };
    expect((await hub.signIn('nobody', PASSWORDS.lawyer)).body).toEqual(wrong);
    for (let i = 1; i < 5; i++) expect((await hub.signIn('li.lei', `Wrong-password-${i}!`)).body).toEqual(wrong);
    const lockEnds = new Date(hub.now().getTime() + 15 * MINUTE).toISOString();
    const fifth = await hub.signIn('li.lei', 'Wrong-password-5!');
    expect(fifth).toEqual({ token: undefined, body: { ...wrong, lockedUntil: lockEnds } });
    expect((await hub.signIn('li.lei', PASSWORDS.lawyer)).body).toEqual({
      outcome: 'refused',
      reason: 'locked',
      lockedUntil: lockEnds,
    });
    hub.advance(15 * MINUTE);
    expect((await hub.signIn('li.lei', PASSWORDS.lawyer)).body).toMatchObject({ outcome: 'signed-in' });
    const actions = (await listAudit(hub.storage.storage.db, { limit: 20 })).map((r) => [r.action, r.details]);
    expect(actions.slice(0, 4)).toEqual([
      ['user.sign-in', { secondFactor: 'not-needed', from: '127.0.0.1' }],
      ['user.sign-in-refused', { reason: 'locked', from: '127.0.0.1' }],
      ['user.lock', { until: lockEnds }],
      ['user.sign-in-refused', { reason: 'wrong-password', from: '127.0.0.1', locked: true }],
    ]);
    keepLogs();
  });

  it('refuses an address that failed ten times lately, whatever accounts it tries, before checking any password', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const from = (remoteAddress: string, login: string, password: string) =>
      hub.call({ method: 'POST', path: '/api/session/sign-in', body: { login, password }, remoteAddress });
    // One common password tried on ten accounts: no account locks, but the address does.
    for (let i = 0; i < 10; i++)
      expect((await from('198.51.100.7', `user${i}`, 'Spring-2026-spring!')).json()).toMatchObject({
        reason: 'wrong-credentials',
      });
    const until = new Date(hub.now().getTime() + 15 * MINUTE).toISOString();
    const throttled = { outcome: 'refused', reason: 'too-many-attempts', lockedUntil: until };
    // Even the right password is not checked from there now…
    expect((await from('198.51.100.7', 'li.lei', PASSWORDS.lawyer)).json()).toEqual(throttled);
    // …while the account itself is not locked: the same person elsewhere signs in.
    expect((await from('198.51.100.8', 'li.lei', PASSWORDS.lawyer)).json()).toMatchObject({ outcome: 'signed-in' });
    const audit = await listAudit(hub.storage.storage.db, { limit: 3 });
    expect(audit.map((r) => r.action)).toEqual(['user.sign-in', 'sign-in.address-throttled', 'user.sign-in-refused']);
    expect(audit[1]?.details).toEqual({ from: '198.51.100.7', until });
    hub.advance(15 * MINUTE);
    expect((await from('198.51.100.7', 'li.lei', PASSWORDS.lawyer)).json()).toMatchObject({ outcome: 'signed-in' });
  });

  it('lets an administrator without TOTP only set it up; then asks for a code at every sign-in and never takes one twice', async () => {
    await hub.addAccount('admin', 'administrator');
    const first = await hub.signIn('admin', PASSWORDS.administrator);
    expect(first.body).toMatchObject({ outcome: 'totp-setup-required', user: { totpEnabled: false } });
    const limited = first.token;
    keep(limited);
    expect((await hub.call({ ...USERS, token: limited })).json()).toEqual({
      error: { code: 'forbidden', message: 'Set up two-factor sign-in (TOTP) first' },
    });
    expect((await hub.call({ ...ME, token: limited })).json()).toMatchObject({
      session: { totpSetupRequired: true },
    });

    const start = await hub.call({ method: 'POST', path: '/api/session/totp/start', token: limited });
    const { secret, uri } = start.json<{ secret: string; uri: string }>();
    keep(secret);
    expect(uri).toBe(
      `otpauth://totp/%E6%97%A0%E4%BA%BA%E5%BE%8B%E6%89%80:admin?issuer=%E6%97%A0%E4%BA%BA%E5%BE%8B%E6%89%80&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    // Kept sealed, never in clear.
    const stored = (await findUserByLogin(hub.storage.storage.db, 'admin'))!.totp_secret!;
    expect(stored).not.toContain(secret);
    keep(stored);

    const confirm = (code: string) =>
      hub.call({ method: 'POST', path: '/api/session/totp/confirm', token: limited, body: { code } });
    const code = totpCode(secret, hub.now());
    const wrongCode = code === '000000' ? '000001' : '000000';
    expect((await confirm(wrongCode)).json()).toEqual({ outcome: 'wrong-code' });
    expect((await confirm(code)).json()).toMatchObject({ outcome: 'confirmed', user: { totpEnabled: true } });
    // The same session may now do what an administrator does; the secret is never shown again.
    expect((await hub.call({ ...USERS, token: limited })).statusCode).toBe(200);
    expect((await hub.call({ method: 'POST', path: '/api/session/totp/start', token: limited })).statusCode).toBe(409);

    expect((await hub.signIn('admin', PASSWORDS.administrator)).body).toEqual({ outcome: 'totp-required' });
    // The code that confirmed the set-up is spent.
    expect((await hub.signIn('admin', PASSWORDS.administrator, code)).body).toEqual({
      outcome: 'refused',
      reason: 'wrong-totp',
      lockedUntil: null,
    });
    hub.advance(30_000);
    const next = totpCode(secret, hub.now());
    const full = await hub.signIn('admin', PASSWORDS.administrator, next);
    expect(full.body).toMatchObject({ outcome: 'signed-in', user: { totpEnabled: true } });
    keep(full.token);
    expect((await hub.signIn('admin', PASSWORDS.administrator, next)).body).toMatchObject({ reason: 'wrong-totp' });
    const refusals = (await listAudit(hub.storage.storage.db, { limit: 20 })).filter(
      (r) => r.action === 'user.sign-in-refused',
    );
    expect(refusals.map((r) => r.details['reason'])).toEqual(['wrong-totp', 'wrong-totp', 'totp-required']);
    expect((await findUserByLogin(hub.storage.storage.db, 'admin'))!.failed_sign_ins).toBe(1);
    keepLogs();
  });

  it('ends a session after 30 idle minutes, sliding with each request', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const { token } = await hub.signIn('li.lei', PASSWORDS.lawyer);
    keep(token);
    for (let i = 0; i < 4; i++) {
      hub.advance(25 * MINUTE);
      expect((await hub.call({ ...ME, token })).statusCode, `after ${(i + 1) * 25} minutes`).toBe(200);
    }
    hub.advance(30 * MINUTE);
    expect((await hub.call({ ...ME, token })).statusCode).toBe(401);
    keepLogs();
  });

  it('ends the session at sign-out, clearing the cookie', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const { token } = await hub.signIn('li.lei', PASSWORDS.lawyer);
    keep(token);
    const other = (await hub.signIn('li.lei', PASSWORDS.lawyer)).token;
    keep(other);
    const out = await hub.call({ method: 'POST', path: '/api/session/sign-out', token });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toBe('hub-session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect((await hub.call({ ...ME, token })).statusCode).toBe(401);
    expect((await hub.call({ method: 'POST', path: '/api/session/sign-out', token })).statusCode).toBe(401);
    // Another browser's session goes on.
    expect((await hub.call({ ...ME, token: other })).statusCode).toBe(200);
    expect((await listAudit(hub.storage.storage.db, { limit: 1 }))[0]).toMatchObject({ action: 'user.sign-out' });
    keepLogs();
  });

  it('a new sign-in in the same browser ends the session it still held', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    await hub.addAccount('wang.fang', 'case-officer', '420111');
    const { token } = await hub.signIn('li.lei', PASSWORDS.lawyer);
    keep(token);
    const res = await hub.call({
      method: 'POST',
      path: '/api/session/sign-in',
      token,
      body: { login: 'wang.fang', password: PASSWORDS['case-officer'] },
    });
    keep(sessionTokenFrom(res));
    expect((await hub.call({ ...ME, token })).statusCode).toBe(401);
    keepLogs();
  });

  it('ends every session of an account at once when it is disabled or given a new password', async () => {
    await hub.addAccount('admin', 'administrator');
    await hub.addAccount('li.lei', 'lawyer');
    const { token: admin } = await hub.setUpTotp('admin', PASSWORDS.administrator);
    const lawyer = (await hub.signIn('li.lei', PASSWORDS.lawyer)).token;
    keep(admin, lawyer);
    const NEW = 'Xin-mi-ma-2026-li!';
    keep(NEW);
    const reset = await hub.call({
      method: 'POST',
      path: '/api/users/reset-password',
      token: admin,
      body: { login: 'li.lei', password: NEW },
    });
    expect(reset.json()).toEqual({ outcome: 'done' });
    expect((await hub.call({ ...ME, token: lawyer })).statusCode).toBe(401);

    const again = (await hub.signIn('li.lei', NEW)).token;
    keep(again);
    expect((await hub.call({ ...ME, token: again })).statusCode).toBe(200);
    const disable = await hub.call({
      method: 'POST',
      path: '/api/users/disable',
      token: admin,
      body: { login: 'li.lei' },
    });
    expect(disable.json()).toEqual({ outcome: 'disabled' });
    expect((await hub.call({ ...ME, token: again })).statusCode).toBe(401);
    expect((await hub.signIn('li.lei', NEW)).body).toEqual({
      outcome: 'refused',
      reason: 'disabled',
      lockedUntil: null,
    });
    const audit = await listAudit(hub.storage.storage.db, { limit: 10 });
    expect(
      audit.filter((r) => r.actor === 'user:1').map((r) => [r.action, r.target, r.details['sessionsEnded']]),
    ).toEqual(
      expect.arrayContaining([
        ['user.disable', 'user:2', 1],
        ['user.reset-password', 'user:2', 1],
      ]),
    );
    keepLogs();
  });

  it('lets an administrator forget another account’s lost second factor: its sessions end, and it sets a new one up', async () => {
    await hub.addAccount('admin', 'administrator');
    await hub.addAccount('wang.fang', 'administrator');
    const { token: admin } = await hub.setUpTotp('admin', PASSWORDS.administrator);
    const { token: lost } = await hub.setUpTotp('wang.fang', PASSWORDS.administrator);
    keep(admin, lost);
    const resetTotp = (login: string) =>
      hub.call({ method: 'POST', path: '/api/users/reset-totp', token: admin, body: { login } });
    expect((await resetTotp('wang.fang')).json()).toEqual({ outcome: 'done' });
    expect((await hub.call({ ...ME, token: lost })).statusCode).toBe(401);
    // Its open consoles close on every instance.
    await new Promise((r) => setTimeout(r, 0));
    expect(hub.events.filter((e) => e.type === 'session-ended')).toHaveLength(1);
    expect((await hub.signIn('wang.fang', PASSWORDS.administrator)).body).toMatchObject({
      outcome: 'totp-setup-required',
    });
    expect((await resetTotp('wang.fang')).json()).toEqual({ outcome: 'unchanged' });
    expect((await resetTotp('nobody')).statusCode).toBe(404);
    const rows = await listAudit(hub.storage.storage.db, { limit: 10 });
    expect(rows.find((r) => r.action === 'user.reset-totp')?.details).toMatchObject({
      login: 'wang.fang',
      sessionsEnded: 1,
    });
  });

  it('refuses a stolen session cookie sent from another origin, without the custom header, or with no Origin', async () => {
    await hub.addAccount('admin', 'administrator');
    await hub.addAccount('li.lei', 'lawyer');
    const { token } = await hub.setUpTotp('admin', PASSWORDS.administrator);
    keep(token);
    const disable = { method: 'POST', path: '/api/users/disable', token, body: { login: 'li.lei' } } as const;
    for (const [why, extra, message] of [
      ['a form on another site', { origin: 'https://evil.example' }, 'Origin is not this hub'],
      ['a sibling origin', { origin: 'http://127.0.0.1:8741' }, 'Origin is not this hub'],
      ['an opaque origin', { origin: 'null' }, 'Origin is not this hub'],
      ['a simple cross-site request', { noHubHeader: true }, 'Missing the x-hub-request header'],
      ['no Origin at all', { origin: null }, 'Origin missing'],
      ['a cross-site fetch', { headers: { 'sec-fetch-site': 'cross-site' } }, 'Requests from other sites are refused'],
      ['a same-site fetch', { headers: { 'sec-fetch-site': 'same-site' } }, 'Requests from other sites are refused'],
    ] as const) {
      const res = await hub.call({ ...disable, ...extra });
      expect(res.statusCode, why).toBe(403);
      expect(res.json(), why).toEqual({ error: { code: 'forbidden', message } });
    }
    expect((await findUserByLogin(hub.storage.storage.db, 'li.lei'))!.disabled_at).toBeNull();
    // The same request from the hub's own page does it.
    expect((await hub.call(disable)).json()).toEqual({ outcome: 'disabled' });
    // Reading, too, needs the header: a cross-site <img> or <script src> gets nothing.
    expect((await hub.call({ ...USERS, token, noHubHeader: true })).statusCode).toBe(403);
    keepLogs();
  });

  it('lets a regional administrator manage their region and below only, and never create an administrator', async () => {
    await hub.addAccount('admin', 'administrator');
    await hub.addAccount('hubei', 'regional-administrator', '420000');
    await hub.addAccount('li.lei', 'lawyer', '420111');
    await hub.addAccount('gz.lawyer', 'lawyer', '440111');
    await hub.addAccount('national', 'lawyer');
    const { token } = await hub.setUpTotp('hubei', PASSWORDS['regional-administrator']);
    keep(token);
    const users = (await hub.call({ ...USERS, token })).json<{ users: { login: string; totpEnabled: boolean }[] }>();
    expect(users.users.map((u) => u.login)).toEqual(['hubei', 'li.lei']);
    expect(users.users[0]!.totpEnabled).toBe(true);

    const create = (body: object) => hub.call({ method: 'POST', path: '/api/users/create', token, body });
    const password = 'Chu-shi-mi-ma-2026!';
    keep(password);
    const created = await create({ login: 'Zhang.San', role: 'case-officer', regionCode: '420102', password });
    expect(created.json()).toMatchObject({
      outcome: 'created',
      user: { login: 'zhang.san', role: 'case-officer', regionCode: '420102', totpEnabled: false },
    });
    expect(JSON.stringify(created.json())).not.toMatch(/hash|argon|secret/i);
    expect((await create({ login: 'boss', role: 'administrator', password })).statusCode).toBe(403);
    expect((await create({ login: 'gz.new', role: 'lawyer', regionCode: '440111', password })).statusCode).toBe(403);
    expect(
      (await create({ login: 'peer', role: 'regional-administrator', regionCode: '420000', password })).statusCode,
    ).toBe(403);
    expect((await create({ login: 'zhang.san', role: 'lawyer', regionCode: '420111', password })).statusCode).toBe(409);
    expect((await create({ login: 'x', role: 'lawyer', regionCode: '4201', password: 'short' })).json()).toEqual({
      outcome: 'refused',
      accountProblems: ['login-invalid', 'region-invalid'],
      passwordProblems: ['too-short', 'too-few-kinds'],
    });

    // Another region's account and a national one are answered as no account at all.
    const disable = (login: string) => hub.call({ method: 'POST', path: '/api/users/disable', token, body: { login } });
    for (const login of ['gz.lawyer', 'national', 'admin', 'nobody']) {
      const res = await disable(login);
      expect(res.statusCode, login).toBe(404);
      expect(res.json(), login).toEqual({ error: { code: 'not-found', message: 'No such account' } });
    }
    expect((await disable('hubei')).statusCode).toBe(403);
    expect((await disable('li.lei')).json()).toEqual({ outcome: 'disabled' });
    expect((await disable('li.lei')).json()).toEqual({ outcome: 'already-disabled' });
    // The audit log is the administrators' alone.
    expect((await hub.call({ method: 'POST', path: '/api/audit', token, body: {} })).statusCode).toBe(403);
    const audit = await listAudit(hub.storage.storage.db, { limit: 5 });
    expect(audit.map((r) => [r.actor, r.action, r.details['login']])).toEqual(
      expect.arrayContaining([
        ['user:2', 'user.disable', 'li.lei'],
        ['user:2', 'user.add', 'zhang.san'],
      ]),
    );
    keepLogs();
  });

  it('shows the audit log to administrators, a page at a time', async () => {
    await hub.addAccount('admin', 'administrator');
    const { token } = await hub.setUpTotp('admin', PASSWORDS.administrator);
    keep(token);
    const page = await hub.call({ method: 'POST', path: '/api/audit', token, body: { limit: 3 } });
    const { entries } = page.json<{ entries: { id: number; action: string }[] }>();
    expect(entries.map((e) => e.action)).toEqual(['user.totp-confirm', 'user.totp-start', 'user.sign-in']);
    const before = await hub.call({ method: 'POST', path: '/api/audit', token, body: { beforeId: entries[2]!.id } });
    expect(before.json<{ entries: { action: string }[] }>().entries.map((e) => e.action)).toEqual([
      'user.add',
      ...Array<string>(HUB_SCHEMA_VERSION).fill('schema.migrate'),
    ]);
    keepLogs();
  });

  it('answers health to anyone, with nothing about the software', async () => {
    const res = await hub.call({ method: 'GET', path: '/api/health', noHubHeader: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['server']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('wrote no password, TOTP secret or session token into any log line', () => {
    expect(allLogs.length).toBeGreaterThan(20);
    // The log did record the requests, refused ones too.
    expect(allLogs.some((l) => l.includes('/api/session/sign-in'))).toBe(true);
    const leaks = [...secrets].filter((s) => allLogs.some((line) => line.includes(s)));
    expect(leaks).toEqual([]);
    expect(allLogs.filter((l) => /\$argon2|otpauth:|hub-session=/.test(l))).toEqual([]);
  });
});

describe.each(ENGINES)('the hub behind a TLS proxy on %s', (engine) => {
  const hub = useTestHub(engine, { publicOrigin: 'https://hub.example.test', trustedProxies: ['10.0.0.0/24'] });
  const fromProxy = {
    remoteAddress: '10.0.0.7',
    headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
  };

  it('believes X-Forwarded-Proto and -For from a trusted proxy: a Secure __Host- cookie and HSTS', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const res = await hub.call({
      method: 'POST',
      path: '/api/session/sign-in',
      body: { login: 'li.lei', password: PASSWORDS.lawyer },
      ...fromProxy,
    });
    expect(String(res.headers['set-cookie'])).toMatch(
      /^__Host-hub-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/,
    );
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const token = sessionTokenFrom(res);
    expect((await hub.call({ ...ME, token, ...fromProxy })).statusCode).toBe(200);
    // Refusals carry HSTS too.
    expect((await hub.call({ ...ME, ...fromProxy })).headers['strict-transport-security']).toBe('max-age=31536000');
    const [audit] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(audit!.details['from']).toBe('203.0.113.9');
  });

  it('ignores those headers from anyone else: no HSTS, no Secure cookie, and the Secure cookie is not read over plain HTTP', async () => {
    await hub.addAccount('li.lei', 'lawyer');
    const spoofed = { ...fromProxy, remoteAddress: '10.0.1.7' };
    const res = await hub.call({
      method: 'POST',
      path: '/api/session/sign-in',
      body: { login: 'li.lei', password: PASSWORDS.lawyer },
      ...spoofed,
    });
    expect(String(res.headers['set-cookie'])).toMatch(/^hub-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const [audit] = await listAudit(hub.storage.storage.db, { limit: 1 });
    expect(audit!.details['from']).toBe('10.0.1.7');
    const secureToken = sessionTokenFrom(
      await hub.call({
        method: 'POST',
        path: '/api/session/sign-in',
        body: { login: 'li.lei', password: PASSWORDS.lawyer },
        ...fromProxy,
      }),
    );
    expect((await hub.call({ ...ME, token: secureToken, remoteAddress: '10.0.1.7' })).statusCode).toBe(401);
  });
});
