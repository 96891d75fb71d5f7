import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { SignInResponse } from '../../common/hub/api/accounts';
import { Enrollment } from '../../service/hub/hub-identity';
import { latestHeartbeat, listKiosks } from '../../hub/storage/kiosks';
import { openHubStorage, storageTarget } from '../../hub/storage/open-storage';
import { DEMO_ACCOUNTS_FILE, DEMO_LOGINS } from '../../scripts/lib/demo-hub';
import { ROOT } from './harness';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface NpmStart {
  exited: Promise<number | null>;
  out: () => string;
  err: () => string;
  /** SIGTERM to the whole tree (npm → tsx → start → service, hub); resolves with npm's exit code. */
  stop(): Promise<number | null>;
}

/** `npm start -- --headless ARGS` in its own process group, so the whole tree can be stopped together. */
function spawnNpmStart(args: string[]): NpmStart {
  const child = spawn('npm', ['start', '--', '--headless', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Heartbeats every second instead of every half minute, so one reaches the hub while the test waits.
    env: { ...process.env, KIOSK_TEST_HEARTBEAT_MS: '1000' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    exited,
    out: () => out,
    err: () => err,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Gone already.
      }
      return exited;
    },
  };
}

interface Started extends NpmStart {
  kioskUrl: string;
  hubUrl: string;
  /** The hub's process and the service's (their log lines name them), and npm start's own (scripts/start.ts), the hub's parent. */
  hubPid: number;
  startPid: number;
  servicePid: number;
}

/** npm start with the demo hub, once it printed KIOSK_URL, HUB_URL and where the passwords are. */
async function npmStart(dataDir: string, hubPort: number): Promise<Started> {
  const run = spawnNpmStart(['--data-dir', dataDir, '--hub-port', String(hubPort)]);
  let ended = false;
  void run.exited.then(() => (ended = true));
  try {
    const [kioskUrl, hubUrl] = await waitFor(
      'KIOSK_URL, HUB_URL and where the passwords are',
      () => {
        if (ended) throw new Error(`npm start exited:\n${run.err()}`);
        const kiosk = /^KIOSK_URL=(\S+)$/m.exec(run.out())?.[1];
        const hub = /^HUB_URL=(\S+)$/m.exec(run.out())?.[1];
        return Promise.resolve(
          kiosk !== undefined && hub !== undefined && run.err().includes(DEMO_ACCOUNTS_FILE)
            ? ([kiosk, hub] as const)
            : undefined,
        );
      },
      45_000,
    );
    const hubPid = Number(/"svc":"hub","pid":(\d+)/.exec(run.out())?.[1]);
    const startPid = Number(readFileSync(`/proc/${hubPid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    const servicePid = Number(/"svc":"kiosk-service","pid":(\d+)/.exec(run.out())?.[1]);
    return { ...run, kioskUrl, hubUrl, hubPid, startPid, servicePid };
  } catch (error) {
    await run.stop();
    throw error;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function kioskHealth(kioskUrl: string): Promise<number> {
  const { origin, hash } = new URL(kioskUrl);
  const res = await fetch(`${origin}/api/health`, {
    headers: { authorization: `Bearer ${new URLSearchParams(hash.slice(1)).get('secret')}` },
  });
  return res.status;
}

async function signIn(hubUrl: string, login: string, password: string): Promise<SignInResponse> {
  const res = await fetch(`${hubUrl}/api/session/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hubUrl, [HUB_REQUEST_HEADER]: '1' },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status).toBe(200);
  return SignInResponse.parse(await res.json());
}

/** The passwords the accounts file gives, by login (its English half). */
function passwordsIn(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of text.matchAll(/Login: (\S+)\n\s+Password: (\S+)/g)) found[m[1]!] = m[2]!;
  return found;
}

