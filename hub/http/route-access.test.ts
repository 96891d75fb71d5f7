import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../common/hub/accounts';
import { isKioskAccess, type HubAccess, type SessionAccess } from '../../common/hub/api/access';
import { hubApi, hubPages, type HubPageName, type HubRouteName } from '../../common/hub/api/contract';
import { TUF_FILE_ROUTES, type TufFileRouteName } from '../../common/hub/api/tuf-files';
import { publishRelease, uploadRelease } from '../releases/content-releases';
import { makeTufKeys } from '../releases/tuf-keys';
import { initRepository } from '../releases/tuf-repository';
import { writeContentRelease } from '../testing/content-release-files';
import { openSession } from '../storage/sessions';
import type { SessionScope } from '../storage/schema';
import { ENGINES } from '../testing/test-storage';
import { ORIGIN, useTestHub, type Call } from '../testing/test-hub';

/**
 * Every route of the hub's contract × every kind of caller: nobody, each
 * role, an administrator who has not set up TOTP yet — and each of those
 * sending from another origin, without the X-Hub-Request header, or (on a
 * POST) without an Origin. The routes come from the contract, so a new
 * route is in this table the day it is added; what each may do is written
 * out below (a new route without a line here does not compile), so a
 * route that is more open than intended fails here even if the contract
 * says so.
 */

const DECLARED: { [R in HubRouteName]: HubAccess } = {
  health: 'anyone',
  signIn: 'anyone',
  signOut: 'any-session',
  me: 'any-session',
  totpStart: 'any-session',
  totpConfirm: 'any-session',
  users: ['administrator', 'regional-administrator'],
  userCreate: ['administrator', 'regional-administrator'],
  userDisable: ['administrator', 'regional-administrator'],
  userResetPassword: ['administrator', 'regional-administrator'],
  userResetTotp: ['administrator', 'regional-administrator'],
  audit: ['administrator'],
  enrollCodeCreate: ['administrator', 'regional-administrator'],
  kiosks: ['administrator', 'regional-administrator'],
  kioskApprove: ['administrator', 'regional-administrator'],
  kioskRevoke: ['administrator', 'regional-administrator'],
  alerts: ['administrator', 'regional-administrator'],
  kioskDetail: ['administrator', 'regional-administrator'],
  kioskOpeningHours: ['administrator', 'regional-administrator'],
  releases: ['administrator', 'regional-administrator'],
  releaseRollout: ['administrator'],
  kioskPin: ['administrator', 'regional-administrator'],
  lawyerQueues: ['administrator', 'regional-administrator'],
  lawyerQueuesSet: ['administrator', 'regional-administrator'],
  dutyRoster: ['administrator', 'regional-administrator'],
  dutyRosterSet: ['administrator', 'regional-administrator'],
  callsMine: ['lawyer'],
  consultationRecordSave: ['lawyer'],
  consultationRecord: ['lawyer', 'administrator', 'regional-administrator'],
  callFigures: ['administrator', 'regional-administrator'],
  yearFigures: ['administrator', 'regional-administrator'],
  yearFiguresExport: ['administrator', 'regional-administrator'],
  callDocumentPush: ['lawyer'],
  kioskCallDocument: 'approved-kiosk',
  callTemplates: ['lawyer'],
  cases: ['administrator', 'regional-administrator', 'case-officer'],
  caseDetail: ['administrator', 'regional-administrator', 'case-officer'],
  caseReveal: ['administrator', 'regional-administrator', 'case-officer'],
  caseStatusChange: ['administrator', 'regional-administrator', 'case-officer'],
  feedback: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
  callbackReveal: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
  callbackDone: ['administrator', 'regional-administrator', 'case-officer', 'lawyer'],
  kioskRegister: 'enrolling-kiosk',
  kioskStatus: 'enrolled-kiosk',
  kioskHeartbeat: 'approved-kiosk',
  kioskSubmit: 'approved-kiosk',
  kioskCaseStatus: 'approved-kiosk',
  commandSend: ['administrator', 'regional-administrator'],
  commandList: ['administrator', 'regional-administrator'],
  commandShow: ['administrator', 'regional-administrator'],
  kioskCommandResult: 'approved-kiosk',
  contentItems: ['administrator'],
  contentDraftSave: ['administrator'],
  contentSubmit: ['administrator'],
  contentWithdraw: ['administrator'],
  contentChanges: ['administrator'],
  contentChange: ['administrator'],
  contentReview: ['administrator'],
  contentPreview: ['administrator'],
  releaseUploads: ['administrator'],
  releaseUploadReview: ['administrator'],
};

