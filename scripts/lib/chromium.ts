import { existsSync } from 'node:fs';
import { RENDERER_JS_FLAGS } from '../../electron/renderer-js-flags';

/** What the window shows until the shell has locked it and opens the service: the kiosk's calm background, no URL worth logging. */
export const BLANK_START_PAGE = 'data:text/html,<body style="background:%23f4f1ea">';

/**
 * Features of Chromium's own UI that would draw over the kiosk or call out
 * to Google: the translate offer (the page is Chinese, the browser's locale
 * often is not), the cast/media controls, optimisation hints, autofill and
 * feed downloads. One flag: a second `--disable-features` replaces the first.
 */
export const DISABLED_FEATURES = [
  'Translate',
  'MediaRouter',
  'GlobalMediaControls',
  'OptimizationHints',
  'AutofillServerCommunication',
  'InterestFeedContentSuggestions',
  'CertificateTransparencyComponentUpdater',
];

/**
 * The fallback shell: Debian's Chromium in kiosk mode, driven over
 * `--remote-debugging-pipe` (scripts/lib/kiosk-chromium.ts), which locks the
 * window to the service's origin and hands the secret to the page — so the
 * command line carries no URL of the service, let alone its secret.
 * Flags from the kiosk hardening notes: no pinch zoom, no swipe-back, no
 * crash bubbles, infobars, first-run or default-browser prompts, no
 * background calls to Google services (which also fail on a closed network),
 * and a fresh profile every start so nothing of a previous citizen survives
 * in the browser. V8 runs the page as the Electron shell does
 * (electron/renderer-js-flags.ts).
 */
export function chromiumKioskArgs(opts: { profileDir: string; sandbox: boolean }): string[] {
  const args = [
    '--kiosk',
    '--start-fullscreen',
    // Without a window manager Chromium places a new window at +10+10; the
    // shell then sizes it to the screen over the pipe.
    '--window-position=0,0',
    `--app=${BLANK_START_PAGE}`,
    `--user-data-dir=${opts.profileDir}`,
    '--remote-debugging-pipe',
    '--touch-events=enabled',
    '--disable-pinch',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--hide-crash-restore-bubble',
    '--overscroll-history-navigation=0',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    // A permission request (camera, location, notifications…) is answered no instead of with a bubble.
    '--deny-permission-prompts',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    '--password-store=basic',
    `--js-flags=${RENDERER_JS_FLAGS}`,
  ];
  // Only for tests and CI containers that run as root (KIOSK_ALLOW_ROOT=1):
  // Chromium's sandbox cannot run as root, and a kiosk is never root.
  // --test-type keeps Chromium from putting its "unsupported command-line
  // flag" infobar over the kiosk for that --no-sandbox.
  if (!opts.sandbox) args.push('--no-sandbox', '--test-type');
  return args;
}

/** What a video consultation needs of the browser: the camera and the microphone. */
export const CALL_MEDIA_PERMISSIONS = ['camera', 'microphone'] as const;

/**
 * The DevTools commands that let the kiosk's page, and no other origin, use
 * the camera and microphone without a prompt (which --deny-permission-prompts
 * would answer no): the Chromium shell's equivalent of the managed policy's
 * VideoCaptureAllowedUrls/AudioCaptureAllowedUrls and of the Electron shell's
 * permission handlers. Whatever an earlier origin was granted (the service
 * restarted on another port) is taken back first.
 */
export function mediaPermissionCommands(origin: string): { method: string; params: Record<string, unknown> }[] {
  return [
    { method: 'Browser.resetPermissions', params: {} },
    ...CALL_MEDIA_PERMISSIONS.map((name) => ({
      method: 'Browser.setPermission',
      params: { permission: { name }, setting: 'granted', origin },
    })),
  ];
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
