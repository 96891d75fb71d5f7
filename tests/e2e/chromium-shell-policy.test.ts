import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_POLICY_FILE } from '../../service/lockdown/chromium-policy';
import { PORTRAIT } from './harness';
import { canRunUnderPolicy, runUnderPolicy } from './policy-namespace';

/**
 * The Chromium shell under the kiosk's shipped policy, as on a terminal where
 * a technician ran `kioskctl shell install-policy`: DevTools are off, so the
 * shell may not attach to its page, yet the page must get its secret (as a
 * cookie), reach the service, stay the only window, fill the screen, and
 * follow the service when it restarts. The probe runs in a private mount
 * namespace with the policy (policy-namespace.ts).
 */

const work = mkdtempSync(join(tmpdir(), 'shell-policy-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runProbe(): Record<string, unknown> {
  return runUnderPolicy(work, readFileSync(SHIPPED_POLICY_FILE, 'utf8'), 'chromium-shell-policy-probe.ts', [], 110_000);
}

describe.skipIf(!canRunUnderPolicy)('the Chromium shell under the kiosk’s policy (DevTools off)', () => {
  it(
    'hands over the secret, keeps one window on the service, fills the screen and follows a restart',
    { timeout: 120_000 },
    () => {
      const seen = runProbe();
      expect(seen['error']).toBeUndefined();
      // The policy is in effect: no client may attach to the page.
      expect(seen['attached']).toBe(false);
      // The page fetched its slides with the cookie, and nothing it asked for was refused.
      expect(seen['reached']).toBe(true);
      expect(seen['refused']).toBe(0);
      const origins = (key: string) => new Set(seen[key] as string[]);
      expect(origins('pages').size).toBe(1);
      expect(origins('pagesAfterNewWindow')).toEqual(origins('pages'));
      const bounds = seen['bounds'] as { left: number; top: number; width: number; height: number };
      expect([bounds.left, bounds.top]).toEqual([0, 0]);
      expect(bounds.width).toBeGreaterThanOrEqual(PORTRAIT.width);
      expect(bounds.height).toBeGreaterThanOrEqual(PORTRAIT.height);
      expect(seen['reachedAfterRestart']).toBe(true);
      expect(seen['refusedAfterRestart']).toBe(0);
      expect(origins('pagesAfterRestart').size).toBe(1);
      expect(origins('pagesAfterRestart')).not.toEqual(origins('pages'));
      // The window opened elsewhere never reached its server.
      expect(seen['elsewhereHits']).toEqual([]);
    },
  );
});
