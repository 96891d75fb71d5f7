import type { Input } from 'electron';

/**
 * Keys swallowed before the page or Chromium sees them. The kiosk is driven by
 * touch and its own on-screen keyboard, which never produces a modifier chord,
 * so any chord comes from a keyboard someone plugged in — and every Chromium
 * chord is an escape or a leak here: close/quit, reload, devtools, zoom, print
 * and save dialogs, find, view-source, and paste of what the previous citizen
 * copied. Plain typing (letters, digits, Shift, Enter, arrows, Escape) passes.
 */
export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt'>;

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

export function shouldBlockInput(input: KeyInput): boolean {
  if (input.control || input.meta || input.alt) return true;
  if (FUNCTION_KEY.test(input.key) || FUNCTION_KEY.test(input.code)) return true;
  return BROWSER_KEYS.has(input.key) || BROWSER_KEYS.has(input.code);
}
