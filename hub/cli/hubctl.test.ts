import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../accounts/sign-in';
import { listAudit } from '../storage/audit-log';
import { takeHeartbeat } from '../fleet/alert-evaluation';
import { createEnrollCode } from '../storage/enrollment-codes';
import { registerKiosk } from '../storage/kiosks';
import { HUB_SCHEMA_VERSION } from '../storage/migrate';
import type { HubDb } from '../storage/schema';
import { addUser, findUserByLogin } from '../storage/users';
import { countRefusal } from '../storage/call-records';
import { acceptCall, endCall, insertCall } from '../storage/calls';
import { changeCaseStatus } from '../storage/cases';
import { receiveSubmission } from '../storage/submissions';
import { ENGINES, useTestStorage } from '../testing/test-storage';
import { programArgs } from '../testing/programs';

const ADMIN_PASSWORD = 'Qiu-Ju-da-guan-si-1992';
const LAWYER_PASSWORD = 'Lv-shi-zhi-ban-2026!';
const NEW_PASSWORD = 'Xin-de-mi-ma-2026?';
const CLI_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything any hubctl printed in this file, to look for secrets in. */
const printed: string[] = [];

function run(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** hubctl as `npm run hubctl` runs it, in English, with the test's storage and nothing else from our environment. */
function hubctlIn(testEnv: NodeJS.ProcessEnv) {
  return (args: string[], input?: string): Promise<Run> => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      LANG: 'C.UTF-8',
      ...testEnv,
    };
    return run(process.execPath, [...programArgs('hubctl'), ...args], env, input);
  };
}

/** A kiosk enrolled through storage with a pre-approving code, as `kioskctl hub enroll` would; answers its id. */
async function enrolledKiosk(db: HubDb, terminalId: string, regionCode: string, displayName: string): Promise<number> {
  const made = await createEnrollCode(
    db,
    { regionCode, site: null, preApproved: true, expiresAt: new Date(Date.now() + 3_600_000) },
    'hubctl',
    new Date(),
  );
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const reg = await registerKiosk(db, { code: made.code, publicKey, terminalId, displayName }, new Date(), undefined);
  return (reg as { kioskId: number }).kioskId;
}

