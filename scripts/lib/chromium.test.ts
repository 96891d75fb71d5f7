import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, findChromium, hasDisplay } from './chromium';

describe('Chromium fallback shell', () => {
  it('opens the URL as a kiosk app with a fresh profile and the hardening flags', () => {
    const args = chromiumKioskArgs({ url: 'http://127.0.0.1:1/#secret=s', profileDir: '/tmp/p', runningAsRoot: false });
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/#secret=s');
    expect(args).toContain('--user-data-dir=/tmp/p');
    for (const flag of ['--touch-events=enabled', '--disable-pinch', '--noerrdialogs', '--disable-session-crashed-bubble', '--overscroll-history-navigation=0', '--disable-background-networking', '--no-first-run', '--js-flags=--max-opt=1']) {
      expect(args).toContain(flag);
    }
    expect(args).not.toContain('--no-sandbox');
  });
  it('adds --no-sandbox only as root', () => {
    expect(chromiumKioskArgs({ url: 'u', profileDir: 'p', runningAsRoot: true })).toContain('--no-sandbox');
  });
  it('prefers CHROMIUM_PATH, then Debian’s chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c' }, (p) => p === '/opt/c' || p === '/usr/bin/chromium')).toBe('/opt/c');
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium({}, () => false)).toBeUndefined();
  });
  it('needs X11 or Wayland on Linux', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});
