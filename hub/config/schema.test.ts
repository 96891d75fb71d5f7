import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatConfigReport } from '../../server-kit/config/json-config';
import { loadHubConfig } from './load-hub-config';
import { hubConfigJsonSchema } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(config: unknown, name = 'hub.json') {
  const file = join(dir, name);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return loadHubConfig(file);
}
const problems = (config: unknown) => {
  const r = load(config);
  return r.ok ? [] : r.error.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('the hub’s configuration', () => {
  it('hub-config.schema.json is the JSON Schema generated from the zod schema (regenerate with `npm run hubctl -- config schema`)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, 'hub-config.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(hubConfigJsonSchema());
  });

  it('accepts the shipped files', () => {
    for (const file of ['local.json', 'hub.example.json']) {
      const r = loadHubConfig(join(import.meta.dirname, file));
      expect(r.ok, file).toBe(true);
    }
  });

  it('fills defaults, and resolves paths against the file’s folder', () => {
    const r = load({ dataDir: 'data', tls: { certFile: 'tls/cert.pem', keyFile: '/etc/hub/key.pem' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.config).toMatchObject({
      listen: { host: '127.0.0.1', port: 8740 },
      trustedProxies: [],
      totpIssuer: '无人律所',
    });
    expect(r.value.config.publicOrigin).toBeUndefined();
    expect(r.value.dataDir).toBe(join(dir, 'data'));
    expect(r.value.tls).toEqual({ certFile: join(dir, 'tls/cert.pem'), keyFile: '/etc/hub/key.pem' });
  });

  it('takes a public origin as scheme, host and port only, and plain HTTP only on loopback', () => {
    expect(load({ publicOrigin: 'https://hub.example.gov.cn/' }).ok).toBe(true);
    expect(load({ publicOrigin: 'http://127.0.0.1:8740' }).ok).toBe(true);
    expect(problems({ publicOrigin: 'http://hub.example.gov.cn' })).toEqual([
      'publicOrigin: must be https:// (plain http:// only on 127.0.0.1 or localhost): passwords and cookies cross it (got "http://hub.example.gov.cn")',
    ]);
    expect(problems({ publicOrigin: 'https://hub.example.gov.cn/console' })[0]).toMatch(/no path, query or user/);
    expect(problems({ publicOrigin: 'hub.example.gov.cn' })[0]).toMatch(/expected/);
  });

  it('takes a TURN server for calls: its URLs, its secret’s file next to the configuration, a credential lifetime', () => {
    const r = load({ turn: { urls: ['turns:turn.example.gov.cn:443?transport=tcp'], secretFile: 'keys/turn-secret' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.turn).toEqual({
      urls: ['turns:turn.example.gov.cn:443?transport=tcp'],
      secretFile: join(dir, 'keys/turn-secret'),
      ttlSeconds: 600,
      relayOnly: false,
    });
    const none = load({});
    expect(none.ok && none.value.turn).toBeUndefined();
    expect(problems({ turn: { urls: ['https://turn.example.gov.cn'], secretFile: 'x', ttlSeconds: 5 } })).toEqual([
      expect.stringMatching(/^turn\.urls\[0\]: expected a TURN URL/),
      expect.stringMatching(/^turn\.ttlSeconds: /),
    ]);
    // The secret itself never goes in the file.
    expect(problems({ turn: { urls: ['turn:127.0.0.1:3478'], secretFile: 'x', secret: 'abc' } })).toHaveLength(1);
  });

  it('reports every problem at once, each with its JSON path', () => {
    const r = load({
      listen: { host: 'example.org', port: 70000 },
      trustedProxies: ['10.0.0.0/8', '10.0.0.0/33', 'proxy.local'],
      totpIsuer: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems.map((p) => p.path)).toEqual([
      'listen.host',
      'listen.port',
      'trustedProxies[1]',
      'trustedProxies[2]',
      '(root)',
    ]);
    expect(formatConfigReport(r.error)).toMatch(
      /^Configuration .*hub\.json is invalid \(5 problems\):\n {2}- listen\.host: /,
    );
  });

  it('says where a JSON syntax error is, and when the file cannot be read', () => {
    expect(problems('{\n  "listen": { "port": 8740, }\n}')).toEqual([
      expect.stringMatching(/^\(file\): not valid JSON at line 2, column \d+/),
    ]);
    expect(loadHubConfig(join(dir, 'nothing.json'))).toMatchObject({
      ok: false,
      error: { problems: [{ path: '(file)', message: 'cannot read configuration: file not found' }] },
    });
  });
});
