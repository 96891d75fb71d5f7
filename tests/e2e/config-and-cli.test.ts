import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG, ROOT, runServiceExpectingExit, startKiosk } from './harness';

const work = mkdtempSync(join(tmpdir(), 'kiosk-config-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The demo configuration with three values edited wrongly, as a technician might. */
function threeWrongValues(): string {
  let text = readFileSync(DEMO_CONFIG, 'utf8');
  for (const [from, to] of [
    ['"idleTimeoutSeconds": 120', '"idleTimeoutSeconds": "soon"'],
    ['"regionCode": "420111"', '"regionCode": "4201"'],
    ['"paperWidthMm": 80', '"paperWidthMm": 60'],
  ] as const) {
    if (!text.includes(from)) throw new Error(`demo.json no longer contains ${from}`);
    text = text.replace(from, to);
  }
  const file = join(work, 'three-wrong.json');
  writeFileSync(file, text);
  return file;
}

// KIOSK_ALLOW_ROOT: tests run as root, which doctor fails on a terminal (tests/e2e/kioskctl-lockdown.test.ts checks that).
function kioskctl(...args: string[]) {
  return spawnSync('npm', ['run', '-s', 'kioskctl', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KIOSK_CONFIG: '', KIOSK_ALLOW_ROOT: '1' },
  });
}

describe('an invalid configuration', () => {
  it('stops the service with a report naming every wrong path', async () => {
    const { code, stdout, stderr } = await runServiceExpectingExit([
      '--config',
      threeWrongValues(),
      '--data-dir',
      join(work, 'data'),
    ]);
    expect(code).toBe(2);
    expect(stdout).not.toContain('KIOSK_URL=');
    expect(stderr).toContain('is invalid (3 problems)');
    for (const path of ['idleTimeoutSeconds', 'location.regionCode', 'devices.receiptPrinter.paperWidthMm'])
      expect(stderr).toContain(`  - ${path}: `);
    expect(stderr).toContain('will not start until the configuration is fixed');
  });
});

describe('kioskctl', () => {
  it('config check passes the demo configuration', () => {
    const r = kioskctl('config', 'check', 'kiosk-config/demo.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid — terminal demo-0001');
  });

  it('config check fails a file with three wrong values and names all three paths', () => {
    const r = kioskctl('config', 'check', threeWrongValues());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/idleTimeoutSeconds: .*expected number.*got "soon"/);
    expect(r.stderr).toMatch(/location\.regionCode: .*6-digit.*got "4201"/);
    expect(r.stderr).toMatch(/devices\.receiptPrinter\.paperWidthMm: expected 58 or 80.*got 60/);
  });

  it('version prints the package version', () => {
    const r = kioskctl('version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('doctor reports a stopped service as a failure and a running one as reachable', async () => {
    const dataDir = join(work, 'doctor-data');
    const down = kioskctl('doctor', '--config', 'kiosk-config/demo.json', '--data-dir', dataDir, '--json');
    expect(down.status).toBe(1);
    const downChecks = JSON.parse(down.stdout) as { name: string; status: string }[];
    expect(downChecks.find((c) => c.name === 'service')?.status).toBe('fail');
    expect(downChecks.find((c) => c.name === 'configuration')?.status).toBe('pass');

    const kiosk = await startKiosk({ dataDir });
    try {
      const up = kioskctl('doctor', '--data-dir', dataDir, '--json');
      const checks = JSON.parse(up.stdout) as { name: string; status: string; detail: string }[];
      expect(checks.find((c) => c.name === 'service')).toMatchObject({
        status: 'pass',
        detail: expect.stringContaining(`port ${kiosk.port}`),
      });
      expect(checks.find((c) => c.name === 'data directory')?.status).toBe('pass');
      expect(checks.find((c) => c.name === 'ID-card reader')).toMatchObject({
        status: 'pass',
        detail: 'simulated device',
      });
      expect(up.status).toBe(0);
    } finally {
      await kiosk.stop();
    }
  });
});
