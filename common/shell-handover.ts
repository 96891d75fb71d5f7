import { SECRET_COOKIE } from './api/contract';

/**
 * How a shell hands the service's per-boot secret to its window without
 * putting it in a URL (a URL ends up in argv, logs, and the browser's history
 * and session files) and without DevTools access to the page, which the
 * kiosk's browser policy turns off (and with it any attaching to a page over
 * the DevTools protocol): as a cookie the shell sets in the browser's cookie
 * store before the page loads — Chromium's `Storage.setCookies` on the
 * browser's own DevTools session, Electron's `session.cookies.set`.
 *
 * HttpOnly, so no script in the page can read it; SameSite=Strict and
 * host-only, so only requests to 127.0.0.1 from 127.0.0.1 carry it; no
 * expiry, so it lives in memory only and is never written to the profile.
 * The service accepts it only on requests the browser marks as the page's
 * own (service/http/request-guard.ts). A new boot's cookie replaces the old.
 */
export interface SecretCookie {
  name: string;
  value: string;
  /** The cookie's scope: the service's origin. */
  url: string;
  httpOnly: true;
  sameSite: 'Strict';
}

export function secretCookie(origin: string, secret: string): SecretCookie {
  return { name: SECRET_COOKIE, value: secret, url: `${origin}/`, httpOnly: true, sameSite: 'Strict' };
}

/** What the window loads: the service's origin, with nothing after it. */
export function kioskPageUrl(origin: string): string {
  return `${origin}/`;
}
