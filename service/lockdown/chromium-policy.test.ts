import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  comparePolicy,
  installedPolicyPath,
  installPolicy,
  installRefusal,
  POLICY_FILE_NAME,
  readInstalledPolicy,
  SHIPPED_POLICY_FILE,
} from './chromium-policy';

const work = mkdtempSync(join(tmpdir(), 'kiosk-policy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const shipped = readFileSync(SHIPPED_POLICY_FILE, 'utf8');

describe('comparing the installed policy with the shipped one', () => {
  it('tells identical, re-indented, different, invalid and missing apart', () => {
    expect(comparePolicy(shipped, { state: 'present', text: shipped })).toBe('identical');
    expect(comparePolicy(shipped, { state: 'present', text: JSON.stringify(JSON.parse(shipped)) })).toBe('identical');
    const loosened = { ...(JSON.parse(shipped) as Record<string, unknown>), DeveloperToolsAvailability: 1 };
    expect(comparePolicy(shipped, { state: 'present', text: JSON.stringify(loosened) })).toBe('different');
    expect(comparePolicy(shipped, { state: 'present', text: shipped.slice(0, -3) })).toBe('invalid');
    expect(comparePolicy(shipped, { state: 'missing' })).toBe('missing');
  });

  it('reads a directory without the file as missing', () => {
    expect(readInstalledPolicy(join(work, 'nothing-here'))).toEqual({ state: 'missing' });
  });
});

describe('installing the policy', () => {
  it('refuses anyone but root, saying why and how', () => {
    expect(installRefusal(0, '/etc/chromium/policies/managed')).toBeUndefined();
    const refusal = installRefusal(1000, '/etc/chromium/policies/managed');
    expect(refusal).toContain('needs root');
    expect(refusal).toContain('uid 1000');
    expect(refusal).toContain('sudo npm run kioskctl -- shell install-policy');
    expect(installRefusal(undefined, '/x')).toContain('only on Linux');
  });

  it.skipIf(process.getuid?.() !== 0)(
    'creates the directories 0755 and the file 0644, owned by root, identical to the shipped one',
    () => {
      const dir = join(work, 'etc', 'chromium', 'policies', 'managed');
      const file = installPolicy(shipped, dir);
      expect(file).toBe(join(dir, POLICY_FILE_NAME));
      for (const d of [
        join(work, 'etc'),
        join(work, 'etc', 'chromium'),
        join(work, 'etc', 'chromium', 'policies'),
        dir,
      ]) {
        expect((statSync(d).mode & 0o777).toString(8), d).toBe('755');
      }
      const st = statSync(file);
      expect((st.mode & 0o777).toString(8)).toBe('644');
      expect([st.uid, st.gid]).toEqual([0, 0]);
      expect(comparePolicy(shipped, readInstalledPolicy(dir))).toBe('identical');
    },
  );

  it.skipIf(process.getuid?.() !== 0)('replaces a changed copy', () => {
    const dir = join(work, 'replace');
    installPolicy(shipped, dir);
    writeFileSync(installedPolicyPath(dir), '{"DeveloperToolsAvailability": 1}');
    expect(comparePolicy(shipped, readInstalledPolicy(dir))).toBe('different');
    installPolicy(shipped, dir);
    expect(comparePolicy(shipped, readInstalledPolicy(dir))).toBe('identical');
  });
});
