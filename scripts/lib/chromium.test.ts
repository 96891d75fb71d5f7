import { describe, expect, it } from 'vitest';
import { BLANK_START_PAGE, chromiumKioskArgs, findChromium, hasDisplay, mediaPermissionCommands } from './chromium';

describe('Chromium fallback shell', () => {
  it('opens a blank kiosk app window with a fresh profile, the DevTools pipe and the hardening flags', () => {
    const args = chromiumKioskArgs({ profileDir: '/tmp/p', sandbox: true });
    expect(args).toContain('--kiosk');
    expect(args).toContain(`--app=${BLANK_START_PAGE}`);
    expect(args).toContain('--user-data-dir=/tmp/p');
    expect(args).toContain('--remote-debugging-pipe');
    for (const flag of [
      '--touch-events=enabled',
      '--disable-pinch',
      '--noerrdialogs',
      '--disable-session-crashed-bubble',
      '--overscroll-history-navigation=0',
      '--disable-background-networking',
      '--no-first-run',
      '--no-default-browser-check',
      '--deny-permission-prompts',
      '--js-flags=--max-opt=1',
    ]) {
      expect(args).toContain(flag);
    }
    // One --disable-features (a second would replace the first), translate among them.
    const features = args.filter((a) => a.startsWith('--disable-features='));
    expect(features).toHaveLength(1);
    expect(features[0]!.split('=')[1]!.split(',')).toContain('Translate');
    expect(args).not.toContain('--no-sandbox');
  });
  it('carries no address of the service (and so no secret) on its command line', () => {
    for (const arg of chromiumKioskArgs({ profileDir: '/tmp/p', sandbox: true }))
      expect(arg).not.toMatch(/127\.0\.0\.1|secret|remote-debugging-port/);
  });
  it('turns the sandbox off only when told (root in tests), and then hides the flag warning', () => {
    const args = chromiumKioskArgs({ profileDir: 'p', sandbox: false });
    expect(args).toContain('--no-sandbox');
    expect(args).toContain('--test-type');
    expect(chromiumKioskArgs({ profileDir: 'p', sandbox: true })).not.toContain('--test-type');
  });
  it('prefers CHROMIUM_PATH, then Debian’s chromium', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c' }, (p) => p === '/opt/c' || p === '/usr/bin/chromium')).toBe(
      '/opt/c',
    );
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium({}, () => false)).toBeUndefined();
  });
  it('needs X11 or Wayland on Linux', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
  it('grants the camera and microphone to the kiosk’s origin alone, taking back what an earlier origin had', () => {
    const commands = mediaPermissionCommands('http://127.0.0.1:43117');
    expect(commands[0]).toEqual({ method: 'Browser.resetPermissions', params: {} });
    expect(commands.slice(1)).toEqual([
      {
        method: 'Browser.setPermission',
        params: { permission: { name: 'camera' }, setting: 'granted', origin: 'http://127.0.0.1:43117' },
      },
      {
        method: 'Browser.setPermission',
        params: { permission: { name: 'microphone' }, setting: 'granted', origin: 'http://127.0.0.1:43117' },
      },
    ]);
    // Only capture, only for that origin: no other permission, no command without an origin.
    for (const c of commands.slice(1)) expect(c.params['origin']).toBe('http://127.0.0.1:43117');
  });
});
