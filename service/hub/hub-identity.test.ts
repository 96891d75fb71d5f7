import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubUrlProblem, keyFile, newKioskKeyPair, normaliseHubUrl, readIdentity, saveIdentity } from './hub-identity';

describe('the hub URL a kiosk accepts', () => {
  it('HTTPS anywhere; plain HTTP only on this machine', () => {
    for (const url of [
      'https://hub.example.gov.cn',
      'https://hub.example.gov.cn:8443/',
      'http://127.0.0.1:8740',
      'http://127.8.9.1',
      'http://localhost:8740',
      'http://[::1]:8740',
    ])
      expect(hubUrlProblem(url), url).toBeUndefined();
    for (const url of [
      'http://hub.example.gov.cn',
      'http://10.0.0.5:8740',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://[::ffff:10.0.0.5]',
      'ftp://hub.example.gov.cn',
      'https://user:pw@hub.example.gov.cn',
      'https://hub.example.gov.cn/?x=1',
      'hub.example.gov.cn',
    ])
      expect(hubUrlProblem(url), url).toBeDefined();
    expect(normaliseHubUrl('https://hub.example.gov.cn/')).toBe('https://hub.example.gov.cn');
  });
});

describe('the kiosk’s identity files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keep the private key and the enrollment owner-only, and read back the same key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-identity-'));
    dirs.push(dataDir);
    const keys = newKioskKeyPair();
    const enrollment = {
      hubUrl: 'https://hub.example.gov.cn',
      kioskId: 3,
      keyFingerprint: keys.fingerprint,
      enrolledAt: '2026-03-02T01:00:00.000Z',
      status: 'pending' as const,
      checkedAt: '2026-03-02T01:00:00.000Z',
    };
    const old = process.umask(0o022);
    try {
      saveIdentity(dataDir, keys.privateKey, enrollment);
    } finally {
      process.umask(old);
    }
    expect(statSync(keyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'hub', 'enrollment.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'hub')).mode & 0o777).toBe(0o700);
    const identity = readIdentity(dataDir)!;
    expect(identity.enrollment).toEqual(enrollment);
    expect(identity.privateKey.export({ format: 'der', type: 'pkcs8' })).toEqual(
      keys.privateKey.export({ format: 'der', type: 'pkcs8' }),
    );
  });
});
