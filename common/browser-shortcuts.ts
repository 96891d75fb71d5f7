/**
 * Keys a kiosk swallows before the page or the browser acts on them. The
 * kiosk is driven by touch and its own on-screen keyboard, which never
 * produces a modifier chord, so any chord comes from a keyboard someone
 * plugged in — and every browser chord is an escape or a leak here:
 * close/quit, new tab or window, reload, DevTools, zoom, print and save
 * dialogs, find, view-source, and paste of what the previous citizen copied.
 * Plain typing (letters, digits, Shift, Enter, arrows, Escape) passes.
 * Used by the Electron shell (before-input-event) and by the page itself in
 * every shell (renderer/app/key-guard.ts).
 */
export interface KeyPress {
  key: string;
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  /** Only Shift+Escape needs it (Chromium's task manager, which can end the kiosk's own processes). */
  shift?: boolean;
}

// F5 reload, F11 fullscreen, F12 devtools, F7 caret browsing, F10 menu…: none
// is wanted, and a blanket rule cannot miss one.
const FUNCTION_KEY = /^F([1-9]|1\d|2[0-4])$/;

// Dedicated keys on multimedia keyboards and remotes.
const BROWSER_KEYS: ReadonlySet<string> = new Set([
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserStop',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserHome',
]);

export function isBrowserShortcut(press: KeyPress): boolean {
  if (press.control || press.meta || press.alt) return true;
  if (FUNCTION_KEY.test(press.key) || FUNCTION_KEY.test(press.code)) return true;
  if (press.shift === true && press.key === 'Escape') return true;
  return BROWSER_KEYS.has(press.key) || BROWSER_KEYS.has(press.code);
}
