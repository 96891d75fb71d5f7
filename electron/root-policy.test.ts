import { describe, expect, it } from 'vitest';
import { decideRoot } from './root-policy';

describe('running the shell as root', () => {
  it('runs sandboxed as any other user, whatever the environment says', () => {
    expect(decideRoot(1000, {})).toEqual({ run: true, sandbox: true });
    expect(decideRoot(1000, { KIOSK_ALLOW_ROOT: '1' })).toEqual({ run: true, sandbox: true });
    // No getuid (Windows): nothing to refuse.
    expect(decideRoot(undefined, {})).toEqual({ run: true, sandbox: true });
  });

  it('refuses root with the reason and the way out', () => {
    for (const env of [{}, { KIOSK_ALLOW_ROOT: '' }, { KIOSK_ALLOW_ROOT: 'yes' }, { KIOSK_ALLOW_ROOT: '0' }]) {
      const d = decideRoot(0, env);
      expect(d.run).toBe(false);
      if (!d.run) expect(d.reason).toMatch(/refuses to run as root.*sandbox.*KIOSK_ALLOW_ROOT=1/s);
    }
  });

  it('lets tests run as root, without the sandbox', () => {
    expect(decideRoot(0, { KIOSK_ALLOW_ROOT: '1' })).toEqual({ run: true, sandbox: false });
  });
});
