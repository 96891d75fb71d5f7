import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_REQUEST_HEADER } from '../../common/hub/api/contract';
import { DEMO_CONFIG } from '../../scripts/lib/paths';
import { programArgs, type ProgramName } from '../../hub/testing/programs';

/**
 * The hub and the CLIs around it as separate processes, as people run them:
 * `npm run hub`, `hubctl` on the hub's data directory, and a kiosk's
 * `kioskctl` on its own. Node alone (no test runner, no DOM): the call
 * bench runs the hub with these too.
 */

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  LANG: 'C.UTF-8',
  ...extra,
});

function run(program: ProgramName, args: string[], extraEnv: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...programArgs(program), ...args], {
      env: env(extraEnv),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** The kiosk's CLI on the demo configuration and the kiosk data directory `dataDir`. */
export function kioskctl(dataDir: string, args: string[]): Promise<Run> {
  return run('kioskctl', [...args, '--data-dir', dataDir], { KIOSK_CONFIG: DEMO_CONFIG });
}

/** The hub operators' CLI on the hub's data directory; `input` is its standard input (--password-stdin). */
export function hubctl(dataDir: string, args: string[], input?: string, testEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run('hubctl', [...args, '--data-dir', dataDir], testEnv, input);
}

/** A one-time enrollment code for a kiosk of `region` at `site`, made with hubctl; pre-approved, the kiosk is approved as it registers. */
export async function enrollCode(
  hubDir: string,
  place: { region: string; site: string; preApprove?: boolean },
): Promise<string> {
  const made = await hubctl(hubDir, [
    'enroll-code',
    '--region',
    place.region,
    '--site',
    place.site,
    ...(place.preApprove === false ? [] : ['--pre-approve']),
    '--json',
  ]);
  if (made.code !== 0) throw new Error(`hubctl enroll-code failed (${made.code}): ${made.stderr}`);
  return (JSON.parse(made.stdout) as { code: string }).code;
}

export interface HubAccount {
  login: string;
  password: string;
  name: string;
}

/** Adds `account` with `role` in `region` with hubctl, on the hub's data directory `hubDir`. */
async function addAccount(
  hubDir: string,
  role: 'lawyer' | 'case-officer',
  region: string,
  account: HubAccount,
): Promise<void> {
  const added = await hubctl(
    hubDir,
    [
      'user',
      'add',
      '--login',
      account.login,
      '--role',
      role,
      '--region',
      region,
      '--name',
      account.name,
      '--password-stdin',
    ],
    account.password,
  );
  if (added.code !== 0) throw new Error(`hubctl user add ${account.login} failed (${added.code}): ${added.stderr}`);
}

/** Adds `account` as a lawyer of `region` with hubctl, on the hub's data directory `hubDir`. */
export const addLawyer = (hubDir: string, region: string, account: HubAccount): Promise<void> =>
  addAccount(hubDir, 'lawyer', region, account);

/** Adds `account` as a case officer of `region` with hubctl, on the hub's data directory `hubDir`. */
export const addCaseOfficer = (hubDir: string, region: string, account: HubAccount): Promise<void> =>
  addAccount(hubDir, 'case-officer', region, account);

/** A kiosk registered with `code` as a kiosk's service does it (its own key pair); the code pre-approved, it is approved. */
export async function registerKiosk(
  url: string,
  code: string,
  kiosk: { terminalId: string; displayName: string },
): Promise<{ id: number; privateKey: KeyObject }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const res = await fetch(`${url}/api/kiosk/register`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      ...kiosk,
    }),
  });
  const answer = (await res.json()) as { outcome?: string; kioskId?: number };
  if (answer.outcome !== 'registered' || answer.kioskId === undefined)
    throw new Error(`the hub did not register ${kiosk.terminalId}: ${JSON.stringify(answer)}`);
  return { id: answer.kioskId, privateKey };
}

export interface HubProcess {
  child: ChildProcess;
  /** The HUB_URL line's URL, once the hub is ready. */
  url: Promise<string>;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * `npm run hub`'s program on a free port of 127.0.0.1 (or on `port`, to
 * start it again where it was), with its data in `dataDir` and `settings`
 * in its configuration file beside `listen` (hub/config/schema.ts).
 */
export function startHubProcess(
  dataDir: string,
  testEnv: NodeJS.ProcessEnv = {},
  port = 0,
  settings: Record<string, unknown> = {},
): HubProcess {
  const config = join(dataDir, 'hub.json');
  writeFileSync(config, JSON.stringify({ listen: { port }, ...settings }));
  const child = spawn(process.execPath, [...programArgs('hub'), '--config', config, '--data-dir', dataDir], {
    env: env(testEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      logs.push(d.toString());
      const line = /^HUB_URL=(\S+)$/m.exec(logs.join(''));
      if (line !== null) resolve(line[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
    child.on('exit', (code) => reject(new Error(`the hub ended (${code}) before it was ready: ${logs.join('')}`)));
  });
  return {
    child,
    url,
    logs,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null && child.kill('SIGTERM')) await exited;
    },
  };
}

/**
 * A kiosk of `region` enrolled on the hub at `url` (data in `dataDir`) as a
 * terminal would be: a pre-approving code from hubctl, then the kiosk's own
 * key registered with it. Answers its id and private key, to sign with.
 */
export async function enrollKioskAt(
  url: string,
  dataDir: string,
  kiosk: { region: string; terminalId: string; displayName: string },
): Promise<{ id: number; privateKey: KeyObject }> {
  const made = await hubctl(dataDir, ['enroll-code', '--region', kiosk.region, '--pre-approve', '--json']);
  if (made.code !== 0) throw new Error(`hubctl enroll-code failed: ${made.stderr}`);
  const { code } = JSON.parse(made.stdout) as { code: string };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const res = await fetch(`${url}/api/kiosk/register`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      terminalId: kiosk.terminalId,
      displayName: kiosk.displayName,
    }),
  });
  const answer = (await res.json()) as { outcome: string; kioskId: number };
  if (answer.outcome !== 'registered') throw new Error(`the kiosk was not registered: ${JSON.stringify(answer)}`);
  return { id: answer.kioskId, privateKey };
}

/** Signs an account that needs no second factor in at the hub at `url`, as its page would; answers the session's token. */
export async function signInAt(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session/sign-in`, {
    method: 'POST',
    headers: { [HUB_REQUEST_HEADER]: '1', 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ login, password }),
  });
  const token = /hub-session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (token === undefined) throw new Error(`sign-in refused: ${res.status} ${await res.text()}`);
  return token;
}
