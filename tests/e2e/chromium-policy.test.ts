import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { canRunUnderPolicy, runUnderPolicy } from './policy-namespace';

/** The shipped managed policy in the real Chromium, in a private mount namespace (policy-namespace.ts). */

// Not kiosk-chromium-…: the Chromium shell removes leftover profiles by that prefix.
const work = mkdtempSync(join(tmpdir(), 'policy-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const shipped = JSON.parse(readFileSync(SHIPPED_POLICY_FILE, 'utf8')) as Record<string, unknown>;

function probe(mode: 'pages' | 'cdp', policy: Record<string, unknown>): Record<string, unknown> {
  return runUnderPolicy(work, JSON.stringify(policy), 'chromium-policy-probe.ts', [mode], 50_000);
}

describe.skipIf(!canRunUnderPolicy)('the shipped policy in Chromium', () => {
  it('is accepted whole, and only the service on 127.0.0.1 loads', () => {
    // To read chrome://policy the probe must open it and drive the page: this copy allows both. The rest is as shipped.
    const readable = {
      ...shipped,
      URLAllowlist: [...(shipped['URLAllowlist'] as string[]), 'chrome://policy'],
      DeveloperToolsAvailability: 1,
    };
    const { statuses, loads } = probe('pages', readable) as {
      statuses: Record<string, string>;
      loads: Record<string, string>;
    };
    const notOk = Object.keys(shipped)
      .filter((name) => statuses[name] !== 'OK')
      .map((name) => `${name}: ${statuses[name] ?? 'not shown'}`);
    expect(notOk).toEqual([]);
    expect(loads['own']).toBe('kiosk');
    // The service takes a new port each boot: every port of 127.0.0.1 is the kiosk's.
    expect(loads['otherPort']).toBe('other');
    // Each of these would show its page without the policy (127.0.0.2 is loopback too, and no network is needed).
    for (const blocked of ['localhost', 'otherAddress', 'data']) expect(loads[blocked], blocked).toBe('blocked');
  });

  it('keeps DevTools off even for a DevTools-protocol client on the pipe, which may still close pages', () => {
    expect(probe('cdp', shipped)).toEqual({ attach: 'Not allowed', closeTarget: 'closed' });
  });
});