describe.each(ENGINES)('hubctl on %s', (engine) => {
  const t = useTestStorage(engine, { migrate: false });
  const hubctl = (args: string[], input?: string) => hubctlIn(t.env())(args, input);

  it(
    'migrates, adds, lists, disables and resets accounts, each change in the audit log',
    async () => {
      expect(await hubctl(['migrate'])).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`schema version 0 → ${HUB_SCHEMA_VERSION}`),
      });
      expect(await hubctl(['migrate'])).toMatchObject({ code: 0, stdout: expect.stringContaining('nothing to do') });

      expect(
        await hubctl(
          ['user', 'add', '--login', 'Admin', '--role', 'administrator', '--password-stdin'],
          `${ADMIN_PASSWORD}\n`,
        ),
      ).toMatchObject({ code: 0, stdout: 'added admin (administrator, national)\n' });
      const lawyer = ['user', 'add', '--login', 'li.lei', '--role', 'lawyer', '--region', '420111', '--name', '李雷'];
      expect(await hubctl([...lawyer, '--password-stdin'], LAWYER_PASSWORD)).toMatchObject({ code: 0 });

      // Refused: a weak password, a password on the command line, no pipe to read it from, a name in use, a bad role.
      const weak = await hubctl(
        ['user', 'add', '--login', 'wang', '--role', 'lawyer', '--password-stdin'],
        'wang123\n',
      );
      expect(weak.code).toBe(65);
      expect(weak.stderr).toContain('at least 12 characters');
      expect(weak.stderr).toContain('must not contain the login name');
      expect(
        (await hubctl(['user', 'add', '--login', 'wang', '--role', 'lawyer', '--password', LAWYER_PASSWORD])).code,
      ).toBe(64);
      const noPipe = await hubctl(['user', 'add', '--login', 'wang', '--role', 'lawyer']);
      expect(noPipe).toMatchObject({ code: 64, stderr: expect.stringContaining('--password-stdin') });
      expect(await hubctl([...lawyer, '--password-stdin'], LAWYER_PASSWORD)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('already an account with the login name li.lei'),
      });
      expect(
        (await hubctl(['user', 'add', '--login', 'wang', '--role', 'root', '--password-stdin'], NEW_PASSWORD)).code,
      ).toBe(64);

      const listed = await hubctl(['user', 'list', '--json']);
      expect(listed.code).toBe(0);
      const users = JSON.parse(listed.stdout) as Record<string, unknown>[];
      expect(users.map((u) => [u['login'], u['role'], u['regionCode'], u['displayName']])).toEqual([
        ['admin', 'administrator', null, null],
        ['li.lei', 'lawyer', '420111', '李雷'],
      ]);
      expect(Object.keys(users[0]!).filter((k) => /hash|password|secret/i.test(k))).toEqual([]);
      expect(users[0]!['totpEnabled']).toBe(false);

      expect(await hubctl(['user', 'disable', 'li.lei'])).toMatchObject({ code: 0, stdout: 'disabled li.lei\n' });
      expect(await hubctl(['user', 'disable', 'nobody'])).toMatchObject({ code: 2 });
      const table = await hubctl(['user', 'list']);
      expect(table.stdout).toMatch(/^li\.lei +lawyer +420111 +disabled +李雷$/m);

      // Locked out by wrong passwords; a reset lets the new password in at once.
      const { db } = t.storage;
      for (let i = 0; i < 5; i++) await signIn(db, 'admin', 'not-the-password', new Date());
      expect(await signIn(db, 'admin', ADMIN_PASSWORD, new Date())).toMatchObject({ error: { reason: 'locked' } });
      expect((await hubctl(['user', 'list'])).stdout).toMatch(/^admin +administrator +national +locked until /m);
      expect(await hubctl(['user', 'reset-password', 'admin', '--password-stdin'], NEW_PASSWORD)).toMatchObject({
        code: 0,
      });
      expect(await signIn(db, 'admin', NEW_PASSWORD, new Date())).toMatchObject({ ok: true });
      // A lost phone: nothing to forget yet here (storage's own test covers a confirmed code).
      expect(await hubctl(['user', 'reset-totp', 'admin'])).toMatchObject({
        code: 0,
        stdout: 'admin had no two-factor code\n',
      });
      expect(await hubctl(['user', 'reset-totp', 'nobody'])).toMatchObject({ code: 2 });

      const audit = await hubctl(['audit', '--json', '--limit', '100']);
      const rows = (JSON.parse(audit.stdout) as { actor: string; action: string }[]).filter(
        (r) => r.actor === 'hubctl',
      );
      expect(rows.map((r) => r.action).reverse()).toEqual([
        ...Array<string>(HUB_SCHEMA_VERSION).fill('schema.migrate'),
        'user.add',
        'user.add',
        'user.disable',
        'user.reset-password',
      ]);
      expect((await hubctl(['audit', '--limit', '1'])).stdout).toMatch(
        / user\.sign-in +user:1 +\{"secondFactor":"set-up-needed"\}$/m,
      );

      // No password, and no hash of one, in anything hubctl printed.
      const hashes = [
        (await findUserByLogin(db, 'admin'))!.password_hash,
        (await findUserByLogin(db, 'li.lei'))!.password_hash,
      ];
      const everything = printed.join('\n');
      for (const secret of [ADMIN_PASSWORD, LAWYER_PASSWORD, NEW_PASSWORD, ...hashes, '$argon2'])
        expect(everything).not.toContain(secret);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'enroll-code, kiosks, kiosk approve|revoke: codes shown once, kiosks listed and judged, each with its audit row',
    async () => {
      await hubctl(['migrate']);
      const made = await hubctl(['enroll-code', '--region', '420111', '--site', '洪山区街道中心', '--expires', '2h']);
      expect(made.code).toBe(0);
      const code = /: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})\n/.exec(made.stdout)?.[1];
      expect(code, made.stdout).toBeDefined();
      expect(made.stdout).toContain('enrollment code for 洪山区街道中心, region 420111');
      expect(made.stdout).toContain('waits for an administrator’s approval');

      const json = await hubctl(['enroll-code', '--region', '420100', '--pre-approve', '--json']);
      const parsed = JSON.parse(json.stdout) as { code: string; expiresAt: string; preApproved: boolean };
      expect(parsed).toMatchObject({ regionCode: '420100', site: null, preApproved: true });
      const hours = (Date.parse(parsed.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);

      for (const args of [
        ['--region', '4201'],
        ['--region', '420111', '--expires', '1m'],
        ['--region', '420111', '--expires', '31d'],
        ['--region', '420111', '--expires', 'soon'],
        ['--region', '420111', '--site', ' '],
        [],
      ])
        expect((await hubctl(['enroll-code', ...args])).code, args.join(' ')).toBe(64);

      const rows = await listAudit(t.storage.db, { limit: 2 });
      expect(rows.map((r) => [r.actor, r.action, r.details['regionCode'], r.details['site']])).toEqual([
        ['hubctl', 'enroll-code.create', '420100', null],
        ['hubctl', 'enroll-code.create', '420111', '洪山区街道中心'],
      ]);
      expect(JSON.stringify(rows)).not.toContain(code!);
      expect(await t.storage.db.selectFrom('enrollment_codes').select('id').execute()).toHaveLength(2);

      // A kiosk registers with the first code; hubctl lists, approves and revokes it.
      expect((await hubctl(['kiosks'])).stdout).toContain('no kiosks yet');
      const publicKey = generateKeyPairSync('ed25519')
        .publicKey.export({ format: 'der', type: 'spki' })
        .toString('base64');
      const reg = { code: code!, publicKey, terminalId: 'HB-0001', displayName: '洪山区终端' };
      expect(await registerKiosk(t.storage.db, reg, new Date(), undefined)).toMatchObject({ kioskId: 1 });
      expect((await hubctl(['kiosks'])).stdout).toMatch(
        /^ +1 +HB-0001 +pending +420111 +[0-9a-f:]{19} +never seen +洪山区终端 \(洪山区街道中心\)$/m,
      );
      expect(await hubctl(['kiosk', 'approve', '1'])).toMatchObject({ code: 0, stdout: 'approved kiosk 1\n' });
      expect(await hubctl(['kiosk', 'approve', '2'])).toMatchObject({ code: 2 });
      expect(await hubctl(['kiosk', 'approve', 'x'])).toMatchObject({ code: 64 });
      expect(await hubctl(['kiosk', 'revoke', '1'])).toMatchObject({ code: 0, stdout: 'revoked kiosk 1\n' });
      expect(await hubctl(['kiosk', 'approve', '1'])).toMatchObject({ code: 2 });
      const listed = JSON.parse((await hubctl(['kiosks', '--json'])).stdout) as { status: string }[];
      expect(listed).toMatchObject([{ id: 1, status: 'revoked', terminalId: 'HB-0001' }]);
      expect((await listAudit(t.storage.db, { limit: 2 })).map((r) => [r.actor, r.action, r.target])).toEqual([
        ['hubctl', 'kiosk.revoke', 'kiosk:1'],
        ['hubctl', 'kiosk.approve', 'kiosk:1'],
      ]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'alerts: the open ones, by region, as text and JSON; kiosk hours: shown, set with every problem named, audited',
    async () => {
      await hubctl(['migrate']);
      expect(await hubctl(['alerts'])).toMatchObject({ code: 0, stdout: 'no open alerts\n' });
      const { db } = t.storage;
      const kiosks: number[] = [];
      for (const [terminalId, region] of [
        ['HB-0001', '420111'],
        ['GZ-0001', '440111'],
      ] as const) {
        kiosks.push(await enrolledKiosk(db, terminalId, region, '终端'));
      }
      const report = {
        appVersion: '0.1.0',
        contentVersion: null,
        uptimeSeconds: 1,
        diskFreeBytes: 512 * 1024 ** 2,
        outboxDepth: 0,
        devices: [{ device: 'printer', state: 'unavailable:paper-out' }],
        lastCrash: null,
        clockOffsetMs: -75_000,
      };
      await takeHeartbeat(db, kiosks[0]!, report, new Date());
      await takeHeartbeat(db, kiosks[1]!, { ...report, devices: [], clockOffsetMs: 0 }, new Date());

      const all = await hubctl(['alerts']);
      expect(all.code).toBe(0);
      expect(all.stdout.split('\n')).toEqual([
        expect.stringMatching(/^ +1 +HB-0001 +420111 +since [0-9-]+ [0-9:]+ +Printer out of paper: Load a new roll/),
        expect.stringMatching(/^ +1 +HB-0001 .*Kiosk clock wrong: The kiosk’s clock is 75 seconds off/),
        expect.stringMatching(/^ +1 +HB-0001 .*Kiosk storage low: Only 512 MB left/),
        expect.stringMatching(/^ +2 +GZ-0001 +440111 .*Kiosk storage low: Only 512 MB left/),
        '',
      ]);
      const hubei = JSON.parse((await hubctl(['alerts', '--json', '--region', '420000'])).stdout) as object[];
      expect(hubei).toMatchObject([
        {
          kioskId: 1,
          kind: 'printer-paper-out',
          detail: 'unavailable:paper-out',
          clearedAt: null,
          regionCode: '420111',
        },
        { kioskId: 1, kind: 'clock-off', detail: '-75000' },
        { kioskId: 1, kind: 'disk-low', detail: String(512 * 1024 ** 2) },
      ]);
      expect(JSON.parse((await hubctl(['alerts', '--json', '--region', '110000'])).stdout)).toEqual([]);
      expect((await hubctl(['alerts', '--region', '42'])).code).toBe(64);

      const shown = await hubctl(['kiosk', 'hours', '1']);
      expect(shown).toMatchObject({ code: 0 });
      expect(shown.stdout).toContain('kiosk 1 is open (China time), by the default hours:\n  Monday  08:30-17:30\n');
      const set = await hubctl(['kiosk', 'hours', '1', 'mon-fri=14:00-17:30,08:30-12:00', 'sun=closed']);
      expect(set.code).toBe(0);
      expect(set.stdout).toBe(
        'kiosk 1 is open (China time):\n' +
          ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']
            .map((d) => `  ${d}  08:30-12:00, 14:00-17:30\n`)
            .join('') +
          '  Saturday  08:30-17:30\n  Sunday  closed\n',
      );
      const refused = await hubctl(['kiosk', 'hours', '1', 'tue=17:30-08:30', 'wed=8:30-17:30']);
      expect(refused).toMatchObject({ code: 65, stdout: '' });
      expect(refused.stderr).toBe(
        'hours refused; nothing was changed:\n' +
          '  Tuesday: “17:30-08:30” must close after it opens, and not past midnight.\n' +
          '  Wednesday: “8:30-17:30” is not a time range: write it like 08:30-17:30.\n',
      );
      expect((await hubctl(['kiosk', 'hours', '1', 'weekend=closed'])).code).toBe(64);
      expect((await hubctl(['kiosk', 'hours', '1', '--default', 'sun=closed'])).code).toBe(64);
      expect((await hubctl(['kiosk', 'hours', '9'])).code).toBe(2);
      const json = JSON.parse((await hubctl(['kiosk', 'hours', '1', '--default', '--json'])).stdout) as object;
      expect(json).toMatchObject({ kioskId: 1, openingHoursAreDefault: true, openingHours: { sun: ['08:30-17:30'] } });
      expect(
        (await listAudit(db, { limit: 2 })).map((r) => [r.actor, r.action, r.target, r.details['default']]),
      ).toEqual([
        ['hubctl', 'kiosk.opening-hours', 'kiosk:1', true],
        ['hubctl', 'kiosk.opening-hours', 'kiosk:1', false],
      ]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'calls figures: the range’s counts and percentiles as text and JSON, the usage refused with the option named',
    async () => {
      await hubctl(['migrate']);
      const { db } = t.storage;
      const lawyer = await addUser(
        db,
        { login: 'wang.fang', role: 'lawyer', regionCode: '420100', displayName: '王芳', passwordHash: 'x' },
        'hubctl',
        new Date(),
      );
      const kioskId = await enrolledKiosk(db, 'HB-0001', '420111', '洪山终端');
      // Two calls in March (China time): one answered after 30 s and talked 5 min, one abandoned.
      const queued = (id: string, iso: string) =>
        insertCall(
          db,
          {
            id,
            kioskId,
            regionCode: '420111',
            topic: 'debts',
            callerName: null,
            maxWaitUntil: new Date(Date.parse(iso) + 600_000),
          },
          new Date(iso),
        );
      const answered = randomUUID();
      await queued(answered, '2026-03-10T02:00:00Z');
      await acceptCall(db, answered, lawyer.id, new Date('2026-03-10T02:00:30Z'));
      await endCall(db, answered, ['in-call'], 'completed', new Date('2026-03-10T02:05:30Z'));
      const left = randomUUID();
      await queued(left, '2026-03-11T02:00:00Z');
      await endCall(db, left, ['waiting'], 'abandoned', new Date('2026-03-11T02:01:00Z'));
      await countRefusal(
        db,
        { kioskId, regionCode: '420111', reason: 'outside-hours' },
        new Date('2026-03-12T13:00:00Z'),
      );

      const range = ['--from', '2026-03-01', '--to', '2026-03-31'];
      const json = await hubctl(['calls', 'figures', ...range, '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        from: '2026-03-01',
        to: '2026-03-31',
        regionCode: null,
        total: {
          offered: 2,
          answered: 1,
          abandoned: 1,
          refusedOutsideHours: 1,
          waitSeconds: { p50: 30, p90: 30 },
          durationSeconds: { p50: 300, p90: 300 },
        },
        byLawyer: [{ lawyerName: '王芳', answered: 1 }],
        byKiosk: [{ kioskId, kioskName: '洪山终端', offered: 2 }],
      });

      const text = await hubctl(['calls', 'figures', ...range, '--region', '420100']);
      expect(text.code, text.stderr).toBe(0);
      const lines = text.stdout.split('\n');
      expect(lines[0]).toBe('call figures 2026-03-01 to 2026-03-31 (China time), region 420100 and within');
      expect(lines).toContainEqual(
        expect.stringMatching(/^ +2 +1 +1 +0 +0 +0 +0 +1 +0 +30s\/30s +5m00s\/5m00s +0\/0\/0\/0 {2}total$/),
      );
      expect(lines).toContainEqual(expect.stringMatching(/^ +1 +0 +0 +30s\/30s +5m00s\/5m00s +0\/0\/0\/0 {2}王芳$/));
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`  ${kioskId} 洪山终端 \\(420111\\)$`)));
      const elsewhere = await hubctl(['calls', 'figures', ...range, '--region', '440000', '--json']);
      expect(JSON.parse(elsewhere.stdout)).toMatchObject({ total: { offered: 0 }, byKiosk: [], byLawyer: [] });

      expect(await hubctl(['calls', 'figures', '--from', '2026-03-05', '--to', '2026-03-01'])).toMatchObject({
        code: 64,
        stderr: '--to: must not be before from (got "2026-03-01")\n',
      });
      for (const args of [
        ['--from', '2026-02-30'],
        ['--region', '42'],
        ['--from', '2024-01-01', '--to', '2026-01-01'],
      ])
        expect((await hubctl(['calls', 'figures', ...args])).code, args.join(' ')).toBe(64);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses a database newer than itself, naming both versions, and changes nothing',
    async () => {
      await hubctl(['migrate']);
      const newer = HUB_SCHEMA_VERSION + 1;
      await t.storage.db.updateTable('hub_schema').set({ version: newer }).execute();
      for (const args of [['user', 'list'], ['migrate']]) {
        const refused = await hubctl(args);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(
          `has schema version ${newer}, but this hub software supports up to ${HUB_SCHEMA_VERSION}`,
        );
      }
      const doctor = await hubctl(['doctor', '--json']);
      expect(doctor.code).toBe(1);
      expect(JSON.parse(doctor.stdout)).toContainEqual({
        name: 'schema',
        status: 'fail',
        detail: expect.stringContaining(`version ${newer}, newer than this hub software (${HUB_SCHEMA_VERSION})`),
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'doctor: the database answers, the schema is current, and on SQLite the files are owner-only',
    async () => {
      const behind = await hubctl(['doctor', '--json']);
      expect(behind.code).toBe(1);
      expect(JSON.parse(behind.stdout)).toContainEqual(expect.objectContaining({ name: 'schema', status: 'fail' }));

      await hubctl(['migrate']);
      const healthy = await hubctl(['doctor', '--json']);
      expect(healthy.code).toBe(0);
      expect((JSON.parse(healthy.stdout) as { name: string; status: string }[]).map((c) => [c.name, c.status])).toEqual(
        [
          ['storage', 'pass'],
          ['file modes', 'pass'],
          ['database', 'pass'],
          ['schema', 'pass'],
          ['tuf repository', 'pass'],
          ['redis', 'pass'],
        ],
      );
      // A Redis that does not answer is named, without its password.
      const noRedis = await hubctlIn({ ...t.env(), HUB_REDIS_URL: 'redis://:Redis-S3cret@127.0.0.1:1' })(['doctor']);
      expect(noRedis.code).toBe(1);
      expect(noRedis.stdout).toContain('[FAIL] redis: Redis at redis://:***@127.0.0.1:1 does not answer');
      expect(noRedis.stdout).not.toContain('Redis-S3cret');
      if (engine === 'postgres') {
        // The throwaway server trusts its socket, so any password gets in; none may be printed.
        const withPassword = t.env()['HUB_DATABASE_URL']!.replace('postgres://hub@', 'postgres://hub:Mi-ma-S3cret@');
        const doctor = await hubctlIn({ ...t.env(), HUB_DATABASE_URL: withPassword })(['doctor']);
        expect(doctor.code).toBe(0);
        expect(doctor.stdout).toContain('PostgreSQL at postgres://hub:***@/hub_test_');
        expect(doctor.stdout).not.toContain('Mi-ma-S3cret');
        return;
      }
      const file = join(t.dataDir, 'hub.db');
      chmodSync(file, 0o644);
      const open = await hubctl(['doctor']);
      expect(open.code).toBe(1);
      expect(open.stdout).toContain(`[FAIL] file modes: open to other users of this machine:\n       ${file} is 0644`);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('hubctl on a terminal', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /**
   * Runs hubctl on a pseudo-terminal (util-linux `script`), answering each
   * prompt only once it is shown, so the terminal is already in the mode
   * hubctl put it in: what the screen shows is exactly what a person sees.
   */
  function onTerminal(dataDir: string, args: string[], answers: string[]): Promise<Run> {
    const command = [process.execPath, ...programArgs('hubctl'), '--data-dir', dataDir, ...args]
      .map((a) => `'${a}'`)
      .join(' ');
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qefc', command, '/dev/null'], {
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8', TERM: 'dumb' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let screen = '';
      let prompts = 0;
      child.stdout.on('data', (d: Buffer) => {
        screen += d.toString();
        const shown = (screen.match(/password for \S+: |again: /g) ?? []).length;
        while (prompts < shown && prompts < answers.length) child.stdin.write(`${answers[prompts++]}\r`);
      });
      child.on('error', reject);
      child.on('close', (code) => {
        printed.push(screen);
        resolve({ code, stdout: screen, stderr: '' });
      });
    });
  }

  it(
    'asks for the password twice without showing it',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'hub-tty-'));
      dirs.push(dataDir);
      expect((await hubctlIn({ HUB_DATABASE_URL: '' })(['--data-dir', dataDir, 'migrate'])).code).toBe(0);

      const added = await onTerminal(
        dataDir,
        ['user', 'add', '--login', 'zhao', '--role', 'lawyer'],
        [LAWYER_PASSWORD, LAWYER_PASSWORD],
      );
      expect(added.stdout).toContain('New password for zhao: ');
      expect(added.stdout).toContain('Type it again: ');
      expect(added.stdout).toContain('added zhao (lawyer, national)');
      expect(added.stdout).not.toContain(LAWYER_PASSWORD);
      expect(added.code).toBe(0);

      const differ = await onTerminal(dataDir, ['user', 'reset-password', 'zhao'], [NEW_PASSWORD, `${NEW_PASSWORD}x`]);
      expect(differ.code).toBe(65);
      expect(differ.stdout).toContain('the two passwords differ; nothing was changed');
      expect(differ.stdout).not.toContain(NEW_PASSWORD);
    },
    CLI_TIMEOUT_MS,
  );
});