/** The public pages, each with a link to something the release has: anyone loads them, from anywhere. */
const PAGE_LINKS: { [P in HubPageName]: string } = {
  answerPage: '/p/answer/wages-unpaid-what-to-do',
  guidePage: '/p/guide/labour-arbitration',
  lawPage: `/p/law?title=${encodeURIComponent('中华人民共和国劳动合同法')}&version=2012-12-28&article=${encodeURIComponent('第三十条')}`,
  officePage: '/p/office/wuhan-legal-aid-centre',
};

/** The TUF repository's files: public, whoever asks, however. */
const DECLARED_FILES: { [R in TufFileRouteName]: HubAccess } = {
  tufMetadata: 'anyone',
  tufTargets: 'anyone',
};

const scratch = mkdtempSync(join(tmpdir(), 'route-access-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const TUF_KEYS = makeTufKeys(join(scratch, 'tuf'), ['root', 'targets', 'snapshot', 'timestamp']);
const RELEASE = writeContentRelease(join(scratch, 'release.db'), { rows: 5 });

let created = 0;
/** A valid body per route, chosen so that an allowed call does no harm to the table (no such account, a wrong code…). */
const SAMPLE_BODIES: { [R in HubRouteName]: () => unknown } = {
  health: () => undefined,
  signIn: () => ({ login: 'nobody', password: 'Not-the-password-1!' }),
  signOut: () => ({}),
  me: () => undefined,
  totpStart: () => ({}),
  totpConfirm: () => ({ code: '000000' }),
  users: () => undefined,
  userCreate: () => ({
    login: `new.${++created}`,
    role: 'lawyer',
    regionCode: '420111',
    password: 'Chu-shi-mi-ma-2026!',
  }),
  userDisable: () => ({ login: 'nobody' }),
  userResetPassword: () => ({ login: 'nobody', password: 'Xin-mi-ma-2026-ab!' }),
  userResetTotp: () => ({ login: 'nobody' }),
  audit: () => ({ limit: 1 }),
  enrollCodeCreate: () => ({ regionCode: '420111', expiresInSeconds: 3600 }),
  kiosks: () => undefined,
  kioskApprove: () => ({ kioskId: 999 }),
  kioskRevoke: () => ({ kioskId: 999 }),
  alerts: () => undefined,
  kioskDetail: () => ({ kioskId: 999 }),
  kioskOpeningHours: () => ({ kioskId: 999, hours: null }),
  releases: () => undefined,
  // No such release: refused with 409, nothing changed.
  releaseRollout: () => ({ releaseNumber: 999, change: { action: 'pause' } }),
  kioskPin: () => ({ kioskId: 999, releaseNumber: null }),
  lawyerQueues: () => ({ login: 'nobody' }),
  lawyerQueuesSet: () => ({ login: 'nobody', queues: [] }),
  dutyRoster: () => ({ regionCode: '420111' }),
  // The roster of a region nobody uses in these tests.
  dutyRosterSet: () => ({ regionCode: '420117', entries: [] }),
  callsMine: () => undefined,
  // A call nobody has: answered 404, as for none.
  consultationRecordSave: () => ({
    callId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90',
    topic: null,
    facts: '',
    advice: '',
    referral: null,
    finish: false,
  }),
  consultationRecord: () => ({ callId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90' }),
  callFigures: () => ({ from: '2026-03-01', to: '2026-03-31' }),
  yearFigures: () => ({ year: 2026 }),
  yearFiguresExport: () => ({ year: 2026, format: 'csv', table: 'annual' }),
  callDocumentPush: () => ({
    callId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90',
    kind: 'note',
    title: '说明',
    text: '请携带身份证原件。',
  }),
  kioskCallDocument: () => ({ documentId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90' }),
  callTemplates: () => undefined,
  cases: () => ({ kind: 'legal-aid-application' }),
  caseDetail: () => ({ caseId: 999_999 }),
  caseReveal: () => ({ caseId: 999_999 }),
  caseStatusChange: () => ({ caseId: 999_999, from: 'new', to: { status: 'accepted', details: {} } }),
  feedback: () => undefined,
  callbackReveal: () => ({ callbackId: 999_999 }),
  callbackDone: () => ({ callbackId: 999_999 }),
  kioskRegister: () => ({
    code: 'AAAA-AAAA-AAAA-AAAA',
    publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
    terminalId: 'HB-0001',
    displayName: '测试终端',
  }),
  kioskStatus: () => undefined,
  kioskHeartbeat: () => ({
    appVersion: '0.1.0',
    contentVersion: null,
    uptimeSeconds: 1,
    diskFreeBytes: 1,
    outboxDepth: 0,
    devices: [],
    lastCrash: null,
    clockOffsetMs: 0,
  }),
  // A fresh key each call: every approved kiosk's first delivery is stored.
  kioskSubmit: () => ({
    idempotencyKey: randomUUID(),
    kind: 'rating',
    reference: 'R260302-2227-T',
    createdAt: '2026-03-02T09:00:00.000+08:00',
    payload: { subject: 'overall', score: 5 },
  }),
  kioskCaseStatus: () => ({ reference: 'A260302-2227-T', phoneLast4: '0000' }),
  // No such kiosk or command: answered 404, and nothing is sent.
  commandSend: () => ({ kioskId: 999, kind: 'reload-ui' }),
  commandList: () => ({}),
  commandShow: () => ({ commandId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90' }),
  kioskCommandResult: () => ({ commandId: '7d1c4f0e-2b7a-4c53-9a51-0f6f3e1b2a90', status: 'done', detail: '' }),
  // No such change or upload: answered 404, nothing changes; the reads and the preview change nothing.
  contentItems: () => ({ kind: 'slide' }),
  contentDraftSave: () => ({
    changeId: 999,
    itemId: null,
    edit: { action: 'save', item: { kind: 'slide', fields: { title: '标题', body: '正文', cites: [] } } },
  }),
  contentSubmit: () => ({ changeId: 999 }),
  contentWithdraw: () => ({ changeId: 999 }),
  contentChanges: () => ({}),
  contentChange: () => ({ changeId: 999 }),
  contentReview: () => ({ changeId: 999, updatedAt: '2026-01-01T00:00:00.000Z', decision: 'reject', note: null }),
  contentPreview: () => ({
    item: { kind: 'slide', fields: { title: '标题', body: '正文', cites: ['劳动合同法 第三十条'] } },
  }),
  releaseUploads: () => undefined,
  releaseUploadReview: () => ({ uploadId: 999, decision: 'reject', note: null }),
};

interface Caller {
  name: string;
  account?: { login: string; role: UserRole; regionCode: string | null; scope: SessionScope };
}

const CALLERS: Caller[] = [
  { name: 'nobody' },
  { name: 'an administrator', account: { login: 'admin', role: 'administrator', regionCode: null, scope: 'full' } },
  {
    name: 'a regional administrator',
    account: { login: 'hubei', role: 'regional-administrator', regionCode: '420000', scope: 'full' },
  },
  { name: 'a lawyer', account: { login: 'li.lei', role: 'lawyer', regionCode: '420111', scope: 'full' } },
  {
    name: 'a case officer',
    account: { login: 'wang.fang', role: 'case-officer', regionCode: '420111', scope: 'full' },
  },
  {
    name: 'an administrator before setting up TOTP',
    account: { login: 'new.admin', role: 'administrator', regionCode: null, scope: 'totp-setup' },
  },
  {
    name: 'a regional administrator before setting up TOTP',
    account: { login: 'new.hubei', role: 'regional-administrator', regionCode: '420000', scope: 'totp-setup' },
  },
];

/** Whether a caller may call a route with this access, written out independently of the hub's own check. */
function mayCall(access: SessionAccess, caller: Caller): boolean {
  if (access === 'anyone') return true;
  if (caller.account === undefined) return false;
  if (access === 'any-session') return true;
  if (caller.account.scope !== 'full') return false;
  return access === 'signed-in' || access.includes(caller.account.role);
}

const ALL_ROUTES = (Object.keys(hubApi) as HubRouteName[]).map((name) => ({ name, ...hubApi[name] }));
const sessionAccess = (name: HubRouteName): SessionAccess | undefined => {
  const access = DECLARED[name];
  return isKioskAccess(access) ? undefined : access;
};
const ROUTES = ALL_ROUTES.filter((r) => sessionAccess(r.name) !== undefined);
const KIOSK_ROUTES = ALL_ROUTES.filter((r) => sessionAccess(r.name) === undefined);

describe.each(ENGINES)('who may call each route of the hub, on %s', (engine) => {
  const hub = useTestHub(engine);

  /** Each caller's account and a session of the scope it names. */
  async function sessions(): Promise<Map<Caller, string | undefined>> {
    const tokens = new Map<Caller, string | undefined>();
    for (const caller of CALLERS) {
      if (caller.account === undefined) {
        tokens.set(caller, undefined);
        continue;
      }
      const user = await hub.addAccount(caller.account.login, caller.account.role, caller.account.regionCode);
      tokens.set(caller, await openSession(hub.storage.storage.db, user.id, caller.account.scope, hub.now()));
    }
    return tokens;
  }

  it('the contract declares exactly the access written out here', () => {
    expect(Object.fromEntries(ALL_ROUTES.map((r) => [r.name, r.access]))).toEqual(DECLARED);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path} (${route.name})`, async () => {
      const tokens = await sessions();
      const wrong: string[] = [];
      const expectRefused = async (why: string, call: Call, statuses: number[]) => {
        const res = await hub.call(call);
        if (!statuses.includes(res.statusCode)) wrong.push(`${why} → ${res.statusCode} ${res.body}`);
      };
      const base = { method: route.method, path: route.path };
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const call = (): Call => ({ ...base, token, body: SAMPLE_BODIES[route.name]() });
        const allowed = mayCall(sessionAccess(route.name)!, caller);
        // First the requests that must be refused: an allowed sign-out would end the session.
        await expectRefused(`${caller.name} from another origin`, { ...call(), origin: 'https://evil.example' }, [403]);
        if (route.name !== 'health')
          await expectRefused(`${caller.name} without X-Hub-Request`, { ...call(), noHubHeader: true }, [403]);
        if (route.method === 'POST')
          await expectRefused(`${caller.name} without an Origin`, { ...call(), origin: null }, [403]);
        if (!allowed) {
          await expectRefused(
            `${caller.name} from the hub's own page`,
            call(),
            caller.account === undefined ? [401] : [403],
          );
          continue;
        }
        const res = await hub.call(call());
        if ([401, 403].includes(res.statusCode) || res.statusCode >= 500)
          wrong.push(`${caller.name}, who may, → ${res.statusCode} ${res.body}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  for (const route of KIOSK_ROUTES) {
    it(`${route.method} ${route.path} (${route.name}), a kiosk's route`, async () => {
      const tokens = await sessions();
      const wrong: string[] = [];
      const base = { method: route.method, path: route.path };
      const kioskCall = () => ({ ...base, body: SAMPLE_BODIES[route.name]() });
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const call = (): Call => ({ ...base, token, body: SAMPLE_BODIES[route.name](), origin: null });
        // Whatever a browser sends is refused: an Origin, its own or another, or Sec-Fetch-Site.
        const refusals: [string, Call][] = [
          ['from the hub’s own page', { ...call(), origin: ORIGIN }],
          ['from another origin', { ...call(), origin: 'https://evil.example' }],
          ['marked by a browser', { ...call(), headers: { 'sec-fetch-site': 'same-origin' } }],
          ['without X-Hub-Request', { ...call(), noHubHeader: true }],
        ];
        for (const [why, c] of refusals) {
          const res = await hub.call(c);
          if (res.statusCode !== 403) wrong.push(`${caller.name} ${why} → ${res.statusCode} ${res.body}`);
        }
        // A session is no kiosk's credential: it is ignored, neither needed nor enough.
        const res = await hub.call(call());
        const ok = DECLARED[route.name] === 'enrolling-kiosk' ? res.statusCode === 200 : res.statusCode === 401;
        if (!ok) wrong.push(`${caller.name} as a kiosk would call → ${res.statusCode} ${res.body}`);
      }
      // Kiosks, signing: each standing, and one signing with another kiosk's key.
      const access = DECLARED[route.name];
      if (access !== 'enrolling-kiosk') {
        const approved = await hub.addKiosk('approved');
        const pending = await hub.addKiosk('pending');
        const revoked = await hub.addKiosk('revoked');
        // A route naming something the kiosk may have (a document of its call, a command sent it) answers a kiosk without it 404, as for none.
        const allowed = route.name === 'kioskCallDocument' || route.name === 'kioskCommandResult' ? [404] : [200];
        const kioskCalls: [string, () => ReturnType<typeof hub.kioskCall>, number[]][] = [
          ['an approved kiosk', () => hub.kioskCall(approved, kioskCall()), allowed],
          ['a pending kiosk', () => hub.kioskCall(pending, kioskCall()), access === 'enrolled-kiosk' ? allowed : [403]],
          ['a revoked kiosk', () => hub.kioskCall(revoked, kioskCall()), [403]],
          ['a kiosk with another’s key', () => hub.kioskCall(approved, kioskCall(), { as: pending }), [401]],
          [
            'an approved kiosk, also from a browser',
            () => hub.kioskCall(approved, kioskCall(), { headers: { origin: ORIGIN } }),
            [403],
          ],
        ];
        for (const [who, send, statuses] of kioskCalls) {
          const res = await send();
          if (!statuses.includes(res.statusCode)) wrong.push(`${who} → ${res.statusCode} ${res.body}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the public pages are exactly these, each open to anyone', () => {
    expect(Object.keys(hubPages).sort()).toEqual(Object.keys(PAGE_LINKS).sort());
    for (const page of Object.values(hubPages)) expect(page.access).toBe('anyone');
  });

  for (const [name, link] of Object.entries(PAGE_LINKS) as [HubPageName, string][]) {
    it(`GET ${hubPages[name].path} (${name}), a public page`, async () => {
      const tokens = await sessions();
      const wrong: string[] = [];
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        // A phone following a link: no header, from the link's site or none; a console tab's request too.
        const ways: [string, Call][] = [
          ['as a link opened', { method: 'GET', path: link, token, noHubHeader: true }],
          [
            'from a link on another site',
            {
              method: 'GET',
              path: link,
              token,
              noHubHeader: true,
              origin: 'https://evil.example',
              headers: { 'sec-fetch-site': 'cross-site' },
            },
          ],
          ['from the hub’s own page', { method: 'GET', path: link, token }],
        ];
        for (const [why, call] of ways) {
          const res = await hub.call(call);
          if (res.statusCode !== 200) wrong.push(`${caller.name} ${why} → ${res.statusCode}`);
        }
        // It changes nothing: there is nothing to POST to.
        const post = await hub.call({ method: 'POST', path: link, token, body: {} });
        if (post.statusCode < 400) wrong.push(`${caller.name} POST → ${post.statusCode}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the TUF file routes declare exactly the access written out here', () => {
    expect(Object.fromEntries(Object.entries(TUF_FILE_ROUTES).map(([name, r]) => [name, r.access]))).toEqual(
      DECLARED_FILES,
    );
  });

  /** A repository with one release published: the names each file route serves, and names it must not. */
  async function tufFiles(): Promise<Record<TufFileRouteName, { served: string[]; refused: string[] }>> {
    const { db } = hub.storage.storage;
    await initRepository(db, TUF_KEYS, 'hubctl', hub.now());
    const upload = await uploadRelease(db, { bytes: RELEASE, where: 'release.db' }, 'hubctl', hub.now());
    const { targetName } = await publishRelease(db, upload.id, {
      targetsSigners: [TUF_KEYS.targets],
      online: TUF_KEYS,
      actor: 'hubctl',
      now: hub.now(),
    });
    const hashed = `${createHash('sha256').update(RELEASE).digest('hex')}.${targetName}`;
    return {
      tufMetadata: {
        served: ['1.root.json', '2.targets.json', '2.snapshot.json', 'timestamp.json'],
        refused: ['3.root.json', 'root.json', '1.root.json/', '..%2F1.root.json', '..%2F..%2Fhub.db', '1.root.json%00'],
      },
      tufTargets: { served: [hashed], refused: [targetName, `${hashed}/x`, `..%2F${hashed}`, `a/${hashed}`] },
    };
  }

  for (const [name, route] of Object.entries(TUF_FILE_ROUTES) as [
    TufFileRouteName,
    (typeof TUF_FILE_ROUTES)[TufFileRouteName],
  ][]) {
    it(`GET ${route.prefix}<file> (${name}), public files`, async () => {
      const tokens = await sessions();
      const files = (await tufFiles())[name];
      const wrong: string[] = [];
      const kiosk = await hub.addKiosk('approved');
      for (const file of files.served) {
        const path = `${route.prefix}${file}`;
        const calls: [string, () => ReturnType<typeof hub.call>][] = [
          ...CALLERS.map((caller): [string, () => ReturnType<typeof hub.call>] => [
            caller.name,
            () => hub.call({ method: 'GET', path, token: tokens.get(caller) }),
          ]),
          ['nobody, without X-Hub-Request (tuf-js, a CDN)', () => hub.call({ method: 'GET', path, noHubHeader: true })],
          ['a page of another origin', () => hub.call({ method: 'GET', path, origin: 'https://evil.example' })],
          ['a kiosk, signing as it does', () => hub.kioskCall(kiosk, { method: 'GET', path })],
        ];
        for (const [who, send] of calls) {
          const res = await send();
          if (res.statusCode !== 200) wrong.push(`${who}: ${path} → ${res.statusCode} ${res.body}`);
        }
        const res = await hub.call({ method: 'GET', path, noHubHeader: true });
        const immutable = file !== 'timestamp.json';
        expect(res.headers['cache-control'], path).toBe(
          immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
        );
        expect(res.headers['content-type'], path).toBe(
          name === 'tufMetadata' ? 'application/json; charset=utf-8' : 'application/octet-stream',
        );
        if (name === 'tufTargets') expect(res.rawPayload.equals(RELEASE)).toBe(true);
        // A HEAD (a CDN checking its copy) answers as the GET does, without the body.
        const head = await hub.server.app.inject({ method: 'HEAD', url: path });
        expect([head.statusCode, head.headers['content-length'], head.rawPayload.length], path).toEqual([
          200,
          String(res.rawPayload.length),
          0,
        ]);
        // Anything but GET (and HEAD) is no route: never the file.
        const posted = await hub.call({ method: 'POST', path, body: {} });
        if (posted.statusCode === 200) wrong.push(`a POST to ${path} → 200`);
      }
      for (const file of files.refused) {
        const res = await hub.call({ method: 'GET', path: `${route.prefix}${file}`, noHubHeader: true });
        if (res.statusCode !== 404) wrong.push(`${route.prefix}${file} → ${res.statusCode} ${res.body}`);
        else expect(res.headers['cache-control']).toBe('no-store');
      }
      // A path the router resolves out of the prefix is no file route at all: refused as any unknown path.
      const outside = await hub.call({ method: 'GET', path: `${route.prefix}%2e%2e/%2e%2e/hub.db`, noHubHeader: true });
      if (outside.statusCode === 200) wrong.push(`a dot-dot path out of ${route.prefix} → 200`);
      expect(wrong).toEqual([]);
    });
  }

  it('decides on the route the router matched, however its path is spelled', async () => {
    const tokens = await sessions();
    const lawyer = tokens.get(CALLERS[3]!);
    const admin = tokens.get(CALLERS[1]!);
    const spellings = ['/api/audit', '/%61pi/audit', '/api/%61udit', '/%61%70%69/%61%75%64%69%74', '/api/audit?x=1'];
    for (const path of spellings) {
      expect((await hub.call({ method: 'POST', path, token: lawyer, body: { limit: 1 } })).statusCode, path).toBe(403);
      expect((await hub.call({ method: 'POST', path, body: { limit: 1 } })).statusCode, path).toBe(401);
      // The positive control: the spelling does reach the route.
      expect((await hub.call({ method: 'POST', path, token: admin, body: { limit: 1 } })).statusCode, path).toBe(200);
    }
    for (const path of [
      '/API/audit',
      '/api/audit/',
      '/api//audit',
      '/api/audit;x=1',
      '/api/./audit',
      '/x/../api/audit',
    ]) {
      const status = (await hub.call({ method: 'POST', path, token: lawyer, body: { limit: 1 } })).statusCode;
      expect([403, 404], path).toContain(status);
      expect((await hub.call({ method: 'POST', path, body: { limit: 1 } })).statusCode, path).toBe(401);
    }
  });
});
