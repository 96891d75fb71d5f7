/**
 * The kiosk window only ever shows the local service. A link, redirect or
 * script that tries to leave its origin — to the web, a file:// path, a
 * data: page — is stopped, so the kiosk cannot be turned into a browser.
 * Links are never handed to the OS either (no shell.openExternal anywhere).
 */

/** True only for a URL on exactly the service's origin (scheme, host and port). */
export function isAllowedNavigation(targetUrl: string, ourOrigin: string | null): boolean {
  if (ourOrigin === null) return false;
  try {
    return new URL(targetUrl).origin === ourOrigin;
  } catch {
    return false;
  }
}

/** Answer for every window.open / target=_blank: the kiosk has one window. */
export const DENY_WINDOW_OPEN = { action: 'deny' } as const;