describe.each(ENGINES)('hubctl purge on %s', (engine) => {
  const t = useTestStorage(engine, { migrate: false });
  const hubctl = (args: string[], input?: string) => hubctlIn(t.env())(args, input);
  const dir = mkdtempSync(join(tmpdir(), 'hubctl-purge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'deletes the final cases past the configured period, keeps their case facts, and audits the counts',
    async () => {
      expect((await hubctl(['migrate'])).code).toBe(0);
      const db = t.storage.db;
      const kioskId = await enrolledKiosk(db, 'HB-0009', '420111', '洪山区街道中心终端');
      const longAgo = new Date(Date.now() - 10 * 24 * 3600_000);
      const received = await receiveSubmission(
        db,
        { id: kioskId, regionCode: '420111' },
        {
          idempotencyKey: randomUUID(),
          kind: 'mediation-request',
          reference: 'M260302-2227-T',
          createdAt: longAgo.toISOString(),
          payload: JSON.stringify({ applicant: { name: '李四', phone: '13900001111' } }),
          topic: 'neighbour',
        },
        longAgo,
      );
      expect(received.outcome).toBe('stored');
      const { id } = await db.selectFrom('submissions').select('id').executeTakeFirstOrThrow();
      const officer = await addUser(
        db,
        { login: 'wang.fang', role: 'case-officer', regionCode: '420111', displayName: null, passwordHash: 'x' },
        'hubctl',
        longAgo,
      );
      const refusal = { reason: '不属于人民调解范围', article: '《人民调解法》第二条' };
      await changeCaseStatus(
        db,
        { caseId: id, from: 'new', to: { status: 'refused', details: refusal }, userId: officer.id },
        longAgo,
      );
      const config = join(dir, 'hub.json');
      writeFileSync(config, JSON.stringify({ retention: { closedCaseDays: 30 } }));
      expect(JSON.parse((await hubctl(['purge', '--config', config, '--json'])).stdout)).toMatchObject({
        purged: { cases: 0 },
      });
      writeFileSync(config, JSON.stringify({ retention: { closedCaseDays: 7 } }));
      const purged = await hubctl(['purge', '--config', config]);
      expect(purged).toMatchObject({ code: 0, stdout: expect.stringContaining('purged 1 final cases') });
      expect(await db.selectFrom('submissions').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('case_facts').select(['submission_id', 'outcome']).execute()).toEqual([
        { submission_id: id, outcome: 'refused' },
      ]);
      const audit = (await listAudit(db, { limit: 5 })).find((e) => e.action === 'retention.purge');
      expect(audit).toMatchObject({ actor: 'hubctl', details: { cases: 1 } });
      writeFileSync(config, JSON.stringify({ retention: { closedCaseDays: 0 } }));
      const refused = await hubctl(['purge', '--config', config]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('retention.closedCaseDays');
    },
    CLI_TIMEOUT_MS,
  );
});
