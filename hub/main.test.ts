import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_REQUEST_HEADER } from '../common/hub/api/contract';
import { hashPassword } from './accounts/passwords';
import { HUB_SCHEMA_VERSION, migrateHub, schemaVersion } from './storage/migrate';
import { addUser } from './storage/users';
import { ENGINES, useTestStorage } from './testing/test-storage';
import { programArgs } from './testing/programs';

const START_TIMEOUT_MS = 30_000;

interface Hub {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** The HUB_URL line's URL, once printed; undefined if the hub ended first. */
  url: Promise<string | undefined>;
  exited: Promise<number | null>;
}

/** `npm run hub` as a supervisor runs it: its own process, our test's storage, nothing else from our environment. */
function startHubProcess(args: string[], env: NodeJS.ProcessEnv): Hub {
  const child = spawn(process.execPath, [...programArgs('hub'), ...args], {
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string | undefined>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout.push(...d.toString().split('\n').filter(Boolean));
      const line = stdout.find((l) => l.startsWith('HUB_URL='));
      if (line !== undefined) resolve(line.slice('HUB_URL='.length));
    });
    void exited.then(() => resolve(undefined));
  });
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  return { child, stdout, stderr, url, exited };
}

function writeConfig(dir: string, config: object): string {
  const file = join(dir, 'hub.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe.each(ENGINES)('npm run hub on %s', (engine) => {
  const t = useTestStorage(engine, { migrate: false });

  it(
    'migrates the database at start, prints HUB_URL when ready, answers, and stops cleanly on SIGTERM',
    async () => {
      const config = writeConfig(t.dataDir, { listen: { port: 0 } });
      const hub = startHubProcess(['--config', config, '--data-dir', t.dataDir], t.env());
      const url = await hub.url;
      expect(url, hub.stderr.join('')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await schemaVersion(t.storage.db)).toBe(HUB_SCHEMA_VERSION);
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const refused = await fetch(`${url}/api/session/me`, { headers: { [HUB_REQUEST_HEADER]: '1' } });
      expect(refused.status).toBe(401);

      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      const lines = hub.stdout.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l['msg'])).toEqual(expect.arrayContaining(['hub ready', 'shutting down', 'stopped']));
      expect(lines.every((l) => l['svc'] === 'hub')).toBe(true);
    },
    START_TIMEOUT_MS,
  );

  it(
    'refuses a database newer than itself, naming both versions, and exits 3 so a supervisor does not loop',
    async () => {
      await migrateHub(t.storage, { actor: 'system' });
      const newer = HUB_SCHEMA_VERSION + 1;
      await t.storage.db.updateTable('hub_schema').set({ version: newer }).execute();
      const config = writeConfig(t.dataDir, { listen: { port: 0 } });
      const hub = startHubProcess(['--config', config, '--data-dir', t.dataDir], t.env());
      expect(await hub.exited).toBe(3);
      expect(await hub.url).toBeUndefined();
      expect(hub.stderr.join('')).toContain(
        `has schema version ${newer}, but this hub software supports up to ${HUB_SCHEMA_VERSION}`,
      );
      expect(await schemaVersion(t.storage.db)).toBe(newer);
    },
    START_TIMEOUT_MS,
  );
});

describe('npm run hub, its configuration', () => {
  const t = useTestStorage('sqlite', { migrate: false });

  it(
    'refuses to start on a configuration with problems, listing every one, and exits 2',
    async () => {
      const config = writeConfig(t.dataDir, { listen: { port: 'eighty' }, publicOrigin: 'http://hub.example.org' });
      const hub = startHubProcess(['--config', config, '--data-dir', t.dataDir], {});
      expect(await hub.exited).toBe(2);
      const stderr = hub.stderr.join('');
      expect(stderr).toContain(`Configuration ${config} is invalid (2 problems):`);
      expect(stderr).toContain('  - listen.port: ');
      expect(stderr).toContain('  - publicOrigin: must be https://');
      expect(stderr).toContain('The hub will not start until the configuration is fixed.');
    },
    START_TIMEOUT_MS,
  );

  it(
    'refuses a HUB_REDIS_URL that is not a Redis address (exit 2), and one it cannot reach (exit 1), saying which',
    async () => {
      const config = writeConfig(t.dataDir, { listen: { port: 0 } });
      const wrong = startHubProcess(['--config', config, '--data-dir', t.dataDir], {
        HUB_REDIS_URL: 'postgres://hub@localhost/db',
      });
      expect(await wrong.exited).toBe(2);
      expect(wrong.stderr.join('')).toContain('HUB_REDIS_URL: "postgres:" is not a Redis address');

      const unreachable = startHubProcess(['--config', config, '--data-dir', t.dataDir], {
        HUB_REDIS_URL: `unix://${join(t.dataDir, 'no-redis.sock')}`,
      });
      expect(await unreachable.exited).toBe(1);
      expect(unreachable.stderr.join('')).toContain('the hub cannot start: cannot reach Redis at unix://');
      expect(unreachable.stdout.some((l) => l.startsWith('HUB_URL='))).toBe(false);
    },
    START_TIMEOUT_MS,
  );

  it(
    'serves HTTPS itself with a certificate from the configuration: HSTS, and a Secure __Host- session cookie',
    async () => {
      const cert = join(t.dataDir, 'cert.pem');
      const key = join(t.dataDir, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      await migrateHub(t.storage, { actor: 'system' });
      const password = 'Lv-shi-zhi-ban-2026!';
      await addUser(
        t.storage.db,
        {
          login: 'li.lei',
          role: 'lawyer',
          regionCode: null,
          displayName: null,
          passwordHash: await hashPassword(password),
        },
        'hubctl',
        new Date(),
      );
      const config = writeConfig(t.dataDir, { listen: { port: 0 }, tls: { certFile: 'cert.pem', keyFile: 'key.pem' } });
      const hub = startHubProcess(['--config', config, '--data-dir', t.dataDir], { HUB_DATABASE_URL: '' });
      try {
        const url = await hub.url;
        expect(url, hub.stderr.join('')).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const ca = readFileSync(cert);
        const answer = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: string }>(
          (resolve, reject) => {
            const body = JSON.stringify({ login: 'li.lei', password });
            const req = request(
              `${url}/api/session/sign-in`,
              {
                method: 'POST',
                ca,
                headers: { 'content-type': 'application/json', origin: url, [HUB_REQUEST_HEADER]: '1' },
              },
              (res) => {
                let text = '';
                res.on('data', (d: Buffer) => (text += d.toString()));
                res.on('end', () => resolve({ headers: res.headers, body: text }));
              },
            );
            req.on('error', reject);
            req.end(body);
          },
        );
        expect(JSON.parse(answer.body)).toMatchObject({ outcome: 'signed-in' });
        expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(String(answer.headers['set-cookie'])).toMatch(
          /^__Host-hub-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/,
        );
      } finally {
        hub.child.kill('SIGTERM');
        await hub.exited;
      }
    },
    START_TIMEOUT_MS,
  );
});
