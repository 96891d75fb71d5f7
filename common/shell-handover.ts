/**
 * How a shell hands the service's per-boot secret to the page without
 * putting it in a URL. A URL ends up in argv (`ps`), in logs and in the
 * browser's history and session files; instead the shell installs this
 * script over the DevTools protocol (`Page.addScriptToEvaluateOnNewDocument`)
 * before it opens the service's origin, so every document the kiosk window
 * loads finds the secret — and only when that document is the service's own
 * top-level page. The renderer takes it and removes it (renderer/api/secret.ts).
 */

/** The window property the shell defines and the renderer takes. */
export const SHELL_SECRET_PROPERTY = '__kioskShellSecret';

/**
 * The script's source. `origin` and `secret` are embedded as JSON string
 * literals, so no value can break out of them. Non-enumerable, so a page
 * that lists window's properties does not stumble on it.
 */
export function shellSecretScript(origin: string, secret: string): string {
  return [
    '(() => {',
    `  if (window.top !== window || location.origin !== ${JSON.stringify(origin)}) return;`,
    `  Object.defineProperty(window, ${JSON.stringify(SHELL_SECRET_PROPERTY)}, { value: ${JSON.stringify(secret)}, configurable: true, enumerable: false, writable: false });`,
    '})();',
  ].join('\n');
}
