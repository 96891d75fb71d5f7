/**
 * Headers on every answer. The CSP allows only our own scripts and styles —
 * no inline script, no eval — so even injected content cannot run code in
 * the page. `connectSources` are the sockets the page may open besides its
 * own origin's (the kiosk names its loopback address under both names).
 * `styleNonce`, on a page's own answer only, lets the `<style>` elements
 * that carry it apply (a UI library that makes its styles at run time).
 */
export function securityHeaders(connectSources: readonly string[], styleNonce?: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce === undefined ? "style-src 'self'" : `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