/** Every file under `dir`, but the one that is meant to hold the passwords. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== DEMO_ACCOUNTS_FILE)
    .map((e) => join(e.parentPath, e.name));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm start -- --headless with the demo hub', () => {
  it('starts a seeded hub beside the kiosk, enrolls the kiosk once, keeps the passwords out of every log, and the kiosk outlives the hub', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kiosk-start-hub-'));
    const dataDir = join(base, 'kiosk');
    const hubDataDir = join(base, 'kiosk-demo-hub');
    const accountsFile = join(hubDataDir, DEMO_ACCOUNTS_FILE);
    const hubPort = await freePort();
    const said: string[] = [];
    let passwords: Record<string, string>;
    try {
      // First start: everything is made.
      const first = await npmStart(dataDir, hubPort);
      try {
        expect(first.hubUrl).toBe(`http://127.0.0.1:${hubPort}`);
        expect(first.err()).toContain(
          `the logins (administrator demo-admin, lawyer demo-lawyer) and their passwords are in ${accountsFile}`,
        );
        expect(statSync(accountsFile).mode & 0o777).toBe(0o600);
        passwords = passwordsIn(readFileSync(accountsFile, 'utf8'));
        expect(Object.keys(passwords).sort()).toEqual([DEMO_LOGINS.administrator, DEMO_LOGINS.lawyer]);

        // The administrator's password works, and the hub asks for TOTP to be set up before anything else.
        expect(
          await signIn(first.hubUrl, DEMO_LOGINS.administrator, passwords[DEMO_LOGINS.administrator]!),
        ).toMatchObject({
          outcome: 'totp-setup-required',
          user: { login: DEMO_LOGINS.administrator, role: 'administrator' },
        });
        expect(await signIn(first.hubUrl, DEMO_LOGINS.lawyer, passwords[DEMO_LOGINS.lawyer]!)).toMatchObject({
          outcome: 'signed-in',
          user: { login: DEMO_LOGINS.lawyer, role: 'lawyer' },
        });

        // The kiosk enrolled through its own identity files, approved at once; its heartbeats reach the hub.
        const enrollment = Enrollment.parse(JSON.parse(readFileSync(join(dataDir, 'hub', 'enrollment.json'), 'utf8')));
        expect(enrollment).toMatchObject({ hubUrl: first.hubUrl, status: 'approved' });
        expect(statSync(join(dataDir, 'hub', 'kiosk-key.pem')).mode & 0o777).toBe(0o600);
        const storage = await openHubStorage(storageTarget(hubDataDir, {}), { create: false });
        try {
          const beat = await waitFor(
            'a heartbeat of the demo kiosk at the hub',
            () => latestHeartbeat(storage.db, enrollment.kioskId),
            15_000,
          );
          expect(beat).toBeDefined();
          expect(await listKiosks(storage.db, new Date())).toMatchObject([
            {
              id: enrollment.kioskId,
              terminalId: 'demo-0001',
              status: 'approved',
              lastSeenAt: expect.any(String),
              online: true,
            },
          ]);
        } finally {
          await storage.close();
        }
        // npm start stopping (SIGTERM to it alone, as systemd's stop would be) stops the hub and the service with it.
        process.kill(first.startPid, 'SIGTERM');
        await first.exited;
        await waitFor(
          'the hub and the service gone',
          () => Promise.resolve(alive(first.hubPid) || alive(first.servicePid) ? undefined : true),
          10_000,
        );
      } finally {
        await first.stop();
        said.push(first.out(), first.err());
      }
      const accountsText = readFileSync(accountsFile, 'utf8');
      const enrollmentText = readFileSync(join(dataDir, 'hub', 'enrollment.json'), 'utf8');

      // Second start: the same accounts and the same enrollment, nothing made again.
      const second = await npmStart(dataDir, hubPort);
      try {
        expect(readFileSync(accountsFile, 'utf8')).toBe(accountsText);
        expect(readFileSync(join(dataDir, 'hub', 'enrollment.json'), 'utf8')).toBe(enrollmentText);
        expect(second.err()).not.toContain('enrolled with the demo hub');
        expect(await signIn(second.hubUrl, DEMO_LOGINS.lawyer, passwords[DEMO_LOGINS.lawyer]!)).toMatchObject({
          outcome: 'signed-in',
        });

        // The hub killed: the kiosk's UI API goes on answering, and npm start says so once.
        process.kill(second.hubPid, 'SIGKILL');
        await waitFor(
          'npm start saying the hub stopped',
          () => Promise.resolve(second.err().includes('the demo hub stopped') ? true : undefined),
          10_000,
        );
        expect(await kioskHealth(second.kioskUrl)).toBe(200);
        await new Promise((r) => setTimeout(r, 2000));
        expect(await kioskHealth(second.kioskUrl)).toBe(200);
        expect(second.err().match(/the demo hub stopped/g)).toHaveLength(1);
      } finally {
        await second.stop();
        said.push(second.out(), second.err());
      }

      // npm start killed outright: the hub does not stay behind.
      const third = await npmStart(dataDir, hubPort);
      try {
        process.kill(third.startPid, 'SIGKILL');
        await waitFor(
          'the hub gone after npm start was killed',
          () => Promise.resolve(alive(third.hubPid) ? undefined : true),
          10_000,
        );
      } finally {
        await third.stop();
        // The service, orphaned too, goes with the SIGTERM to the group; wait for it before the directory goes.
        await waitFor('the service gone', () => Promise.resolve(alive(third.servicePid) ? undefined : true), 10_000);
        said.push(third.out(), third.err());
      }

      // No password in anything npm start, the service or the hub wrote, nor in any file but the accounts file.
      const written = new Map<string, string>([
        ...said.map((text, i) => [`output ${i}`, text] as const),
        ...[...filesUnder(dataDir), ...filesUnder(hubDataDir)].map((f) => [f, readFileSync(f, 'latin1')] as const),
      ]);
      for (const password of Object.values(passwords))
        expect([...written].filter(([, text]) => text.includes(password)).map(([where]) => where)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 180_000);

  it('a hub that cannot start is said once, and the kiosk starts all the same', async () => {
    const base = mkdtempSync(join(tmpdir(), 'kiosk-start-hub-'));
    // Another program holds the demo hub's port.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const hubPort = (holder.address() as { port: number }).port;
    const run = spawnNpmStart(['--data-dir', join(base, 'kiosk'), '--hub-port', String(hubPort)]);
    try {
      await waitFor(
        'KIOSK_URL and the hub’s failure',
        () =>
          Promise.resolve(
            /^KIOSK_URL=/m.test(run.out()) && run.err().includes('the demo hub could not start') ? true : undefined,
          ),
        45_000,
      );
      const kioskUrl = /^KIOSK_URL=(\S+)$/m.exec(run.out())![1]!;
      expect(await kioskHealth(kioskUrl)).toBe(200);
      expect(run.err().match(/demo hub/g)).toHaveLength(1);
      expect(run.err()).toMatch(/the demo hub could not start \(.*EADDRINUSE.*\); the kiosk runs without it/);
      expect(run.out()).not.toMatch(/^HUB_URL=/m);
    } finally {
      await run.stop();
      holder.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
