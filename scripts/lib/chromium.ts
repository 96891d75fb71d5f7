import { existsSync } from 'node:fs';
import { RENDERER_JS_FLAGS } from '../../electron/renderer-js-flags';

/**
 * The fallback shell: Debian's Chromium in kiosk mode. Flags from the kiosk
 * hardening notes: no pinch zoom, no swipe-back, no crash bubbles or
 * first-run dialogs, no background calls to Google services (which also fail
 * on a closed network), and a fresh profile every start so nothing of a
 * previous citizen survives in the browser. V8 runs the page as the Electron
 * shell does (electron/renderer-js-flags.ts).
 */
export function chromiumKioskArgs(opts: { url: string; profileDir: string; runningAsRoot: boolean; headless?: boolean }): string[] {
  const args = [
    opts.headless === true ? '--headless=new' : '--kiosk',
    `--app=${opts.url}`,
    `--user-data-dir=${opts.profileDir}`,
    '--touch-events=enabled',
    '--disable-pinch',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--overscroll-history-navigation=0',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate',
    '--password-store=basic',
    `--js-flags=${RENDERER_JS_FLAGS}`,
  ];
  // Chromium refuses to run as root with its sandbox; kiosks should run as an unprivileged user.
  if (opts.runningAsRoot) args.push('--no-sandbox');
  return args;
}

export function findChromium(env: NodeJS.ProcessEnv, exists: (p: string) => boolean = existsSync): string | undefined {
  const candidates = [env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return candidates.find((p) => exists(p));
}

/** A window can be opened: always on Windows and macOS, on Linux only with X11 or Wayland. */
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env['DISPLAY']) || Boolean(env['WAYLAND_DISPLAY']);
}
