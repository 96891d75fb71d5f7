import { describe, expect, it } from 'vitest';
import { kioskDataDir } from '../../electron/data-dir';
import { resolveDataDir } from '../../service/data-dir';

// The Electron shell writes run/shell.json beside the service's run/service.json;
// the Chromium shell (npm start) uses the service's own function.
describe('the shells and the service', () => {
  it('agree on the data directory', () => {
    expect(kioskDataDir({})).toBe(resolveDataDir(undefined, {}));
    expect(kioskDataDir({ KIOSK_DATA_DIR: '/var/lib/kiosk' })).toBe(
      resolveDataDir(undefined, { KIOSK_DATA_DIR: '/var/lib/kiosk' }),
    );
  });
});
